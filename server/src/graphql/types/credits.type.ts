import { Field, ID, InputType, Int, ObjectType } from "type-graphql";
import { CallCredits, ModelName, WholeNumber } from "../../common/input-rules";
import { HOLD_TTL } from "../../credits/usage-call";
import { UsageResultType } from "./usage.type";

/** Not validated as an argument: metering checks each call (checkCall), so one bad call does not refuse the batch. */
@InputType("UsageCallInput", { description: "One call of a recordUsageBatch." })
export class UsageCallInput {
  @Field(() => ID) memberId: string;
  @Field(() => ID) spaceId: string;
  @Field() model: string;
  @Field(() => Int) credits: number;
  @Field() idempotencyKey: string;
}

@ObjectType("UsageBatchItem", { description: "The outcome of one call of a batch: a result, or an error code." })
export class UsageBatchItemType {
  @Field(() => Int) index: number;
  @Field(() => UsageResultType, { nullable: true }) result: UsageResultType | null;
  @Field(() => String, { nullable: true }) errorCode: string | null;
  @Field(() => String, { nullable: true }) errorMessage: string | null;
  @Field(() => Date, { nullable: true }) resetsAt: Date | null;
}

@InputType("ReserveCreditsInput")
export class ReserveCreditsInput {
  @Field(() => ID) orgId: string;
  @Field(() => ID) memberId: string;
  @Field(() => ID) spaceId: string;
  @ModelName() @Field() model: string;
  @CallCredits() @Field(() => Int, { description: "The estimate to hold." }) credits: number;
  @WholeNumber(HOLD_TTL.minSeconds, HOLD_TTL.maxSeconds, `must be ${HOLD_TTL.minSeconds} to ${HOLD_TTL.maxSeconds} seconds`)
  @Field(() => Int, { nullable: true, description: "How long the hold lasts: 10 to 3600 s (default 600)." })
  ttlSeconds: number | null;
}

@ObjectType("Reservation")
export class ReservationType {
  @Field(() => ID) id: string;
  @Field(() => ID) memberId: string;
  @Field(() => ID) spaceId: string;
  @Field() model: string;
  @Field(() => Int) credits: number;
  @Field({ description: "HELD, SETTLED, RELEASED or EXPIRED." }) status: string;
  @Field() expiresAt: Date;
}
