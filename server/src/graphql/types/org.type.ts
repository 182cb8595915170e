import { Field, ID, Int, ObjectType } from "type-graphql";

/** Org: plain columns here; everything computed lives in OrgResolver's field resolvers. */
@ObjectType("Org")
export class OrgType {
  @Field(() => ID) id: string;
  @Field() name: string;
  @Field(() => Int) softAlertThresholdPercent: number;
  @Field({ description: "Enterprise: single sign-on agreed." }) ssoEnabled: boolean;
  @Field({ description: "Enterprise: data processing agreement signed." }) dpaSigned: boolean;
  @Field({ description: "After a downgrade from Team, the org's Spaces are open to the OWNER only." }) spacesOwnerOnly: boolean;
}
