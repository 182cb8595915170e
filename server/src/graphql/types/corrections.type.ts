import { ArgsType, Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { TrimmedLength, WholeNumber } from "../../common/input-rules";
import { CAP_INCREASE_STATUSES, type CapIncreaseStatus } from "../../entities/cap-increase-request.entity";
import { MAX_CAP } from "../../credits/cap.service";
import { MemberType } from "./account.type";

// Contract addition "corrections": names, types and descriptions as ../shared/contract/corrections.graphql has them.

export const CapIncreaseStatusEnum = Object.fromEntries(CAP_INCREASE_STATUSES.map((v) => [v, v])) as {
  [K in CapIncreaseStatus]: K;
};
registerEnumType(CapIncreaseStatusEnum, { name: "CapIncreaseStatus" });

@ObjectType("CapIncreaseRequest")
export class CapIncreaseRequestType {
  @Field(() => ID) id: string;
  @Field(() => ID) capId: string;
  @Field(() => MemberType) requestedBy: MemberType;
  @Field(() => Int) currentLimit: number;
  @Field(() => Int) requestedLimit: number;
  @Field() reason: string;
  @Field(() => CapIncreaseStatusEnum) status: CapIncreaseStatus;
  @Field(() => MemberType, { nullable: true }) decidedBy: MemberType | null;
  @Field(() => Date, { nullable: true }) decidedAt: Date | null;
  @Field() createdAt: Date;
}

@ArgsType()
export class VoidUsageArgs {
  @TrimmedLength(3, 500, "say why in 3 to 500 characters") @Field() reason: string;
}

@ArgsType()
export class CapIncreaseArgs {
  @WholeNumber(1, MAX_CAP, `must be a whole number of credits from 1 to ${MAX_CAP.toLocaleString("en-US")}`)
  @Field(() => Int)
  monthlyLimit: number;
  @TrimmedLength(3, 500, "say why in 3 to 500 characters") @Field() reason: string;
}
