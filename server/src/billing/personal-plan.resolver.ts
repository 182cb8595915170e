import type { Plan } from "@team-billing/shared";
import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Resolver, Root } from "type-graphql";
import { PersonalPlanArgs } from "../graphql/types/args.type";
import type { SubscriptionEntity, UserEntity } from "../entities";
import type { Rule } from "../graphql/auth-checker";
import { type GqlContext, userActor } from "../graphql/context";
import { UserType } from "../graphql/types/account.type";
import { CheckoutSessionType, SubscriptionType } from "../graphql/types/billing.type";
import { PlanEnum } from "../graphql/types/enums";

/** The signed-in user's personal plan: its fields on User, buying it through Stripe checkout, cancelling it. */
@Resolver(() => UserType)
export class PersonalPlanResolver {
  @Authorized<Rule>("USER")
  @Mutation(() => CheckoutSessionType, { description: "A personal plan (STARTER or PRO) for the signed-in user, through Stripe checkout." })
  startPersonalCheckout(@Args() { plan }: PersonalPlanArgs, @Ctx() ctx: GqlContext): Promise<CheckoutSessionType> {
    return ctx.services.personalCheckouts.start(userActor(ctx), plan);
  }

  @Authorized<Rule>("USER")
  @Mutation(() => UserType, { description: "Called by the personal checkout's success page; the webhook runs the same sync." })
  completePersonalCheckout(@Arg("sessionId", () => ID) sessionId: string, @Ctx() ctx: GqlContext): Promise<UserEntity> {
    return ctx.services.personalCheckouts.complete(userActor(ctx), sessionId);
  }

  @Authorized<Rule>("USER")
  @Mutation(() => SubscriptionType, { description: "Ends the signed-in user's personal plan at the end of the period paid for." })
  cancelPersonalPlan(@Ctx() ctx: GqlContext): Promise<SubscriptionEntity> {
    return ctx.services.personalCheckouts.cancel(userActor(ctx));
  }

  @FieldResolver(() => PlanEnum, { description: "The user's personal plan (FREE when none). The user themself and staff only." })
  plan(@Root() user: UserEntity, @Ctx() ctx: GqlContext): Plan {
    ctx.access.assertSelfOrStaff(user.id);
    return user.personalPlan;
  }

  @FieldResolver(() => Int, { description: "Personal credits; used only in orgs on a personal plan. The user themself and staff only." })
  creditBalance(@Root() user: UserEntity, @Ctx() ctx: GqlContext): Promise<number> {
    ctx.access.assertSelfOrStaff(user.id);
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
}
