import type { BillingInterval, Plan, Role } from "@team-billing/shared";
import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import type { ApiKeyEntity, InvitationEntity, OrgEntity, SpaceEntity } from "../../entities";
import { OrgFrom, type Rule, Scope } from "../auth-checker";
import { narrowToOwnUsage, type OrgScope, seesCap } from "../../services/org-access";
import { type GqlContext, userActor } from "../context";
import { parseTaxIds } from "../../stripe/billing.service";
import { toAuditEntry, toEnterpriseRequest, toInvoice, toMember, toPool } from "../mappers";
import { ApiKeyType, AuditEntryConnectionType, AuditEntryType, InvitationType, MemberType, SpaceType } from "../types/account.type";
import { encodeAuditCursor } from "../../services/audit.service";
import {
  CapType,
  DowngradePreviewType,
  EnterpriseRequestType,
  InvoiceType,
  PoolType,
  SubscriptionType,
  TaxIdType,
} from "../types/billing.type";
import { BillingIntervalEnum, PlanEnum, RoleEnum } from "../types/enums";
import { OrgType } from "../types/org.type";
import { ForecastType, RefusedCallsReportType, UsageEventConnectionType, UsageReportType } from "../types/usage.type";

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
  @FieldResolver(() => [EnterpriseRequestType], { description: 'The OWNER\'s Enterprise "Get in touch" requests, newest first.' })
  async enterpriseRequests(@Root() org: OrgEntity, @Ctx() ctx: GqlContext): Promise<EnterpriseRequestType[]> {
    return (await ctx.services.enterprise.listForOrg(org.id)).map(toEnterpriseRequest);
  }

  @Authorized<Rule>("ADMIN", "STAFF_READ")
  @FieldResolver(() => AuditEntryConnectionType, {
    description:
      'The whole log a page at a time, newest first; `first` 1 to 100 (default 50); `actionPrefix` such as "member." narrows it.',
  })
  async auditEntries(
    @Root() org: OrgEntity,
    @Ctx() ctx: GqlContext,
    @Arg("first", () => Int, { nullable: true }) first: number | null,
    @Arg("after", () => String, { nullable: true }) after: string | null,
    @Arg("actionPrefix", () => String, { nullable: true }) actionPrefix: string | null,
  ): Promise<AuditEntryConnectionType> {
    const { views, hasNextPage } = await ctx.services.audit.page(org.id, first ?? null, after ?? null, actionPrefix ?? null);
    const edges = views.map((view) => ({ cursor: encodeAuditCursor(view.entry), node: toAuditEntry(view) }));
    return { edges, pageInfo: { hasNextPage, endCursor: edges.at(-1)?.cursor ?? null } };
  }

  @Authorized<Rule>("MEMBER", "STAFF_READ", "SCOPE:BILLING_READ")
  @FieldResolver(() => PoolType, { nullable: true, description: "Null unless the org is on TEAM or ENTERPRISE." })
  async pool(@Root() org: OrgEntity, @Ctx() ctx: GqlContext): Promise<PoolType | null> {
    const pool = org.orgPlan ? await ctx.services.pools.view(org.id) : null;
    return pool ? toPool(pool) : null;
  }

  @Authorized<Rule>("MEMBER", "STAFF_READ")
  @FieldResolver(() => [CapType], { description: "OWNER, ADMIN and staff: every cap. A MEMBER: their own cap and the Spaces' caps." })
  async caps(@Root() org: OrgEntity, @Scope() scope: OrgScope, @Ctx() ctx: GqlContext): Promise<CapType[]> {
    return (await ctx.services.caps.list(org.id)).filter((cap) => seesCap(scope, cap));
  }

  @Authorized<Rule>("MEMBER", "STAFF_READ", "SCOPE:BILLING_READ")
  @FieldResolver(() => SubscriptionType, { nullable: true })
  subscription(@Root() org: OrgEntity, @Ctx() ctx: GqlContext): Promise<SubscriptionType | null> {
    return ctx.services.subscriptions.currentFor(org.id);
  }

  @Authorized<Rule>("ADMIN", "STAFF_READ", "SCOPE:BILLING_READ")
  @FieldResolver(() => [InvoiceType], { description: "Mirrored from Stripe, newest first." })
  async invoices(@Root() org: OrgEntity, @Ctx() ctx: GqlContext): Promise<InvoiceType[]> {
    return (await ctx.services.billing.listInvoices(org.id)).map(toInvoice);
  }

  @Authorized<Rule>("ADMIN", "STAFF_READ")
  @FieldResolver(() => DowngradePreviewType, { nullable: true, description: "Null unless the org is on a live Team subscription." })
  async downgradePreview(@Root() org: OrgEntity, @Ctx() ctx: GqlContext): Promise<DowngradePreviewType | null> {
    const preview = await ctx.services.downgrades.preview(org.id);
    return preview && { ...preview, membersLosingAccess: preview.membersLosingAccess.map(toMember) };
  }

  @Authorized<Rule>("ADMIN", "STAFF_READ", "SCOPE:BILLING_READ")
  @FieldResolver(() => String, { nullable: true })
  billingEmail(@Root() org: OrgEntity): string | null {
    return org.billingEmail;
  }

  @Authorized<Rule>("ADMIN", "STAFF_READ", "SCOPE:BILLING_READ")
  @FieldResolver(() => [TaxIdType])
  taxIds(@Root() org: OrgEntity): TaxIdType[] {
    return parseTaxIds(org.taxIds);
  }

  @Authorized<Rule>("MEMBER", "STAFF_READ", "SCOPE:USAGE_READ", "SCOPE:BILLING_READ")
  @FieldResolver(() => ForecastType, { nullable: true, description: "The pool's runway (and each cap's); null without a pool." })
  async forecast(@Root() org: OrgEntity, @Scope() scope: OrgScope, @Ctx() ctx: GqlContext): Promise<ForecastType | null> {
    const forecast = await ctx.services.forecasts.forecast(org.id);
    // A MEMBER sees the pool's runway and their own cap's, nobody else's.
    if (!forecast || scope.role !== "MEMBER" || scope.staff) return forecast;
    return { ...forecast, caps: forecast.caps.filter((cap) => cap.scope === "MEMBER" && cap.targetId === scope.memberId) };
  }

  @Authorized<Rule>("MEMBER", "STAFF_READ", "SCOPE:USAGE_READ")
  @FieldResolver(() => UsageReportType, { description: "Defaults to the current pool period. A MEMBER sees only their own usage." })
  async usage(
    @Root() org: OrgEntity,
    @Scope() scope: OrgScope,
    @Ctx() ctx: GqlContext,
    @Arg("from", () => Date, { nullable: true }) from: Date | null,
    @Arg("to", () => Date, { nullable: true }) to: Date | null,
    @Arg("memberId", () => ID, { nullable: true }) memberId: string | null,
    @Arg("spaceId", () => ID, { nullable: true }) spaceId: string | null,
    @Arg("model", () => String, { nullable: true }) model: string | null,
  ): Promise<UsageReportType> {
    return ctx.services.usage.report(org.id, { from, to }, narrowToOwnUsage(scope, { memberId, spaceId, model }));
  }

  @Authorized<Rule>("MEMBER", "STAFF_READ", "SCOPE:USAGE_READ")
  @FieldResolver(() => RefusedCallsReportType, {
    description:
      "Model calls refused (caps, an empty pool, a plan needed...) by member, Space and reason; defaults to the current pool period, at most 400 days. A MEMBER sees only their own.",
  })
  refusedCalls(
    @Root() org: OrgEntity,
    @Scope() scope: OrgScope,
    @Ctx() ctx: GqlContext,
    @Arg("from", () => Date, { nullable: true }) from: Date | null,
    @Arg("to", () => Date, { nullable: true }) to: Date | null,
  ): Promise<RefusedCallsReportType> {
    return ctx.services.refusedCalls.report(org.id, { from, to }, narrowToOwnUsage(scope, { memberId: null }).memberId ?? null);
  }

  @Authorized<Rule>("MEMBER", "STAFF_READ", "SCOPE:USAGE_READ")
  @FieldResolver(() => UsageEventConnectionType, {
    description: "Newest first; `first` at most 100; opaque cursors. A MEMBER sees only their own.",
  })
  async usageEvents(
    @Root() org: OrgEntity,
    @Scope() scope: OrgScope,
    @Ctx() ctx: GqlContext,
    @Arg("first", () => Int, { nullable: true }) first: number | null,
    @Arg("after", () => String, { nullable: true }) after: string | null,
    @Arg("memberId", () => ID, { nullable: true }) memberId: string | null,
    @Arg("spaceId", () => ID, { nullable: true }) spaceId: string | null,
    @Arg("model", () => String, { nullable: true }) model: string | null,
  ): Promise<UsageEventConnectionType> {
    return ctx.services.usage.events(org.id, first, after, narrowToOwnUsage(scope, { memberId, spaceId, model }));
  }
}
