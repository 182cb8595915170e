import type { EntityManager } from "typeorm";
import type { DatabaseKind } from "../db/data-source";
import type { UsageEventEntity } from "../entities";

export const utcDay = (date: Date): string => date.toISOString().slice(0, 10);
export const utcHour = (date: Date): string => date.toISOString().slice(0, 13);

/** The two rollup tables: the column that names the bucket, and how an event's time maps to it. */
const GRAINS = [
  { table: "usage_rollup", bucket: "day", of: utcDay },
  { table: "usage_rollup_hour", bucket: "hour", of: utcHour },
] as const;

const ROWS_PER_STATEMENT = 200;

/**
 * Adds charged events to the daily and hourly rollups, in the caller's transaction:
 * per table, multi-row upserts that add to existing rows (atomic on both databases,
 * so writers of different orgs or processes need no other lock).
 */
export async function addToRollups(kind: DatabaseKind, em: EntityManager, events: UsageEventEntity[]): Promise<void> {
  for (const { table, bucket, of } of GRAINS) {
    const rows = new Map<string, [string, string, string, string, string, number, number]>();
    for (const e of events) {
      const at = of(e.occurredAt);
      const key = JSON.stringify([e.orgId, at, e.memberId, e.spaceId, e.model]);
      const row = rows.get(key) ?? [e.orgId, at, e.memberId, e.spaceId, e.model, 0, 0];
      row[5] += e.credits;
      row[6] += 1;
      rows.set(key, row);
    }
    const all = [...rows.values()];
    for (let i = 0; i < all.length; i += ROWS_PER_STATEMENT) {
      const slice = all.slice(i, i + ROWS_PER_STATEMENT);
      const insert = `INSERT INTO ${table} (orgId, ${bucket}, memberId, spaceId, model, credits, calls) VALUES ${slice.map(() => "(?, ?, ?, ?, ?, ?, ?)").join(", ")}`;
      const sql =
        kind === "mysql"
          ? `${insert} ON DUPLICATE KEY UPDATE credits = credits + VALUES(credits), calls = calls + VALUES(calls)`
          : `${insert} ON CONFLICT (orgId, ${bucket}, memberId, spaceId, model) DO UPDATE SET credits = credits + excluded.credits, calls = calls + excluded.calls`;
      await em.query(sql, slice.flat());
    }
  }
}
