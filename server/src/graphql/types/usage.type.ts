import { Field, ID, InputType, Int, ObjectType } from "type-graphql";
import { CallCredits, IdempotencyKey, ModelName } from "../../common/input-rules";

@ObjectType("UsageByMember")
export class UsageByMemberType {
  @Field(() => ID) memberId: string;
  @Field() name: string;
  @Field(() => Int) credits: number;
  @Field(() => Int) calls: number;
}

@ObjectType("UsageBySpace")
export class UsageBySpaceType {
  @Field(() => ID) spaceId: string;
  @Field() name: string;
  @Field(() => Int) credits: number;
  @Field(() => Int) calls: number;
}

@ObjectType("UsageByModel")
export class UsageByModelType {
  @Field() model: string;
  @Field(() => Int) credits: number;
  @Field(() => Int) calls: number;
}

@ObjectType("UsageDay")
export class UsageDayType {
  @Field() date: string;
  @Field(() => Int) credits: number;
  @Field(() => Int) calls: number;
}

@ObjectType("UsageReport")
export class UsageReportType {
  @Field() from: Date;
  @Field() to: Date;
  @Field(() => Int) totalCredits: number;
  @Field(() => Int) calls: number;
  @Field(() => [UsageByMemberType]) byMember: UsageByMemberType[];
  @Field(() => [UsageBySpaceType]) bySpace: UsageBySpaceType[];
  @Field(() => [UsageByModelType]) byModel: UsageByModelType[];
  @Field(() => [UsageDayType]) daily: UsageDayType[];
}

@ObjectType("UsageEvent")
export class UsageEventType {
  @Field(() => ID) id: string;
  @Field(() => ID) memberId: string;
  @Field(() => ID) spaceId: string;
  @Field() model: string;
  @Field(() => Int) credits: number;
  @Field(() => Int) fromTopUp: number;
  @Field(() => Int) fromMonthly: number;
  @Field() occurredAt: Date;
  @Field(() => Date, { nullable: true, description: "Set when the call was voided (voidUsage): reports count it out." })
  voidedAt: Date | null;
  @Field(() => String, { nullable: true }) voidReason: string | null;
}

@ObjectType("PageInfo")
export class PageInfoType {
  @Field() hasNextPage: boolean;
  @Field(() => String, { nullable: true }) endCursor: string | null;
}

@ObjectType("UsageEventEdge")
export class UsageEventEdgeType {
  @Field() cursor: string;
  @Field(() => UsageEventType) node: UsageEventType;
}

@ObjectType("UsageEventConnection")
export class UsageEventConnectionType {
  @Field(() => [UsageEventEdgeType]) edges: UsageEventEdgeType[];
  @Field(() => PageInfoType) pageInfo: PageInfoType;
}

@ObjectType("UsageResult")
export class UsageResultType {
  @Field(() => ID) eventId: string;
  @Field(() => Int) creditsCharged: number;
  @Field(() => Int) fromTopUp: number;
  @Field(() => Int) fromMonthly: number;
  @Field(() => Int) poolRemaining: number;
}

@InputType("RecordUsageInput")
export class RecordUsageInput {
  @Field(() => ID) orgId: string;
  @Field(() => ID) memberId: string;
  @Field(() => ID) spaceId: string;
  @ModelName() @Field() model: string;
  @CallCredits() @Field(() => Int) credits: number;
  @IdempotencyKey() @Field() idempotencyKey: string;
}

@ObjectType("CapForecast")
export class CapForecastType {
  @Field(() => ID) capId: string;
  @Field() scope: string;
  @Field(() => ID) targetId: string;
  @Field(() => Int) burnPerDay: number;
  @Field(() => Int, { nullable: true }) daysLeft: number | null;
  @Field(() => Date, { nullable: true, description: "When the cap is reached at the last week's pace." }) emptyAt: Date | null;
  @Field() runsOutBeforeReset: boolean;
}

@ObjectType("Forecast", { description: "The runway at the last 7 days' pace." })
export class ForecastType {
  @Field(() => Int, { description: "Credits a day, averaged over the last 7 days (rounded up)." }) burnPerDay: number;
  @Field(() => Int, { nullable: true, description: "Whole days until the pool is empty; null when nothing is spent." }) daysLeft:
    | number
    | null;
  @Field(() => Date, { nullable: true }) emptyAt: Date | null;
  @Field() resetAt: Date;
  @Field({ description: "At this pace the pool is empty before the next refill." }) runsOutBeforeReset: boolean;
  @Field(() => Int, {
    description:
      "Hours of the pool's history the pace rests on, at most 168 (the 7-day window); under 24 the console says there is not enough history yet.",
  })
  historyHours: number;
  @Field(() => [CapForecastType]) caps: CapForecastType[];
}

@ObjectType("RefusedCallsByMember")
export class RefusedCallsByMemberType {
  @Field(() => ID) memberId: string;
  @Field() name: string;
  @Field(() => Int) count: number;
}

@ObjectType("RefusedCallsBySpace")
export class RefusedCallsBySpaceType {
  @Field(() => ID) spaceId: string;
  @Field() name: string;
  @Field(() => Int) count: number;
}

@ObjectType("RefusedCallsByReason")
export class RefusedCallsByReasonType {
  @Field({
    description:
      "MEMBER_CAP_REACHED, SPACE_CAP_REACHED, POOL_EXHAUSTED, PERSONAL_CREDITS_EXHAUSTED, PERSONAL_CREDITS_NOT_ALLOWED, PLAN_REQUIRED, PAYMENT_OVERDUE",
  })
  reason: string;
  @Field({ description: "The reason in words." }) description: string;
  @Field(() => Int) count: number;
}

@ObjectType("RefusedCallsReport", { description: "Model calls refused in a range, counted by whole UTC days." })
export class RefusedCallsReportType {
  @Field() from: Date;
  @Field() to: Date;
  @Field(() => Int) total: number;
  @Field(() => [RefusedCallsByMemberType]) byMember: RefusedCallsByMemberType[];
  @Field(() => [RefusedCallsBySpaceType]) bySpace: RefusedCallsBySpaceType[];
  @Field(() => [RefusedCallsByReasonType]) byReason: RefusedCallsByReasonType[];
}
