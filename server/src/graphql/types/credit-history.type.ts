import { Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { AuditEntryType } from "./account.type";
import { PoolType } from "./billing.type";
import { PageInfoType } from "./usage.type";

/** The buckets a support adjustment may name. */
export const CreditBucketEnum = { TOP_UP: "TOP_UP", MONTHLY: "MONTHLY" } as const;
registerEnumType(CreditBucketEnum, {
  name: "CreditBucket",
  description: "A pool bucket: TOP_UP (never expires) or MONTHLY (expires at the period's end).",
});

// Contract addition "owner": names, types and descriptions as ../shared/contract/owner.graphql has them.
@ObjectType("CreditHistoryEntry")
export class CreditHistoryEntryType {
  @Field(() => ID) id: string;
  @Field() at: Date;
  @Field({ description: "REFILL, SEAT_CREDITS, TOP_UP, GRANT, REMOVAL, FORFEIT, USAGE (a day's calls, summed), VOID, EXPIRY ..." })
  kind: string;
  @Field({ description: "TOP_UP or MONTHLY" }) bucket: string;
  @Field(() => Int, { description: "Positive in, negative out." }) credits: number;
  @Field(() => Int, { description: "The bucket's balance after this entry." }) balanceAfter: number;
  @Field({ description: "In words, with who did it where a person did." }) description: string;
}

@ObjectType("CreditHistoryEdge")
export class CreditHistoryEdgeType {
  @Field() cursor: string;
  @Field(() => CreditHistoryEntryType) node: CreditHistoryEntryType;
}

@ObjectType("CreditHistoryConnection")
export class CreditHistoryConnectionType {
  @Field(() => [CreditHistoryEdgeType]) edges: CreditHistoryEdgeType[];
  @Field(() => PageInfoType) pageInfo: PageInfoType;
}

@ObjectType("CreditAdjustment", { description: "A support adjustment of one bucket (or the reversal of one): exactly what moved." })
export class CreditAdjustmentType {
  @Field(() => ID, { description: "The adjustment's id: its ledger entry's id." }) id: string;
  @Field(() => ID) ledgerEntryId: string;
  @Field(() => CreditBucketEnum) bucket: keyof typeof CreditBucketEnum;
  @Field(() => Int, { description: "What moved: positive in, negative out." }) credits: number;
  @Field(() => Int, { description: "The bucket's balance before." }) before: number;
  @Field(() => Int, { description: "The bucket's balance after." }) after: number;
  @Field(() => String, { nullable: true }) reason: string | null;
  @Field(() => String, { nullable: true, description: "The staff member who made it." }) actorEmail: string | null;
  @Field() at: Date;
  @Field(() => ID, { nullable: true, description: "Set on a reversal: the adjustment it undid." }) reversalOf: string | null;
  @Field(() => ID, {
    nullable: true,
    description: "The reversal that undid this adjustment, if any (an adjustment is reversed at most once).",
  })
  reversedBy: string | null;
  @Field({ description: "What moved, in words." }) description: string;
  @Field(() => AuditEntryType, {
    nullable: true,
    description: "The audit entry it wrote: set on the answer of adjustCredits, grantCredits and reverseCreditAdjustment.",
  })
  auditEntry: AuditEntryType | null;
  @Field(() => PoolType, { nullable: true, description: "The pool after it: set on the answer of the mutation." })
  pool: PoolType | null;
}
