import { Arg, Authorized, Ctx, Field, ID, ObjectType, Query, Resolver } from "type-graphql";
import { OrgFrom, type Rule } from "../graphql/auth-checker";
import type { GqlContext } from "../graphql/context";

@ObjectType("LedgerCheck")
export class LedgerCheckType {
  @Field(() => ID) orgId: string;
  @Field() checkedAt: Date;
  @Field({ description: "True when every balance equals the sum of its ledger entries and every counter the sum of its events." })
  ok: boolean;
  @Field(() => [String], { description: "What does not add up, in words; empty when ok." })
  problems: string[];
}

/** Support's check of an org's books (contract addition "ledger"). */
@Resolver()
export class LedgerResolver {
  @Authorized<Rule>("STAFF")
  @OrgFrom("orgId")
  @Query(() => LedgerCheckType, {
    description:
      "Support staff: recomputes an org's pool buckets, reservations, cap counters and its members' personal balances from the ledger and the usage events, and compares.",
  })
  supportLedgerCheck(@Arg("orgId", () => ID) orgId: string, @Ctx() ctx: GqlContext): Promise<LedgerCheckType> {
    return ctx.services.ledgerCheck.check(orgId);
  }
}
