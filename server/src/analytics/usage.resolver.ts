import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Resolver, Root } from "type-graphql";
import { PageArgs } from "../graphql/types/args.type";
import { narrowToOwnUsage, type OrgScope } from "../common/org-access";
import type { OrgEntity } from "../entities";
import { type Rule, Scope } from "../graphql/auth-checker";
import type { GqlContext } from "../graphql/context";
import { OrgType } from "../graphql/types/org.type";
import { ForecastType, RefusedCallsReportType, UsageEventConnectionType, UsageReportType } from "../graphql/types/usage.type";

/** An org's usage: the runway forecast, usage reports, refused calls and the event list. */
@Resolver(() => OrgType)
export class UsageResolver {
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
    @Args() { first }: PageArgs,
    @Arg("after", () => String, { nullable: true }) after: string | null,
    @Arg("memberId", () => ID, { nullable: true }) memberId: string | null,
    @Arg("spaceId", () => ID, { nullable: true }) spaceId: string | null,
    @Arg("model", () => String, { nullable: true }) model: string | null,
  ): Promise<UsageEventConnectionType> {
    return ctx.services.usage.events(org.id, first, after, narrowToOwnUsage(scope, { memberId, spaceId, model }));
  }
}
