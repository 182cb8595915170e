import { Readable, type Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { stringify, type Stringifier } from "csv-stringify";
import type { Request, Response } from "express";
import { In, type SelectQueryBuilder } from "typeorm";
import type { Database } from "../db/database";
import { MembershipEntity, SpaceEntity, UsageEventEntity, UserEntity } from "../entities";
import { REPORT_INDEX_COLUMNS } from "../entities/usage-event.entity";
import { badInput } from "../common/errors";
import { MAX_REPORT_DAYS, type UsageFilters, type UsageService } from "./usage.service";

const PAGE = 1_000;
/** What a line needs: all of it in the report index, so an export never reads the rows themselves. */
const COLUMNS = REPORT_INDEX_COLUMNS;
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const MAX_WINDOW_MS = 32 * DAY_MS;
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
  // A voided call stays listed, apart: when it was voided and why (empty for the others).
  "voided_at",
  "void_reason",
];
/** ISO-8601 as `toISOString` writes it (six-digit signed years included, so a huge range is refused as a range), date-only or with an offset. */
const ISO_TIME = /^([+-]\d{6}|\d{4})-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2}))?$/;

/** One CSV line's cells; numbers stay numbers, so the stringifier neither quotes nor formula-escapes them. */
export type CsvRecord = [string, string, string, string, string, string, string, number, number, number, number, string, string];

/**
 * The stringifier every export uses: RFC 4180 quoting (a cell with `"`, `,`, CR or LF is quoted,
 * quotes doubled) and `escape_formulas`, which prefixes `'` to a text cell starting with
 * `=`, `+`, `-`, `@`, TAB or CR (and their full-width forms) so a spreadsheet shows it as text.
 */
export function usageCsvStringifier(): Stringifier {
  // Naming record_delimiter turns off quoting of a lone CR unless quote_record_delimiter says so.
  return stringify({ header: true, columns: HEADER, escape_formulas: true, record_delimiter: "\n", quote_record_delimiter: true });
}

/**
 * `GET /orgs/:orgId/usage.csv` once the caller may read `filters`' rows: checks the range
 * (throws BAD_USER_INPUT before anything is sent) and streams the CSV, stopping the moment
 * the client goes away.
 */
export async function exportUsageCsv(
  usage: UsageService,
  req: Request,
  res: Response,
  orgId: string,
  filters: UsageFilters,
): Promise<void> {
  const { from, to } = await csvRange(usage, orgId, req.query);
  // `res` closes when the response ends or the socket does; after a normal end aborting is a no-op.
  // (Not `req`'s close: since Node 16 it fires as soon as the request body was read.)
  const abort = new AbortController();
  const onClose = () => abort.abort();
  res.once("close", onClose);
  try {
    res.status(200);
    res.setHeader("Content-Type", "text/csv; charset=utf-8");
    res.setHeader(
      "Content-Disposition",
      `attachment; filename="usage-${orgId}-${from.toISOString().slice(0, 10)}-${to.toISOString().slice(0, 10)}.csv"`,
    );
    await streamUsageCsv(usage.db, res, orgId, from, to, filters, abort.signal);
  } catch (error) {
    if (abort.signal.aborted) return; // the client left: nothing to answer, nothing to log
    throw error;
  } finally {
    res.off("close", onClose);
  }
}

/** `from`/`to` from the query string (the current period by default), at most MAX_REPORT_DAYS apart. */
async function csvRange(usage: UsageService, orgId: string, query: Request["query"]): Promise<{ from: Date; to: Date }> {
  const parse = (name: "from" | "to"): Date | null => {
    const raw = query[name];
    if (raw === undefined) return null;
    if (typeof raw !== "string" || !ISO_TIME.test(raw) || Number.isNaN(Date.parse(raw)) || !realDay(raw)) {
      throw badInput(name, "must be an ISO-8601 time such as 2026-01-31T00:00:00Z");
    }
    return new Date(raw);
  };
  let from = parse("from");
  let to = parse("to");
  if (!from || !to) {
    const range = await usage.defaultRange(orgId);
    from ??= range.from;
    to ??= range.to;
  }
  if (to <= from) throw badInput("to", "must be after from");
  // Refused, never clamped: a file that silently lacks rows would be read as complete.
  if (to.getTime() - from.getTime() > MAX_REPORT_DAYS * DAY_MS) throw badInput("to", `an export covers at most ${MAX_REPORT_DAYS} days`);
  return { from, to };
}

/** Whether the date part names a day that exists: `Date.parse` rolls 2027-02-30 over to March 2. */
function realDay(raw: string): boolean {
  const [, year, month, day] = /^([+-]?\d+)-(\d{2})-(\d{2})/.exec(raw) ?? [];
  const date = new Date(0);
  date.setUTCFullYear(Number(year), Number(month) - 1, Number(day));
  return date.getUTCMonth() === Number(month) - 1 && date.getUTCDate() === Number(day);
}

/**
 * Streams an org's usage events in [from, to) as CSV into `out`, oldest first. The rows are
 * pulled only as fast as `out` takes them (stream backpressure), so memory stays flat however
 * many rows there are; `signal` (the client going away) is checked before every query.
 */
export async function streamUsageCsv(
  db: Database,
  out: Writable,
  orgId: string,
  from: Date,
  to: Date,
  filters: UsageFilters,
  signal: AbortSignal = new AbortController().signal,
): Promise<void> {
  await pipeline(Readable.from(usageRecords(db, orgId, from, to, filters, signal)), usageCsvStringifier(), out, { signal });
}

/**
 * Keyset pages on (occurredAt, id), each also bounded to a time window: a query over a short
 * window is one the planner answers with a range scan of the index, where an unbounded
 * "everything after the cursor" may be read from the org's first event on every page. The
 * window doubles while pages come back short (sparse usage) and falls back to an hour when one
 * fills; an empty window seeks to the next event instead of stepping through the gap, so a
 * range costs queries in proportion to its events, not its length.
 */
async function* usageRecords(
  db: Database,
  orgId: string,
  from: Date,
  to: Date,
  filters: UsageFilters,
  signal: AbortSignal,
): AsyncGenerator<CsvRecord> {
  // Before every query: a generator asked to stop mid-await still runs on to its next yield.
  const gone = () => signal.aborted;
  if (gone()) return;
  const members = await db.manager
    .createQueryBuilder(MembershipEntity, "m")
    .innerJoin(UserEntity, "u", "u.id = m.userId")
    .select(["m.id AS id", "u.name AS name"])
    .where("m.orgId = :orgId", { orgId })
    .getRawMany<{ id: string; name: string }>();
  const memberName = new Map(members.map((m) => [m.id, m.name]));
  if (gone()) return;
  const spaceName = new Map((await db.manager.findBy(SpaceEntity, { orgId })).map((s) => [s.id, s.name]));

  const filtered = (qb: SelectQueryBuilder<UsageEventEntity>): SelectQueryBuilder<UsageEventEntity> => {
    if (filters.memberId) qb = qb.andWhere("e.memberId = :memberId", { memberId: filters.memberId });
    if (filters.spaceId) qb = qb.andWhere("e.spaceId = :spaceId", { spaceId: filters.spaceId });
    if (filters.model) qb = qb.andWhere("e.model = :model", { model: filters.model });
    return qb;
  };
  let at = from;
  let after: string | null = null;
  let window = HOUR_MS;
  while (at < to) {
    if (gone()) return;
    const until = new Date(Math.min(to.getTime(), at.getTime() + window));
    const qb = filtered(
      db.manager
        .createQueryBuilder(UsageEventEntity, "e")
        .select(COLUMNS.map((c) => `e.${c}`))
        .where("e.orgId = :orgId AND e.occurredAt >= :at AND e.occurredAt < :until", { orgId, at, until }),
    );
    if (after) qb.andWhere("(e.occurredAt > :at OR e.id > :after)", { after });
    const page = await qb.orderBy("e.occurredAt", "ASC").addOrderBy("e.id", "ASC").take(PAGE).getMany();
    if (gone()) return;
    const reasons = await voidReasons(db, page);
    for (const e of page) yield record(e, memberName, spaceName, reasons);
    if (page.length === PAGE) {
      const last = page[PAGE - 1];
      [at, after, window] = [last.occurredAt, last.id, HOUR_MS];
    } else if (page.length > 0) {
      [at, after, window] = [until, null, Math.min(window * 2, MAX_WINDOW_MS)];
    } else {
      // Nothing in [at, until) past the cursor: the next event, if any, is at or after `until`
      // (seeking from `at` could find the cursor's own millisecond again). One index probe.
      if (until >= to || gone()) return;
      const next = await filtered(
        db.manager
          .createQueryBuilder(UsageEventEntity, "e")
          .select(["e.occurredAt", "e.id"])
          .where("e.orgId = :orgId AND e.occurredAt >= :until AND e.occurredAt < :to", { orgId, until, to }),
      )
        .orderBy("e.occurredAt", "ASC")
        .addOrderBy("e.id", "ASC")
        .limit(1)
        .getOne();
      if (!next) return;
      [at, after] = [next.occurredAt, null];
    }
  }
}

/** The reasons of a page's voided calls (few, and not in the index): one lookup by id, none for a page without. */
async function voidReasons(db: Database, page: UsageEventEntity[]): Promise<Map<string, string>> {
  const ids = page.filter((e) => e.voidedAt !== null).map((e) => e.id);
  if (ids.length === 0) return new Map();
  const rows = await db.manager.find(UsageEventEntity, { select: { id: true, voidReason: true }, where: { id: In(ids) } });
  return new Map(rows.map((r) => [r.id, r.voidReason ?? ""]));
}

function record(
  e: UsageEventEntity,
  memberName: Map<string, string>,
  spaceName: Map<string, string>,
  voidReason: Map<string, string>,
): CsvRecord {
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
    e.voidedAt ? e.voidedAt.toISOString() : "",
    voidReason.get(e.id) ?? "",
  ];
}
