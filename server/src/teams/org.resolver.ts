import type { BillingInterval, Plan, Role } from "@team-billing/shared";
import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import { ActionPrefixArgs, PageArgs } from "../graphql/types/args.type";
import type { ApiKeyEntity, InvitationEntity, OrgEntity, SpaceEntity } from "../entities";
import { OrgFrom, type Rule } from "../graphql/auth-checker";
import { type GqlContext, userActor } from "../graphql/context";
import { toAuditEntry, toMember } from "../graphql/mappers";
import { ApiKeyType, AuditEntryConnectionType, AuditEntryType, InvitationType, MemberType, SpaceType } from "../graphql/types/account.type";
import { encodeAuditCursor } from "../common/audit.service";
import { BillingIntervalEnum, PlanEnum, RoleEnum } from "../graphql/types/enums";
import { OrgType } from "../graphql/types/org.type";

/** Who may read an org at all: its members, staff, and its API keys (any scope). */
const ORG_READERS: Rule[] = ["MEMBER", "STAFF_READ", "SCOPE:USAGE_READ", "SCOPE:USAGE_WRITE", "SCOPE:BILLING_READ"];

@Resolver(() => OrgType)
export class OrgResolver {
  @Authorized<Rule>("USER")
  @Query(() => [OrgType])
  myOrgs(@Ctx() ctx: GqlContext): Promise<OrgEntity[]> {
    return ctx.services.orgs.listForUser(userActor(ctx).user.id);
  }

  @Authorized<Rule>(...ORG_READERS)
  @OrgFrom("id")
  @Query(() => OrgType, { nullable: true, description: "An org the caller may not see answers NOT_FOUND." })
  org(@Arg("id", () => ID) id: string, @Ctx() ctx: GqlContext): Promise<OrgEntity> {
    return ctx.services.orgs.get(id, ctx.actor);
  }

  @Authorized<Rule>("USER")
  @Mutation(() => OrgType)
  createOrg(@Arg("name") name: string, @Ctx() ctx: GqlContext): Promise<OrgEntity> {
    return ctx.services.orgs.create(userActor(ctx), name);
  }

  @Authorized<Rule>("OWNER")
  @OrgFrom("orgId")
  @Mutation(() => Boolean, {
    description: "OWNER: only without a live subscription; members lose access, history is kept for support and audit.",
  })
  async deleteOrg(@Arg("orgId", () => ID) orgId: string, @Ctx() ctx: GqlContext): Promise<boolean> {
    const revoked = await ctx.services.orgs.delete(userActor(ctx), orgId);
    await ctx.services.apiKeys.evict(revoked);
    return true;
  }

  @Authorized<Rule>("ADMIN")
  @OrgFrom("orgId")
  @Mutation(() => OrgType, { description: "OWNER or ADMIN." })
  renameOrg(@Arg("orgId", () => ID) orgId: string, @Arg("name") name: string, @Ctx() ctx: GqlContext): Promise<OrgEntity> {
    return ctx.services.orgs.rename(userActor(ctx), orgId, name);
  }

  @FieldResolver(() => Date, {
    nullable: true,
    description: "When the OWNER deleted the org (only support staff still see a deleted org); null while it exists.",
  })
  deletedAt(@Root() org: OrgEntity, @Ctx() ctx: GqlContext): Promise<Date | null> {
    return ctx.services.orgs.deletedAt(org.id);
  }

  @FieldResolver(() => RoleEnum, { nullable: true, description: "The caller's role here; null for staff and API keys." })
  async myRole(@Root() org: OrgEntity, @Ctx() ctx: GqlContext): Promise<Role | null> {
    return (await ctx.access.scope(org.id))?.role ?? null;
  }

  @FieldResolver(() => PlanEnum)
  plan(@Root() org: OrgEntity, @Ctx() ctx: GqlContext): Promise<Plan> {
    return ctx.services.orgs.plan(org);
  }

  @FieldResolver(() => BillingIntervalEnum, { nullable: true })
  billingInterval(@Root() org: OrgEntity): BillingInterval | null {
    return org.billingInterval;
  }

  @FieldResolver(() => Int, { description: "Billable seats: accepted memberships, the owner included." })
  seats(@Root() org: OrgEntity, @Ctx() ctx: GqlContext): Promise<number> {
    return ctx.services.orgs.seats(org.id);
  }

  @FieldResolver(() => [MemberType])
  async members(@Root() org: OrgEntity, @Ctx() ctx: GqlContext): Promise<MemberType[]> {
    return (await ctx.services.members.list(org.id)).map(toMember);
  }

  @Authorized<Rule>("ADMIN", "STAFF_READ")
  @FieldResolver(() => [InvitationType], { description: "Pending invitations, newest first: OWNER, ADMIN and staff (never API keys)." })
  invitations(@Root() org: OrgEntity, @Ctx() ctx: GqlContext): Promise<InvitationEntity[]> {
    return ctx.services.invitations.listPending(org.id);
  }

  @FieldResolver(() => [SpaceType])
  spaces(@Root() org: OrgEntity, @Ctx() ctx: GqlContext): Promise<SpaceEntity[]> {
    return ctx.services.spaces.list(org.id);
  }

  @Authorized<Rule>("ADMIN")
  @FieldResolver(() => [ApiKeyType], { description: "Live (unrevoked) API keys: OWNER and ADMIN (support staff see no key material)." })
  apiKeys(@Root() org: OrgEntity, @Ctx() ctx: GqlContext): Promise<ApiKeyEntity[]> {
    return ctx.services.apiKeys.list(org.id);
  }

  @Authorized<Rule>("ADMIN", "STAFF_READ")
  @FieldResolver(() => [AuditEntryType], { description: "Newest first." })
  async auditLog(@Root() org: OrgEntity, @Ctx() ctx: GqlContext): Promise<AuditEntryType[]> {
    return (await ctx.services.audit.list(org.id)).map(toAuditEntry);
  }

  @Authorized<Rule>("ADMIN", "STAFF_READ")
  @FieldResolver(() => AuditEntryConnectionType, {
    description:
      'The whole log a page at a time, newest first; `first` 1 to 100 (default 50); `actionPrefix` such as "member." narrows it.',
  })
  async auditEntries(
    @Root() org: OrgEntity,
    @Ctx() ctx: GqlContext,
    @Args() { first }: PageArgs,
    @Arg("after", () => String, { nullable: true }) after: string | null,
    @Args() { actionPrefix }: ActionPrefixArgs,
  ): Promise<AuditEntryConnectionType> {
    const { views, hasNextPage } = await ctx.services.audit.page(org.id, first ?? null, after ?? null, actionPrefix ?? null);
    const edges = views.map((view) => ({ cursor: encodeAuditCursor(view.entry), node: toAuditEntry(view) }));
    return { edges, pageInfo: { hasNextPage, endCursor: edges.at(-1)?.cursor ?? null } };
  }
}
