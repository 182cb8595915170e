import type { EntityManager } from "typeorm";
import type { DatabaseKind } from "../db/data-source";
import type { UsageEventEntity } from "../entities";

export const utcDay = (date: Date): string => date.toISOString().slice(0, 10);

/**
 * Adds charged events to the daily rollups, in the caller's transaction: one
 * multi-row upsert that adds to existing rows (atomic on both databases, so
 * writers of different orgs or processes need no other lock).
 */
export async function addToRollups(kind: DatabaseKind, em: EntityManager, events: UsageEventEntity[]): Promise<void> {
  const rows = new Map<string, [string, string, string, string, string, number, number]>();
  for (const e of events) {
    const day = utcDay(e.occurredAt);
    const key = JSON.stringify([e.orgId, day, e.memberId, e.spaceId, e.model]);
    const row = rows.get(key) ?? [e.orgId, day, e.memberId, e.spaceId, e.model, 0, 0];
    row[5] += e.credits;
    row[6] += 1;
    rows.set(key, row);
  }
  const all = [...rows.values()];
  for (let i = 0; i < all.length; i += 200) {
    const slice = all.slice(i, i + 200);
    const values = slice.map(() => "(?, ?, ?, ?, ?, ?, ?)").join(", ");
    const sql =
      kind === "mysql"
        ? `INSERT INTO usage_rollup (orgId, day, memberId, spaceId, model, credits, calls) VALUES ${values} ON DUPLICATE KEY UPDATE credits = credits + VALUES(credits), calls = calls + VALUES(calls)`
        : `INSERT INTO usage_rollup (orgId, day, memberId, spaceId, model, credits, calls) VALUES ${values} ON CONFLICT (orgId, day, memberId, spaceId, model) DO UPDATE SET credits = credits + excluded.credits, calls = calls + excluded.calls`;
    await em.query(sql, slice.flat());
  }
}
