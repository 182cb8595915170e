import type { Plan } from "@team-billing/shared";
import { Arg, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import type { SubscriptionEntity, UserEntity } from "../../entities";
import type { GqlContext } from "../context";
import { UserType } from "../types/account.type";
import { SubscriptionType } from "../types/billing.type";
import { PlanEnum } from "../types/enums";

@Resolver(() => UserType)
export class AuthResolver {
  @Query(() => UserType, { nullable: true, description: "The signed-in user; null when signed out or calling with an API key." })
  me(@Ctx() ctx: GqlContext): UserEntity | null {
    return ctx.actor.kind === "user" ? ctx.actor.user : null;
  }

  @Mutation(() => UserType)
  async signUp(
    @Arg("email") email: string,
    @Arg("password") password: string,
    @Arg("name") name: string,
    @Ctx() ctx: GqlContext,
  ): Promise<UserEntity> {
    const { user, token } = await ctx.services.auth.signUp(email, password, name, ctx.ip);
    ctx.session.set(token);
    return user;
  }

  @Mutation(() => UserType)
  async login(@Arg("email") email: string, @Arg("password") password: string, @Ctx() ctx: GqlContext): Promise<UserEntity> {
    const { user, token } = await ctx.services.auth.login(email, password, ctx.ip);
    ctx.session.set(token);
    return user;
  }

  @Mutation(() => Boolean)
  async logout(@Ctx() ctx: GqlContext): Promise<boolean> {
    if (ctx.actor.kind === "user") await ctx.services.auth.logout(ctx.actor.sessionTokenHash);
    ctx.session.clear();
    return true;
  }

  @FieldResolver(() => PlanEnum, { description: "The user's personal plan (FREE when none)." })
  plan(@Root() user: UserEntity): Plan {
    return user.personalPlan;
  }

  @FieldResolver(() => Int, { description: "Personal credits; used only in orgs on a personal plan." })
  creditBalance(@Root() user: UserEntity, @Ctx() ctx: GqlContext): Promise<number> {
    return ctx.services.personal.balanceOf(user.id);
  }

  @FieldResolver(() => SubscriptionType, {
    nullable: true,
    description: "The user's own personal-plan subscription; visible to that user only.",
  })
  async personalSubscription(@Root() user: UserEntity, @Ctx() ctx: GqlContext): Promise<SubscriptionEntity | null> {
    if (ctx.actor.kind !== "user" || ctx.actor.user.id !== user.id) return null;
    return ctx.services.personalCheckouts.liveSubscription(user.id);
  }

  @FieldResolver(() => Boolean)
  isStaff(@Root() user: UserEntity, @Ctx() ctx: GqlContext): boolean {
    return ctx.services.auth.isStaff(user);
  }
}
