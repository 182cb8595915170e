import { type SelectQueryBuilder, type ObjectLiteral } from "typeorm";
import type { Clock } from "../common/clock";
import type { PoolService } from "../credits/pool.service";
import { ROLLUP_LEVELS, type RollupLevel, utcDay } from "../credits/rollups";
import type { Database } from "../db/database";
import { MembershipEntity, SpaceEntity, UsageEventEntity, UserEntity } from "../entities";
import { badInput } from "../common/errors";
import { decodeCursor, encodeCursor, pageSize } from "../common/paging";

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
export const MAX_REPORT_DAYS = 400;

export interface UsageFilters {
  memberId?: string | null;
  spaceId?: string | null;
  model?: string | null;
}

interface Bucket {
  credits: number;
  calls: number;
}

export interface UsageReport {
  from: Date;
  to: Date;
  totalCredits: number;
  calls: number;
  byMember: { memberId: string; name: string; credits: number; calls: number }[];
  bySpace: { spaceId: string; name: string; credits: number; calls: number }[];
  byModel: { model: string; credits: number; calls: number }[];
  daily: { date: string; credits: number; calls: number }[];
}

type Row = { memberId: string; spaceId: string; model: string; day: string; credits: number; calls: number };

/**
 * Usage reports, exact for any range, from the rollups (days, hours, ten minutes)
 * and at most five minutes of raw events at each end (through a covering index):
 * see `splitRange`. Voided calls count in neither (a void takes them out of the
 * rollups); the event list keeps them, with `voidedAt`.
 */
export class UsageService {
  constructor(
    readonly db: Database,
    private readonly clock: Clock,
    private readonly pools: PoolService,
  ) {}

  /** The current pool period, or this UTC month for an org without a pool. */
  async defaultRange(orgId: string): Promise<{ from: Date; to: Date }> {
    const pool = await this.pools.view(orgId);
    if (pool) return { from: pool.periodStart, to: pool.periodEnd };
    const now = this.clock.now();
    return {
      from: new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)),
      to: new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1)),
    };
  }

  async report(orgId: string, range: { from?: Date | null; to?: Date | null }, filters: UsageFilters): Promise<UsageReport> {
    const fallback = range.from && range.to ? null : await this.defaultRange(orgId);
    const from = range.from ?? (fallback as { from: Date }).from;
    const to = range.to ?? (fallback as { to: Date }).to;
    if (to <= from) throw badInput("to", "must be after from");
    if (to.getTime() - from.getTime() > MAX_REPORT_DAYS * DAY_MS) throw badInput("to", `a report covers at most ${MAX_REPORT_DAYS} days`);

    const parts = await Promise.all(
      splitRange(from, to).map(async (part) => {
        const rows = part.level ? await this.fromRollups(orgId, part.level, part, filters) : await this.fromEvents(orgId, part, filters);
        return part.sign === 1 ? rows : rows.map((r) => ({ ...r, credits: -r.credits, calls: -r.calls }));
      }),
    );
    const rows = parts.flat();
    return this.assemble(orgId, from, to, rows);
  }

  /** A page of raw events, newest first, keyed on (occurredAt, id): new events never shift a page. */
  async events(orgId: string, first: number | null, after: string | null, filters: UsageFilters) {
    const size = pageSize(first, 20);
    const cursor = after ? decodeCursor(after, isEventKey) : null;
    const read = (since: Date) => {
      const qb = this.filtered(
        this.db.manager.createQueryBuilder(UsageEventEntity, "e").where("e.orgId = :orgId", { orgId }),
        "e",
        filters,
      );
      if (cursor) qb.andWhere("e.occurredAt <= :at AND (e.occurredAt < :at OR e.id < :id)", { at: new Date(cursor[0]), id: cursor[1] });
      return qb
        .andWhere("e.occurredAt >= :since", { since })
        .orderBy("e.occurredAt", "DESC")
        .addOrderBy("e.id", "DESC")
        .take(size + 1)
        .getMany();
    };
    // Look back from the cursor (or now) in widening windows until the page fills or the org's
    // first event is inside: each read is a short range scan of the index, however deep the page,
    // where "everything older than the cursor" may be read from the org's newest event on.
    const start = cursor ? cursor[0] : this.clock.now().getTime();
    let oldest: Date | null | undefined;
    let found: UsageEventEntity[];
    for (let window = HOUR_MS; ; window *= 4) {
      const since = new Date(start - window);
      found = await read(since);
      if (found.length > size) break;
      oldest ??= await this.oldestEventAt(orgId);
      if (!oldest || oldest >= since) break;
    }
    const page = found.slice(0, size);
    const edges = page.map((node) => ({ node, cursor: encodeCursor(eventKey(node)) }));
    return { edges, pageInfo: { hasNextPage: found.length > size, endCursor: edges.at(-1)?.cursor ?? null } };
  }

  private async oldestEventAt(orgId: string): Promise<Date | null> {
    const first = await this.db.manager.findOne(UsageEventEntity, {
      where: { orgId },
      order: { occurredAt: "ASC" },
      select: { occurredAt: true },
    });
    return first?.occurredAt ?? null;
  }

  /**
   * A run of whole buckets of one rollup level, row by row (each row is one bucket's (member,
   * Space, model), so there is nothing for the database to group; `assemble` adds them up).
   */
  private async fromRollups(orgId: string, level: RollupLevel, range: { from: Date; to: Date }, filters: UsageFilters): Promise<Row[]> {
    const qb = this.db.manager
      .createQueryBuilder(level.entity, "r")
      .select(["r.memberId AS memberId", "r.spaceId AS spaceId", "r.model AS model", "r.credits AS credits", "r.calls AS calls"])
      .where(`r.orgId = :orgId AND r.${level.column} >= :from AND r.${level.column} < :to`, {
        orgId,
        from: level.label(range.from),
        to: level.label(range.to),
      });
    // Below a day, a run of buckets lies in one UTC day.
    if (level.grain === "day") qb.addSelect("r.day", "day");
    const day = utcDay(range.from);
    return (await this.filtered(qb, "r", filters).getRawMany()).map((r) => toRow(level.grain === "day" ? r : { ...r, day }));
  }

  /** Raw events of a few minutes at an end of a range, grouped. */
  private async fromEvents(orgId: string, range: { from: Date; to: Date }, filters: UsageFilters): Promise<Row[]> {
    const qb = this.db.manager
      .createQueryBuilder(UsageEventEntity, "e")
      .select(["e.memberId AS memberId", "e.spaceId AS spaceId", "e.model AS model", "SUM(e.credits) AS credits", "COUNT(*) AS calls"])
      .where("e.orgId = :orgId AND e.occurredAt >= :from AND e.occurredAt < :to", { orgId, from: range.from, to: range.to })
      // Voided calls are counted out, as the rollups (which a void decrements) count them out.
      .andWhere("e.voidedAt IS NULL")
      .groupBy("e.memberId")
      .addGroupBy("e.spaceId")
      .addGroupBy("e.model");
    const day = utcDay(range.from);
    return (await this.filtered(qb, "e", filters).getRawMany()).map((r) => toRow({ ...r, day }));
  }

  private filtered<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, alias: string, filters: UsageFilters): SelectQueryBuilder<T> {
    if (filters.memberId) qb.andWhere(`${alias}.memberId = :memberId`, { memberId: filters.memberId });
    if (filters.spaceId) qb.andWhere(`${alias}.spaceId = :spaceId`, { spaceId: filters.spaceId });
    if (filters.model) qb.andWhere(`${alias}.model = :model`, { model: filters.model });
    return qb;
  }

  private async assemble(orgId: string, from: Date, to: Date, rows: Row[]): Promise<UsageReport> {
    const sum = <K>(key: (r: Row) => K) => {
      const out = new Map<K, Bucket>();
      for (const r of rows) {
        const b = out.get(key(r)) ?? { credits: 0, calls: 0 };
        b.credits += r.credits;
        b.calls += r.calls;
        out.set(key(r), b);
      }
      // A subtracted complement can cancel a bucket out: what is left made no calls in the range.
      for (const [k, b] of out) if (b.calls === 0) out.delete(k);
      return out;
    };
    const byMember = sum((r) => r.memberId);
    const bySpace = sum((r) => r.spaceId);
    const byModel = sum((r) => r.model);
    const byDay = sum((r) => r.day);
    // Names: removed members keep theirs (their membership rows stay).
    const members = byMember.size
      ? await this.db.manager
          .createQueryBuilder(MembershipEntity, "m")
          .innerJoin(UserEntity, "u", "u.id = m.userId")
          .select(["m.id AS id", "u.name AS name"])
          .where("m.orgId = :orgId", { orgId })
          .getRawMany<{ id: string; name: string }>()
      : [];
    const spaces = bySpace.size ? await this.db.manager.findBy(SpaceEntity, { orgId }) : [];
    const memberName = new Map(members.map((m) => [m.id, m.name]));
    const spaceName = new Map(spaces.map((s) => [s.id, s.name]));
    const desc = (a: Bucket, b: Bucket) => b.credits - a.credits;
    const daily: UsageReport["daily"] = [];
    for (let t = Math.floor(from.getTime() / DAY_MS) * DAY_MS; t < to.getTime(); t += DAY_MS) {
      const date = utcDay(new Date(t));
      daily.push({ date, ...(byDay.get(date) ?? { credits: 0, calls: 0 }) });
    }
    return {
      from,
      to,
      totalCredits: rows.reduce((s, r) => s + r.credits, 0),
      calls: rows.reduce((s, r) => s + r.calls, 0),
      byMember: [...byMember].map(([memberId, b]) => ({ memberId, name: memberName.get(memberId) ?? "", ...b })).sort(desc),
      bySpace: [...bySpace].map(([spaceId, b]) => ({ spaceId, name: spaceName.get(spaceId) ?? "", ...b })).sort(desc),
      byModel: [...byModel].map(([model, b]) => ({ model, ...b })).sort(desc),
      daily,
    };
  }
}

const floorTo = (date: Date, unit: number) => new Date(Math.floor(date.getTime() / unit) * unit);
const ceilTo = (date: Date, unit: number) => new Date(Math.ceil(date.getTime() / unit) * unit);

export interface RangePart {
  /** The rollup level read, or none for raw events. */
  level: RollupLevel | null;
  from: Date;
  to: Date;
  /** -1: subtracted (a bucket's complement inside a range part that reads the whole bucket). */
  sign: 1 | -1;
}

/**
 * Splits [from, to) into what a report reads: runs of whole buckets, coarsest level
 * first, and raw events only for what no bucket covers. A piece that fills more than
 * half of a bucket reads the whole bucket minus the rest (so never more than half a
 * bucket's worth of the level below): with days, hours and ten minutes, a report reads
 * at most five minutes of raw events at each end, and a bounded number of rollup rows,
 * however long or however busy its range. Added up with their signs, the parts cover
 * every moment of [from, to) once and nothing else; no part below a day crosses a UTC day.
 */
export function splitRange(from: Date, to: Date): RangePart[] {
  const parts: RangePart[] = [];
  const cover = (a: Date, b: Date, depth: number, sign: 1 | -1) => {
    if (a >= b) return;
    const level = ROLLUP_LEVELS[depth];
    if (!level) {
      parts.push({ level: null, from: a, to: b, sign });
      return;
    }
    const firstWhole = ceilTo(a, level.unitMs);
    const lastWhole = floorTo(b, level.unitMs);
    if (firstWhole < lastWhole) {
      parts.push({ level, from: firstWhole, to: lastWhole, sign });
      piece(a, firstWhole, depth, sign);
      piece(lastWhole, b, depth, sign);
    } else if (firstWhole < b) {
      // Across one boundary, with no whole bucket: a piece on each side.
      piece(a, firstWhole, depth, sign);
      piece(firstWhole, b, depth, sign);
    } else piece(a, b, depth, sign);
  };
  /** [a, b) inside one bucket of the level: the piece itself, or the bucket minus the rest. */
  const piece = (a: Date, b: Date, depth: number, sign: 1 | -1) => {
    if (a >= b) return;
    const level = ROLLUP_LEVELS[depth];
    if (b.getTime() - a.getTime() <= level.unitMs / 2) {
      cover(a, b, depth + 1, sign);
      return;
    }
    const start = floorTo(a, level.unitMs);
    const end = new Date(start.getTime() + level.unitMs);
    parts.push({ level, from: start, to: end, sign });
    const minus = sign === 1 ? -1 : 1;
    cover(start, a, depth + 1, minus);
    cover(b, end, depth + 1, minus);
  };
  cover(from, to, 0, 1);
  return parts;
}

const toRow = (r: Record<string, unknown>): Row => ({
  memberId: String(r.memberId),
  spaceId: String(r.spaceId),
  model: String(r.model),
  day: String(r.day),
  credits: Number(r.credits),
  calls: Number(r.calls),
});

/** A usage event's place in its pages: (occurredAt in ms, id). */
const eventKey = (e: UsageEventEntity): [number, string] => [e.occurredAt.getTime(), e.id];
const isEventKey = (key: unknown[]): key is [number, string] =>
  key.length === 2 && Number.isSafeInteger(key[0]) && typeof key[1] === "string";
