import type { Database } from "../db/database";
import { MembershipEntity, RefusedCallDayEntity, SpaceEntity, UserEntity } from "../entities";
import type { AppError } from "../errors";
import type { Clock } from "../clock";
import { MAX_REPORT_DAYS, type UsageService } from "../analytics/usage.service";
import { badInput } from "../errors";
import { utcDay } from "./rollups";
import type { UsageCall } from "./usage-call";
import { REFUSED_CALL_REASONS, type RefusedCallReason, refusedCallReason } from "./refused-calls.reasons";

const DAY_MS = 86_400_000;
/** Refusals already counted, by org, idempotency key and reason: a client's retries count once. */
const SEEN_MAX = 10_000;

export interface RefusedCallsReport {
  from: Date;
  to: Date;
  total: number;
  byMember: { memberId: string; name: string; count: number }[];
  bySpace: { spaceId: string; name: string; count: number }[];
  byReason: { reason: RefusedCallReason; description: string; count: number }[];
}

/**
 * Counts refused model calls (cap reached, pool empty, plan required...) so owners see
 * who was blocked and why. Written after metering answered, in a transaction of its
 * own: a counting failure is logged and never changes the caller's answer.
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
    private readonly usage: UsageService,
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

  /** Totals over [from, to), by whole UTC days; the same range limits as the usage report. */
  async report(orgId: string, range: { from?: Date | null; to?: Date | null }, memberId: string | null): Promise<RefusedCallsReport> {
    const fallback = range.from && range.to ? null : await this.usage.defaultRange(orgId);
    const from = range.from ?? (fallback as { from: Date }).from;
    const to = range.to ?? (fallback as { to: Date }).to;
    if (to <= from) throw badInput("to", "must be after from");
    if (to.getTime() - from.getTime() > MAX_REPORT_DAYS * DAY_MS) throw badInput("to", `a report covers at most ${MAX_REPORT_DAYS} days`);
    const qb = this.db.manager
      .createQueryBuilder(RefusedCallDayEntity, "r")
      .where("r.orgId = :orgId AND r.day >= :first AND r.day <= :last", {
        orgId,
        first: utcDay(from),
        last: utcDay(new Date(to.getTime() - 1)),
      });
    if (memberId) qb.andWhere("r.memberId = :memberId", { memberId });
    const rows = await qb.getMany();
    const sum = (key: (r: RefusedCallDayEntity) => string) => {
      const out = new Map<string, number>();
      for (const r of rows) out.set(key(r), (out.get(key(r)) ?? 0) + r.count);
      return [...out].sort((a, b) => b[1] - a[1]);
    };
    const [memberName, spaceName] = rows.length ? await this.names(orgId) : [new Map<string, string>(), new Map<string, string>()];
    return {
      from,
      to,
      total: rows.reduce((s, r) => s + r.count, 0),
      byMember: sum((r) => r.memberId).map(([id, count]) => ({ memberId: id, name: memberName.get(id) ?? "Unknown member", count })),
      bySpace: sum((r) => r.spaceId).map(([id, count]) => ({ spaceId: id, name: spaceName.get(id) ?? "Unknown Space", count })),
      byReason: sum((r) => r.reason).map(([reason, count]) => ({
        reason: reason as RefusedCallReason,
        description: REFUSED_CALL_REASONS[reason as RefusedCallReason] ?? reason,
        count,
      })),
    };
  }

  /** Members by name (removed ones keep theirs) and Spaces by name. */
  private async names(orgId: string): Promise<[Map<string, string>, Map<string, string>]> {
    const members = await this.db.manager
      .createQueryBuilder(MembershipEntity, "m")
      .innerJoin(UserEntity, "u", "u.id = m.userId")
      .select(["m.id AS id", "u.name AS name", "u.email AS email"])
      .where("m.orgId = :orgId", { orgId })
      .getRawMany<{ id: string; name: string; email: string }>();
    const spaces = await this.db.manager.findBy(SpaceEntity, { orgId });
    return [new Map(members.map((m) => [m.id, m.name || m.email])), new Map(spaces.map((s) => [s.id, s.name]))];
  }

  private remember(key: string): void {
    this.seen.set(key, true);
    if (this.seen.size > SEEN_MAX) {
      const oldest = this.seen.keys().next().value;
      if (oldest !== undefined) this.seen.delete(oldest);
    }
  }
}
