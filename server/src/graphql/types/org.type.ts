import { Field, ID, Int, ObjectType } from "type-graphql";

/** Org: plain columns here; everything computed lives in OrgResolver's field resolvers. */
@ObjectType("Org")
export class OrgType {
  @Field(() => ID) id: string;
  @Field() name: string;
  @Field(() => Int) softAlertThresholdPercent: number;
}
