import type { Response } from "express";
import type { Database } from "../db/database";
import { MembershipEntity, SpaceEntity, UsageEventEntity, UserEntity } from "../entities";
import type { UsageFilters } from "./usage.service";

const PAGE = 1_000;
/** What a line needs: all of it in the report index, so an export never reads the rows themselves. */
const COLUMNS = ["occurredAt", "id", "memberId", "spaceId", "model", "credits", "fromTopUp", "fromMonthly", "fromPersonal"] as const;
const HOUR_MS = 3_600_000;
const MAX_WINDOW_MS = 32 * 24 * HOUR_MS;
const HEADER = [
  "occurred_at",
  "event_id",
  "member_id",
  "member_name",
  "space_id",
  "space_name",
  "model",
  "credits",
  "from_top_up",
  "from_monthly",
  "from_personal",
];

/**
 * Streams an org's usage events in a range as CSV, oldest first, a page at a time,
 * waiting for the socket to drain: memory stays flat however many rows there are,
 * and each page costs the same however deep into the range it is.
 */
export async function streamUsageCsv(
  db: Database,
  res: Response,
  orgId: string,
  from: Date,
  to: Date,
  filters: UsageFilters,
): Promise<void> {
  const members = await db.manager
    .createQueryBuilder(MembershipEntity, "m")
    .innerJoin(UserEntity, "u", "u.id = m.userId")
    .select(["m.id AS id", "u.name AS name"])
    .where("m.orgId = :orgId", { orgId })
    .getRawMany<{ id: string; name: string }>();
  const memberName = new Map(members.map((m) => [m.id, m.name]));
  const spaceName = new Map((await db.manager.findBy(SpaceEntity, { orgId })).map((s) => [s.id, s.name]));
  res.status(200);
  res.setHeader("Content-Type", "text/csv; charset=utf-8");
  res.setHeader(
    "Content-Disposition",
    `attachment; filename="usage-${orgId}-${from.toISOString().slice(0, 10)}-${to.toISOString().slice(0, 10)}.csv"`,
  );
  await write(res, `${HEADER.join(",")}\n`);
  // Keyset pages on (occurredAt, id), each also bounded to a time window: a query over a short
  // window is one the planner answers with a range scan of the index, where an unbounded
  // "everything after the cursor" may be read from the org's first event on every page.
  // The window doubles while pages come back short (sparse usage) and falls back to an hour
  // when one fills.
  let at = from;
  let after: string | null = null;
  let window = HOUR_MS;
  while (at < to) {
    const until = new Date(Math.min(to.getTime(), at.getTime() + window));
    const qb = db.manager
      .createQueryBuilder(UsageEventEntity, "e")
      .select(COLUMNS.map((c) => `e.${c}`))
      .where("e.orgId = :orgId AND e.occurredAt >= :at AND e.occurredAt < :until", { orgId, at, until });
    if (after) qb.andWhere("(e.occurredAt > :at OR e.id > :after)", { after });
    if (filters.memberId) qb.andWhere("e.memberId = :memberId", { memberId: filters.memberId });
    if (filters.spaceId) qb.andWhere("e.spaceId = :spaceId", { spaceId: filters.spaceId });
    if (filters.model) qb.andWhere("e.model = :model", { model: filters.model });
    const page = await qb.orderBy("e.occurredAt", "ASC").addOrderBy("e.id", "ASC").take(PAGE).getMany();
    if (page.length > 0) await write(res, `${page.map((e) => csvLine(e, memberName, spaceName)).join("\n")}\n`);
    if (page.length === PAGE) {
      const last = page[PAGE - 1];
      [at, after, window] = [last.occurredAt, last.id, HOUR_MS];
    } else {
      [at, after, window] = [until, null, Math.min(window * 2, MAX_WINDOW_MS)];
    }
  }
  res.end();
}

function csvLine(e: UsageEventEntity, memberName: Map<string, string>, spaceName: Map<string, string>): string {
  return [
    e.occurredAt.toISOString(),
    e.id,
    e.memberId,
    memberName.get(e.memberId) ?? "",
    e.spaceId,
    spaceName.get(e.spaceId) ?? "",
    e.model,
    e.credits,
    e.fromTopUp,
    e.fromMonthly,
    e.fromPersonal,
  ]
    .map(csvField)
    .join(",");
}

function write(res: Response, chunk: string): Promise<void> {
  return res.write(chunk) ? Promise.resolve() : new Promise((resolve) => res.once("drain", () => resolve()));
}

/** RFC 4180 quoting, and a leading quote for cells a spreadsheet would read as a formula. */
export function csvField(value: string | number): string {
  let text = String(value);
  if (/^[=+\-@]/.test(text) && typeof value === "string") text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
