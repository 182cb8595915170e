import { type SelectQueryBuilder, type ObjectLiteral } from "typeorm";
import type { Clock } from "../clock";
import type { PoolService } from "../credits/pool.service";
import { utcDay, utcHour } from "../credits/rollups";
import type { Database } from "../db/database";
import { MembershipEntity, SpaceEntity, UsageEventEntity, UsageRollupEntity, UsageRollupHourEntity, UserEntity } from "../entities";
import { badInput } from "../errors";

const DAY_MS = 86_400_000;
export const MAX_REPORT_DAYS = 400;
export const MAX_PAGE = 100;

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
 * Usage reports. Whole UTC days come from the daily rollups, whole hours of the
 * partial days at the edges from the hourly ones, and only the partial hours at the
 * very edges from raw events (through a covering index), so a report is exact for
 * any range without scanning a month, or even a day, of events.
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
      splitRange(from, to).map(({ grain, from: a, to: b }) =>
        grain === "day"
          ? this.fromDailyRollups(orgId, a, b, filters)
          : grain === "hour"
            ? this.fromHourlyRollups(orgId, a, b, filters)
            : this.fromEvents(orgId, a, b, filters),
      ),
    );
    const rows = parts.flat();
    return this.assemble(orgId, from, to, rows);
  }

  /** A page of raw events, newest first, keyed on (occurredAt, id): new events never shift a page. */
  async events(orgId: string, first: number | null, after: string | null, filters: UsageFilters) {
    const size = first ?? 20;
    if (!Number.isSafeInteger(size) || size < 1 || size > MAX_PAGE) throw badInput("first", `must be 1 to ${MAX_PAGE}`);
    const qb = this.filtered(this.db.manager.createQueryBuilder(UsageEventEntity, "e").where("e.orgId = :orgId", { orgId }), "e", filters);
    if (after) {
      const [ms, id] = decodeCursor(after);
      qb.andWhere("(e.occurredAt < :at OR (e.occurredAt = :at AND e.id < :id))", { at: new Date(ms), id });
    }
    const found = await qb
      .orderBy("e.occurredAt", "DESC")
      .addOrderBy("e.id", "DESC")
      .take(size + 1)
      .getMany();
    const page = found.slice(0, size);
    const edges = page.map((node) => ({ node, cursor: encodeCursor(node) }));
    return { edges, pageInfo: { hasNextPage: found.length > size, endCursor: edges.at(-1)?.cursor ?? null } };
  }

  private async fromDailyRollups(orgId: string, from: Date, to: Date, filters: UsageFilters): Promise<Row[]> {
    const qb = this.db.manager
      .createQueryBuilder(UsageRollupEntity, "r")
      .select([
        "r.memberId AS memberId",
        "r.spaceId AS spaceId",
        "r.model AS model",
        "r.day AS day",
        "r.credits AS credits",
        "r.calls AS calls",
      ])
      .where("r.orgId = :orgId AND r.day >= :from AND r.day < :to", { orgId, from: utcDay(from), to: utcDay(to) });
    return (await this.filtered(qb, "r", filters).getRawMany()).map(toRow);
  }

  /** Whole hours of a partial day, summed per day (they never cross one). */
  private async fromHourlyRollups(orgId: string, from: Date, to: Date, filters: UsageFilters): Promise<Row[]> {
    const qb = this.db.manager
      .createQueryBuilder(UsageRollupHourEntity, "r")
      .select(["r.memberId AS memberId", "r.spaceId AS spaceId", "r.model AS model", "SUM(r.credits) AS credits", "SUM(r.calls) AS calls"])
      .where("r.orgId = :orgId AND r.hour >= :from AND r.hour < :to", { orgId, from: utcHour(from), to: utcHour(to) })
      .groupBy("r.memberId")
      .addGroupBy("r.spaceId")
      .addGroupBy("r.model");
    const day = utcDay(from);
    return (await this.filtered(qb, "r", filters).getRawMany()).map((r) => toRow({ ...r, day }));
  }

  /** Raw events of a partial hour (the edges of a range), grouped. */
  private async fromEvents(orgId: string, from: Date, to: Date, filters: UsageFilters): Promise<Row[]> {
    const qb = this.db.manager
      .createQueryBuilder(UsageEventEntity, "e")
      .select(["e.memberId AS memberId", "e.spaceId AS spaceId", "e.model AS model", "SUM(e.credits) AS credits", "COUNT(*) AS calls"])
      .where("e.orgId = :orgId AND e.occurredAt >= :from AND e.occurredAt < :to", { orgId, from, to })
      .groupBy("e.memberId")
      .addGroupBy("e.spaceId")
      .addGroupBy("e.model");
    const day = utcDay(from);
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

const HOUR_MS = 3_600_000;
const floorTo = (date: Date, unit: number) => new Date(Math.floor(date.getTime() / unit) * unit);
const ceilTo = (date: Date, unit: number) => new Date(Math.ceil(date.getTime() / unit) * unit);

export interface RangePart {
  grain: "day" | "hour" | "raw";
  from: Date;
  to: Date;
}

/**
 * Splits [from, to) into the parts a report reads: whole UTC days from the daily
 * rollups, whole hours of the partial days from the hourly ones, and raw events
 * only for the partial hours at the two edges. No part crosses a UTC day, so each
 * knows its day; together they cover the range exactly once.
 */
export function splitRange(from: Date, to: Date): RangePart[] {
  const parts: RangePart[] = [];
  const add = (grain: RangePart["grain"], a: Date, b: Date) => {
    if (a < b) parts.push({ grain, from: a, to: b });
  };
  const firstHour = ceilTo(from, HOUR_MS);
  const lastHour = floorTo(to, HOUR_MS);
  if (firstHour >= lastHour) {
    // No whole hour inside: at most two partial hours, split where they meet.
    if (firstHour < to) {
      add("raw", from, firstHour);
      add("raw", firstHour, to);
    } else add("raw", from, to);
    return parts;
  }
  add("raw", from, firstHour);
  const firstDay = ceilTo(from, DAY_MS);
  const lastDay = floorTo(to, DAY_MS);
  if (firstDay < lastDay) {
    add("hour", firstHour, firstDay);
    add("day", firstDay, lastDay);
    add("hour", lastDay, lastHour);
  } else if (firstDay < lastHour) {
    // Whole hours on both sides of one midnight.
    add("hour", firstHour, firstDay);
    add("hour", firstDay, lastHour);
  } else add("hour", firstHour, lastHour);
  add("raw", lastHour, to);
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

export const encodeCursor = (e: UsageEventEntity) => Buffer.from(JSON.stringify([e.occurredAt.getTime(), e.id])).toString("base64url");

function decodeCursor(cursor: string): [number, string] {
  try {
    const [ms, id] = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as [number, string];
    if (Number.isSafeInteger(ms) && typeof id === "string") return [ms, id];
  } catch {
    // fall through
  }
  throw badInput("after", "is not a cursor this API gave out");
}
