import { Arg, Args, Authorized, Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import { PageArgs } from "../graphql/types/args.type";
import type { OrgEntity } from "../entities";
import type { CreditAdjustmentRow } from "./pool.service";
import type { Rule } from "../graphql/auth-checker";
import type { GqlContext } from "../graphql/context";
import { CreditAdjustmentType, CreditHistoryConnectionType } from "../graphql/types/credit-history.type";
import { OrgType } from "../graphql/types/org.type";

/** An adjustment row as the API shows it (the mutations add the pool and the audit entry). */
export function toCreditAdjustment(row: CreditAdjustmentRow, description: string): CreditAdjustmentType {
  return {
    id: String(row.id),
    ledgerEntryId: String(row.id),
    bucket: row.bucket,
    credits: row.credits,
    before: row.before,
    after: row.after,
    reason: row.reason,
    actorEmail: row.actorEmail,
    at: row.at,
    reversalOf: row.reversalOf === null ? null : String(row.reversalOf),
    reversedBy: row.reversedBy === null ? null : String(row.reversedBy),
    description,
    auditEntry: null,
    pool: null,
  };
}

const words = (row: CreditAdjustmentRow) => {
  const bucket = row.bucket === "TOP_UP" ? "top-up" : "monthly";
  const n = Math.abs(row.credits).toLocaleString("en-US");
  const move = row.credits > 0 ? `added ${n} credits to` : `removed ${n} credits from`;
  const flow = `(${row.before.toLocaleString("en-US")} → ${row.after.toLocaleString("en-US")})`;
  return row.reversalOf !== null
    ? `Reversal of #${row.reversalOf}: ${move} the ${bucket} bucket ${flow}`
    : `${move[0].toUpperCase()}${move.slice(1)} the ${bucket} bucket ${flow}`;
};

/** The org's credit history (contract addition "owner") and support's list of adjustments. */
@Resolver(() => OrgType)
export class CreditHistoryResolver {
  @Authorized<Rule>("ADMIN", "STAFF_READ")
  @FieldResolver(() => CreditHistoryConnectionType, {
    description: "OWNER, ADMIN and staff: every change of the pool's buckets, newest first.",
  })
  async creditHistory(
    @Root() org: OrgEntity,
    @Ctx() ctx: GqlContext,
    @Args() { first }: PageArgs,
    @Arg("after", () => String, { nullable: true }) after: string | null,
  ): Promise<CreditHistoryConnectionType> {
    const { entries, hasNextPage } = await ctx.services.creditHistory.page(org.id, first ?? null, after ?? null);
    const edges = entries.map(({ cursor, entry }) => ({ cursor, node: entry }));
    return { edges, pageInfo: { hasNextPage, endCursor: edges.at(-1)?.cursor ?? null } };
  }

  @Authorized<Rule>("ADMIN", "STAFF_READ")
  @FieldResolver(() => [CreditAdjustmentType], {
    description:
      "OWNER, ADMIN and staff: support's adjustments of the pool (reversals included), newest first; `first` 1 to 100 (default 20).",
  })
  async creditAdjustments(@Root() org: OrgEntity, @Ctx() ctx: GqlContext, @Args() { first }: PageArgs): Promise<CreditAdjustmentType[]> {
    return (await ctx.services.pools.listAdjustments(org.id, first ?? 20)).map((row) => toCreditAdjustment(row, words(row)));
  }
}
