import { Arg, Authorized, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from "type-graphql";
import type { UserEntity } from "../entities";
import type { Rule } from "../graphql/auth-checker";
import { type GqlContext, userActor } from "../graphql/context";
import { UserType } from "../graphql/types/account.type";

@Resolver(() => UserType)
export class AuthResolver {
  @Query(() => UserType, { nullable: true, description: "The signed-in user; null when signed out or calling with an API key." })
  me(@Ctx() ctx: GqlContext): UserEntity | null {
    return ctx.actor.kind === "user" ? ctx.actor.user : null;
  }

  @Mutation(() => UserType, {
    description:
      "Creates an account, signs it in and mails a link to verify the email. For an address that already has an account the answer looks the same but signs nobody in, and the address's owner is mailed how to sign in or reset the password: the form never tells who is registered.",
  })
  async signUp(
    @Arg("email") email: string,
    @Arg("password") password: string,
    @Arg("name") name: string,
    @Ctx() ctx: GqlContext,
  ): Promise<UserEntity> {
    const { user, token } = await ctx.services.auth.signUp(email, password, name, ctx.ip);
    // No token: the address has an account already; the answer looks the same, without a session.
    if (token) ctx.session.set(token);
    ctx.access.provedToBe(user.id);
    return user;
  }

  @Mutation(() => UserType, { description: "Starts a new session (a session this browser had before ends)." })
  async login(@Arg("email") email: string, @Arg("password") password: string, @Ctx() ctx: GqlContext): Promise<UserEntity> {
    const { user, token } = await ctx.services.auth.login(email, password, ctx.ip);
    if (ctx.actor.kind === "user") await ctx.services.auth.logout(ctx.actor.sessionTokenHash);
    ctx.session.set(token);
    ctx.access.provedToBe(user.id);
    return user;
  }

  @Authorized<Rule>("USER")
  @Mutation(() => Boolean, { description: "Ends every session of the signed-in user, this one included." })
  async logoutEverywhere(@Ctx() ctx: GqlContext): Promise<boolean> {
    await ctx.services.auth.logoutEverywhere(userActor(ctx).user.id);
    ctx.session.clear();
    return true;
  }

  @Mutation(() => UserType, { description: "Confirms the email address with the token from the verification mail's link." })
  async verifyEmail(@Arg("token") token: string, @Ctx() ctx: GqlContext): Promise<UserEntity> {
    const user = await ctx.services.auth.verifyEmail(token);
    ctx.access.provedToBe(user.id); // the link went to the user's own mailbox
    return user;
  }

  @Authorized<Rule>("USER")
  @Mutation(() => Boolean, { description: "Mails the verification link again, to the signed-in user whose email is not verified yet." })
  resendVerificationEmail(@Ctx() ctx: GqlContext): Promise<boolean> {
    return ctx.services.auth.resendVerificationEmail(userActor(ctx).user);
  }

  @Mutation(() => Boolean, { description: "Mails a reset link when the address has an account; answers true either way." })
  requestPasswordReset(@Arg("email") email: string, @Ctx() ctx: GqlContext): Promise<boolean> {
    return ctx.services.auth.requestPasswordReset(email);
  }

  @Mutation(() => Boolean, {
    description:
      "Sets a new password with the token from the reset mail's link, marks the email verified, and ends every session of the user.",
  })
  async resetPassword(@Arg("token") token: string, @Arg("password") password: string, @Ctx() ctx: GqlContext): Promise<boolean> {
    await ctx.services.auth.resetPassword(token, password);
    ctx.session.clear();
    return true;
  }

  @Mutation(() => Boolean)
  async logout(@Ctx() ctx: GqlContext): Promise<boolean> {
    if (ctx.actor.kind === "user") await ctx.services.auth.logout(ctx.actor.sessionTokenHash);
    ctx.session.clear();
    return true;
  }

  @FieldResolver(() => Boolean, {
    description:
      "Whether the user proved they own `email` by opening the link in the verification mail. Staff powers and accepting invitations need it. The user themself and staff only.",
  })
  emailVerified(@Root() user: UserEntity, @Ctx() ctx: GqlContext): boolean {
    ctx.access.assertSelfOrStaff(user.id);
    return user.emailVerifiedAt !== null;
  }

  @FieldResolver(() => Boolean, { description: "Support staff: a verified address in STAFF_EMAILS. The user themself and staff only." })
  isStaff(@Root() user: UserEntity, @Ctx() ctx: GqlContext): boolean {
    ctx.access.assertSelfOrStaff(user.id);
    return ctx.services.auth.isStaff(user);
  }
}
