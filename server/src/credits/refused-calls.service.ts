import type { Database } from "../db/database";
import type { AppError } from "../common/errors";
import type { Clock } from "../common/clock";
import { utcDay } from "./rollups";
import type { UsageCall } from "./usage-call";
import { refusedCallReason } from "./refused-calls.reasons";

/** Refusals already counted, by org, idempotency key and reason: a client's retries count once. */
const SEEN_MAX = 10_000;

/**
 * Counts refused model calls (cap reached, pool empty, plan required...) so owners see
 * who was blocked and why. Written after metering answered, in a transaction of its
 * own: a counting failure is logged and never changes the caller's answer. The report
 * is analytics' (RefusedCallsReportService).
 */
export class RefusedCallsService {
  /**
   * Insertion-ordered, bounded: a retry of the same refused call (same idempotency key,
   * same reason) in this process is not counted again. Across processes or restarts a
   * retry counts once more; a durable check would cost a second write per refusal.
   */
  private readonly seen = new Map<string, true>();

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly log: (message: string) => void,
  ) {}

  /** Counts the refusals among a batch's outcomes: one upsert per distinct row. */
  async countRefused(refused: { call: UsageCall; error: AppError }[]): Promise<void> {
    const rows = new Map<string, [string, string, string, string, string, number]>();
    const day = utcDay(this.clock.now());
    for (const { call, error } of refused) {
      const reason = refusedCallReason(error);
      if (!reason) continue;
      const seenKey = JSON.stringify([call.orgId, call.idempotencyKey, reason]);
      if (this.seen.has(seenKey)) continue;
      this.remember(seenKey);
      const key = JSON.stringify([call.orgId, day, call.memberId, call.spaceId, reason]);
      const row = rows.get(key) ?? [call.orgId, day, call.memberId, call.spaceId, reason, 0];
      row[5] += 1;
      rows.set(key, row);
    }
    if (rows.size === 0) return;
    const all = [...rows.values()];
    const insert = `INSERT INTO refused_call_day (orgId, day, memberId, spaceId, reason, count) VALUES ${all.map(() => "(?, ?, ?, ?, ?, ?)").join(", ")}`;
    const sql =
      this.db.kind === "mysql"
        ? `${insert} ON DUPLICATE KEY UPDATE count = count + VALUES(count)`
        : `${insert} ON CONFLICT (orgId, day, memberId, spaceId, reason) DO UPDATE SET count = count + excluded.count`;
    try {
      await this.db.transaction((em) => em.query(sql, all.flat()));
    } catch (error) {
      this.log(`refused calls not counted: ${(error as Error).message}`);
    }
  }

  private remember(key: string): void {
    this.seen.set(key, true);
    if (this.seen.size > SEEN_MAX) {
      const oldest = this.seen.keys().next().value;
      if (oldest !== undefined) this.seen.delete(oldest);
    }
  }
}
