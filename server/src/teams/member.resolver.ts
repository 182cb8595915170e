import type { Role } from "@team-billing/shared";
import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import type { InvitationEntity, OrgEntity } from "../entities";
import { OrgFrom, type Rule } from "../graphql/auth-checker";
import { type GqlContext, userActor } from "../graphql/context";
import { toMember } from "../graphql/mappers";
import { InvitationPreviewType, InvitationType, MemberType } from "../graphql/types/account.type";
import { RoleEnum } from "../graphql/types/enums";
import { OrgType } from "../graphql/types/org.type";

@Resolver(() => InvitationType)
export class MemberResolver {
  @Query(() => InvitationPreviewType, {
    nullable: true,
    description:
      "What an invitation link offers (org, inviter, invited email, status); null for a link that is not valid. Needs only the token.",
  })
  invitationPreview(@Arg("token") token: string, @Ctx() ctx: GqlContext): Promise<InvitationPreviewType | null> {
    return ctx.services.invitations.preview(token);
  }

  @Authorized<Rule>("ADMIN")
  @OrgFrom("orgId")
  @Mutation(() => InvitationType)
  inviteMember(
    @Arg("orgId", () => ID) orgId: string,
    @Arg("email") email: string,
    @Arg("role", () => RoleEnum) role: Role,
    @Ctx() ctx: GqlContext,
  ): Promise<InvitationEntity> {
    return ctx.services.invitations.invite(userActor(ctx), orgId, email, role);
  }

  @Authorized<Rule>("ADMIN")
  @OrgFrom("orgId")
  @Mutation(() => Boolean, { description: "Revokes a pending invitation; its link stops working." })
  async revokeInvitation(
    @Arg("orgId", () => ID) orgId: string,
    @Arg("invitationId", () => ID) invitationId: string,
    @Ctx() ctx: GqlContext,
  ): Promise<boolean> {
    await ctx.services.invitations.revoke(userActor(ctx), orgId, invitationId);
    return true;
  }

  @Authorized<Rule>("ADMIN")
  @OrgFrom("orgId")
  @Mutation(() => InvitationType, { description: "OWNER or ADMIN: mails the invitation again with a fresh link." })
  resendInvitation(
    @Arg("orgId", () => ID) orgId: string,
    @Arg("invitationId", () => ID) invitationId: string,
    @Ctx() ctx: GqlContext,
  ): Promise<InvitationEntity> {
    return ctx.services.invitations.resend(userActor(ctx), orgId, invitationId);
  }

  @Authorized<Rule>("USER")
  @Mutation(() => MemberType)
  async acceptInvitation(@Arg("token") token: string, @Ctx() ctx: GqlContext): Promise<MemberType> {
    const actor = userActor(ctx);
    const membership = await ctx.services.invitations.accept(actor, token);
    return toMember({ membership, user: actor.user });
  }

  @Authorized<Rule>("MEMBER")
  @OrgFrom("orgId")
  @Mutation(() => Boolean, {
    description:
      "The caller leaves the org (their seat ends as a removal's would). The OWNER is refused with CONFLICT: transfer ownership first.",
  })
  async leaveOrg(@Arg("orgId", () => ID) orgId: string, @Ctx() ctx: GqlContext): Promise<boolean> {
    await ctx.services.members.leave(userActor(ctx), orgId);
    return true;
  }

  @Authorized<Rule>("ADMIN")
  @OrgFrom("orgId")
  @Mutation(() => Boolean)
  async removeMember(
    @Arg("orgId", () => ID) orgId: string,
    @Arg("memberId", () => ID) memberId: string,
    @Ctx() ctx: GqlContext,
  ): Promise<boolean> {
    await ctx.services.members.remove(userActor(ctx), orgId, memberId);
    return true;
  }

  @Authorized<Rule>("ADMIN")
  @OrgFrom("orgId")
  @Mutation(() => MemberType)
  async changeMemberRole(
    @Arg("orgId", () => ID) orgId: string,
    @Arg("memberId", () => ID) memberId: string,
    @Arg("role", () => RoleEnum) role: Role,
    @Ctx() ctx: GqlContext,
  ): Promise<MemberType> {
    return toMember(await ctx.services.members.changeRole(userActor(ctx), orgId, memberId, role));
  }

  @Authorized<Rule>("OWNER")
  @OrgFrom("orgId")
  @Mutation(() => OrgType)
  transferOwnership(
    @Arg("orgId", () => ID) orgId: string,
    @Arg("memberId", () => ID) memberId: string,
    @Ctx() ctx: GqlContext,
  ): Promise<OrgEntity> {
    return ctx.services.members.transferOwnership(userActor(ctx), orgId, memberId);
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: "Link that accepts the invitation; visible to OWNER and ADMIN of its org (not to support staff).",
  })
  async acceptUrl(@Root() invitation: InvitationEntity, @Ctx() ctx: GqlContext): Promise<string | null> {
    return (await ctx.access.hasRole(invitation.orgId, "ADMIN")) ? ctx.services.invitations.acceptUrl(invitation) : null;
  }

  @Authorized<Rule>("MEMBER")
  @OrgFrom("orgId")
  @Mutation(() => MemberType, { description: "The signed-in member's consent for this org's API keys to spend their personal credits." })
  async setPersonalCreditsAllowed(
    @Arg("orgId", () => ID) orgId: string,
    @Arg("allowed") allowed: boolean,
    @Ctx() ctx: GqlContext,
  ): Promise<MemberType> {
    return toMember(await ctx.services.members.setPersonalCreditsAllowed(userActor(ctx), orgId, allowed));
  }
}
