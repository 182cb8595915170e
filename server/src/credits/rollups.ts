import type { EntityManager, ObjectLiteral } from "typeorm";
import type { DatabaseKind } from "../db/data-source";
import type { Statement } from "../db/statements";
import { type UsageEventEntity, UsageRollupEntity, UsageRollupHourEntity, UsageRollupTenMinutesEntity } from "../entities";

export const utcDay = (date: Date): string => date.toISOString().slice(0, 10);
export const utcHour = (date: Date): string => date.toISOString().slice(0, 13);
/** The ten minutes a moment falls in: YYYY-MM-DDTHH:M. */
export const utcTenMinutes = (date: Date): string => date.toISOString().slice(0, 15);

const MINUTE_MS = 60_000;

export interface RollupLevel {
  grain: "day" | "hour" | "tenMinutes";
  /** The bucket's length; each level's buckets split the level above's exactly. */
  unitMs: number;
  entity: new () => ObjectLiteral;
  table: string;
  /** The column naming the bucket, and the bucket a moment falls in. */
  column: string;
  label: (date: Date) => string;
}

/** The rollup levels, coarsest first. */
export const ROLLUP_LEVELS: readonly RollupLevel[] = [
  { grain: "day", unitMs: 1_440 * MINUTE_MS, entity: UsageRollupEntity, table: "usage_rollup", column: "day", label: utcDay },
  { grain: "hour", unitMs: 60 * MINUTE_MS, entity: UsageRollupHourEntity, table: "usage_rollup_hour", column: "hour", label: utcHour },
  {
    grain: "tenMinutes",
    unitMs: 10 * MINUTE_MS,
    entity: UsageRollupTenMinutesEntity,
    table: "usage_rollup_10m",
    column: "slot",
    label: utcTenMinutes,
  },
];

const ROWS_PER_STATEMENT = 200;

/**
 * The statements that add charged events to every rollup level: per level, multi-row
 * upserts that add to existing rows (atomic on both databases, so writers of different
 * orgs or processes need no other lock). Run in the charge's transaction (usage-writer.ts).
 */
export function rollupStatements(kind: DatabaseKind, events: UsageEventEntity[]): Statement[] {
  const statements: Statement[] = [];
  // What an event adds to, bar the bucket: the same at every level (a batch's events share a few).
  const targets = events.map((e) => JSON.stringify([e.orgId, e.memberId, e.spaceId, e.model]));
  for (const { table, column, label } of ROLLUP_LEVELS) {
    const rows = new Map<string, [string, string, string, string, string, number, number]>();
    // A batch's events share their moment: each is labelled once per level.
    const labels = new Map<number, string>();
    for (const [i, e] of events.entries()) {
      const time = e.occurredAt.getTime();
      const at = labels.get(time) ?? label(e.occurredAt);
      labels.set(time, at);
      const key = `${at} ${targets[i]}`;
      const row = rows.get(key) ?? [e.orgId, at, e.memberId, e.spaceId, e.model, 0, 0];
      row[5] += e.credits;
      row[6] += 1;
      rows.set(key, row);
    }
    const all = [...rows.values()];
    for (let i = 0; i < all.length; i += ROWS_PER_STATEMENT) {
      const slice = all.slice(i, i + ROWS_PER_STATEMENT);
      const insert = `INSERT INTO ${table} (orgId, ${column}, memberId, spaceId, model, credits, calls) VALUES ${slice.map(() => "(?, ?, ?, ?, ?, ?, ?)").join(", ")}`;
      const sql =
        kind === "mysql"
          ? `${insert} ON DUPLICATE KEY UPDATE credits = credits + VALUES(credits), calls = calls + VALUES(calls)`
          : `${insert} ON CONFLICT (orgId, ${column}, memberId, spaceId, model) DO UPDATE SET credits = credits + excluded.credits, calls = calls + excluded.calls`;
      statements.push({ sql, params: slice.flat() });
    }
  }
  return statements;
}

/**
 * Takes voided events out of every rollup level, in the caller's transaction (which holds
 * the org's pool lock): their bucket rows lose their credits and calls, so every report
 * read from the rollups counts them out. Rows left at zero stay (a report skips them).
 */
export async function removeFromRollups(em: EntityManager, events: UsageEventEntity[]): Promise<void> {
  for (const { table, column, label } of ROLLUP_LEVELS) {
    for (const e of events) {
      await em.query(
        `UPDATE ${table} SET credits = credits - ?, calls = calls - 1 WHERE orgId = ? AND ${column} = ? AND memberId = ? AND spaceId = ? AND model = ?`,
        [e.credits, e.orgId, label(e.occurredAt), e.memberId, e.spaceId, e.model],
      );
    }
  }
}
