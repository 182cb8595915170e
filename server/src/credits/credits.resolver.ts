import type { CapScope } from "@team-billing/shared";
import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Resolver, Root } from "type-graphql";
import { AdjustmentArgs, CapLimitArgs, ReverseAdjustmentArgs, SoftAlertArgs } from "../graphql/types/args.type";
import type { OrgEntity, ReservationEntity } from "../entities";
import { type OrgScope, seesCap } from "../common/org-access";
import { OrgFrom, type Rule, Scope } from "../graphql/auth-checker";
import { type GqlContext, userActor } from "../graphql/context";
import { checkedByService } from "../graphql/validate-input";
import type { CreditAdjustment } from "./pool.service";
import { toAuditEntry, toBatchItem, toPool } from "../graphql/mappers";
import { CreditAdjustmentType, CreditBucketEnum } from "../graphql/types/credit-history.type";
import { toCreditAdjustment } from "./credit-history.resolver";
import { CapType, PoolType } from "../graphql/types/billing.type";
import { ReservationType, ReserveCreditsInput, UsageBatchItemType, UsageCallInput } from "../graphql/types/credits.type";
import { CapScopeEnum } from "../graphql/types/enums";
import { OrgType } from "../graphql/types/org.type";
import { RecordUsageInput, UsageEventType, UsageResultType } from "../graphql/types/usage.type";
import { VoidUsageArgs } from "../graphql/types/corrections.type";

/** Metering, reservations, the pool and caps, the soft alert and support adjustments. */
@Resolver(() => OrgType)
export class CreditsResolver {
  @Authorized<Rule>("MEMBER", "SCOPE:USAGE_WRITE")
  @OrgFrom("input.orgId")
  @Mutation(() => UsageResultType)
  recordUsage(@Arg("input", () => RecordUsageInput) input: RecordUsageInput, @Ctx() ctx: GqlContext): Promise<UsageResultType> {
    return ctx.services.metering.record(ctx.actor, input);
  }

  @Authorized<Rule>("MEMBER", "SCOPE:USAGE_WRITE")
  @OrgFrom("orgId")
  @Mutation(() => [UsageBatchItemType], { description: "Up to 500 calls of one org, charged in order; one result or error per call." })
  async recordUsageBatch(
    @Arg("orgId", () => ID) orgId: string,
    @Arg("calls", () => [UsageCallInput], { validateFn: checkedByService }) calls: UsageCallInput[],
    @Ctx() ctx: GqlContext,
  ): Promise<UsageBatchItemType[]> {
    return (await ctx.services.metering.recordBatch(ctx.actor, orgId, calls)).map(toBatchItem);
  }

  @Authorized<Rule>("MEMBER", "SCOPE:USAGE_WRITE")
  @OrgFrom("input.orgId")
  @Mutation(() => ReservationType, { description: "Holds an estimate against the pool and both caps before a long call." })
  reserveCredits(@Arg("input", () => ReserveCreditsInput) input: ReserveCreditsInput, @Ctx() ctx: GqlContext): Promise<ReservationEntity> {
    return ctx.services.reservations.reserve(ctx.actor, input);
  }

  @Authorized<Rule>("MEMBER", "SCOPE:USAGE_WRITE")
  @OrgFrom("orgId")
  @Mutation(() => UsageResultType, { description: "Charges the actual cost of a held call and ends the hold." })
  settleReservation(
    @Arg("orgId", () => ID) orgId: string,
    @Arg("reservationId", () => ID) reservationId: string,
    @Arg("credits", () => Int) credits: number,
    @Ctx() ctx: GqlContext,
  ): Promise<UsageResultType> {
    return ctx.services.reservations.settle(ctx.actor, orgId, reservationId, credits);
  }

  @Authorized<Rule>("MEMBER", "SCOPE:USAGE_WRITE")
  @OrgFrom("orgId")
  @Mutation(() => Boolean, { description: "Returns a hold's credits (the call failed or was cancelled)." })
  releaseReservation(
    @Arg("orgId", () => ID) orgId: string,
    @Arg("reservationId", () => ID) reservationId: string,
    @Ctx() ctx: GqlContext,
  ): Promise<boolean> {
    return ctx.services.reservations.release(ctx.actor, orgId, reservationId);
  }

  @Authorized<Rule>("ADMIN", "SCOPE:USAGE_WRITE")
  @OrgFrom("orgId")
  @Mutation(() => UsageEventType, {
    description:
      "OWNER, ADMIN, or a USAGE_WRITE key: takes back a recorded call (within 30 days); its credits return to the buckets they came from and to the caps' counters. Audited; a second void answers the first.",
  })
  voidUsage(
    @Arg("orgId", () => ID) orgId: string,
    @Arg("eventId", () => ID) eventId: string,
    @Args() { reason }: VoidUsageArgs,
    @Ctx() ctx: GqlContext,
  ): Promise<UsageEventType> {
    return ctx.services.voids.void(ctx.actor, orgId, eventId, reason);
  }

  @Authorized<Rule>("ADMIN")
  @OrgFrom("orgId")
  @Mutation(() => CapType)
  setCap(
    @Arg("orgId", () => ID) orgId: string,
    @Arg("scope", () => CapScopeEnum) scope: CapScope,
    @Arg("targetId", () => ID) targetId: string,
    @Args() { monthlyLimit }: CapLimitArgs,
    @Ctx() ctx: GqlContext,
  ): Promise<CapType> {
    return ctx.services.caps.set(ctx.actor, orgId, scope, targetId, monthlyLimit);
  }

  @Authorized<Rule>("ADMIN")
  @OrgFrom("orgId")
  @Mutation(() => Boolean)
  async removeCap(@Arg("orgId", () => ID) orgId: string, @Arg("capId", () => ID) capId: string, @Ctx() ctx: GqlContext): Promise<boolean> {
    await ctx.services.caps.remove(ctx.actor, orgId, capId);
    return true;
  }

  @Authorized<Rule>("ADMIN")
  @OrgFrom("orgId")
  @Mutation(() => OrgType)
  setSoftAlertThreshold(
    @Arg("orgId", () => ID) orgId: string,
    @Args() { percent }: SoftAlertArgs,
    @Ctx() ctx: GqlContext,
  ): Promise<OrgEntity> {
    return ctx.services.pools.setSoftAlertThreshold(ctx.actor, orgId, percent);
  }

  @Authorized<Rule>("STAFF")
  @OrgFrom("orgId")
  @Mutation(() => PoolType, {
    description:
      "Support staff only; audited. Positive grants go to the top-up bucket (they do not expire); a negative one removes from the top-up bucket only, never more than it holds (BAD_USER_INPUT). `adjustCredits` names the bucket and answers what moved.",
  })
  async grantCredits(
    @Arg("orgId", () => ID) orgId: string,
    @Args() { credits, reason }: AdjustmentArgs,
    @Ctx() ctx: GqlContext,
  ): Promise<PoolType> {
    return toPool(await ctx.services.pools.grant(userActor(ctx), orgId, credits, reason));
  }

  @Authorized<Rule>("STAFF")
  @OrgFrom("orgId")
  @Mutation(() => CreditAdjustmentType, {
    description:
      "Support staff only; audited. Adds to (positive) or removes from (negative) the named bucket; a removal larger than the bucket holds, less what open holds need, is refused (BAD_USER_INPUT, saying how much there is) and changes nothing.",
  })
  async adjustCredits(
    @Arg("orgId", () => ID) orgId: string,
    @Arg("bucket", () => CreditBucketEnum) bucket: keyof typeof CreditBucketEnum,
    @Args() { credits, reason }: AdjustmentArgs,
    @Ctx() ctx: GqlContext,
  ): Promise<CreditAdjustmentType> {
    return toAnswer(await ctx.services.pools.adjust(userActor(ctx), orgId, bucket, credits, reason));
  }

  @Authorized<Rule>("STAFF")
  @OrgFrom("orgId")
  @Mutation(() => CreditAdjustmentType, {
    description:
      "Support staff only; audited with both ids. Undoes an adjustment once, in the bucket it changed (a second reversal: CONFLICT); monthly credits of a period that has ended are not returned or taken back (CONFLICT).",
  })
  async reverseCreditAdjustment(
    @Arg("orgId", () => ID) orgId: string,
    @Args() { adjustmentId, reason }: ReverseAdjustmentArgs,
    @Ctx() ctx: GqlContext,
  ): Promise<CreditAdjustmentType> {
    return toAnswer(await ctx.services.pools.reverseAdjustment(userActor(ctx), orgId, adjustmentId, reason));
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
}

/** A mutation's answer: the adjustment, its words, the pool after it and its audit entry. */
function toAnswer(done: CreditAdjustment): CreditAdjustmentType {
  const actorName = done.auditEntry.actorEmail ?? "a deleted user";
  return {
    ...toCreditAdjustment(done, done.summary),
    pool: toPool(done.pool),
    auditEntry: toAuditEntry({ entry: done.auditEntry, actorKind: "USER", actorName }),
  };
}
