import type { Plan } from "@team-billing/shared";
import { ArgsType, Field, ID, Int } from "type-graphql";
import { ENTERPRISE_MAX_CREDITS } from "../../billing/enterprise.service";
import { AdjustmentId, Matches, NonZeroWholeNumber, OneOf, TrimmedLength, WholeNumber } from "../../common/input-rules";
import { MAX_PAGE } from "../../common/paging";
import { MAX_CAP } from "../../credits/cap.service";
import { PlanEnum } from "./enums";

/**
 * Scalar arguments with limits: class-validator checks object arguments only, so these
 * are ArgsTypes, used with `@Args()` beside the resolver's other `@Arg`s (the schema keeps
 * the arguments' order).
 */

@ArgsType()
export class PageArgs {
  @WholeNumber(1, MAX_PAGE, `must be 1 to ${MAX_PAGE}`)
  @Field(() => Int, { nullable: true })
  first: number | null;
}

@ArgsType()
export class ActionPrefixArgs {
  @Matches(/^[a-z_.]{1,64}$/, 'is an action or the start of one, such as "member." (lower-case letters, "_" and ".")')
  @Field(() => String, { nullable: true })
  actionPrefix: string | null;
}

/** Support's change to a pool bucket (grantCredits, adjustCredits). */
@ArgsType()
export class AdjustmentArgs {
  @NonZeroWholeNumber(100_000_000) @Field(() => Int) credits: number;
  @TrimmedLength(3, 500, "say why in 3 to 500 characters") @Field() reason: string;
}

@ArgsType()
export class ReverseAdjustmentArgs {
  @AdjustmentId() @Field(() => ID) adjustmentId: string;
  @TrimmedLength(0, 500, "may have at most 500 characters") @Field(() => String, { nullable: true }) reason: string | null;
}

@ArgsType()
export class CapLimitArgs {
  @WholeNumber(0, MAX_CAP, `must be a whole number of credits from 0 to ${MAX_CAP.toLocaleString("en-US")}`)
  @Field(() => Int)
  monthlyLimit: number;
}

@ArgsType()
export class SoftAlertArgs {
  @WholeNumber(1, 99) @Field(() => Int) percent: number;
}

@ArgsType()
export class EnterpriseContactArgs {
  @TrimmedLength(1, 2_000, "say what you need in 1 to 2,000 characters") @Field() message: string;
}

@ArgsType()
export class EnterpriseTermsArgs {
  @WholeNumber(0, ENTERPRISE_MAX_CREDITS, "must be a whole number of credits from 0 to 1,000,000,000")
  @Field(() => Int)
  monthlyCredits: number;
}

@ArgsType()
export class PersonalPlanArgs {
  @OneOf(["STARTER", "PRO"]) @Field(() => PlanEnum) plan: Extract<Plan, "STARTER" | "PRO">;
}

@ArgsType()
export class AdvanceClockArgs {
  @WholeNumber(1, 400, "must be a whole number of days from 1 to 400") @Field(() => Int) days: number;
}

@ArgsType()
export class OrgSearchArgs {
  @TrimmedLength(2, 254, "search with 2 to 254 characters") @Field() query: string;
}
