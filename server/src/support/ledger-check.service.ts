import type { EntityManager } from "typeorm";
import type { Clock } from "../common/clock";
import { toSafeInteger } from "../db/columns";
import type { Database } from "../db/database";
import { MembershipEntity, OrgEntity, PoolEntity, SpaceEntity, UserEntity } from "../entities";
import { notFound } from "../common/errors";
import { isId } from "../common/validate";

export interface LedgerCheck {
  orgId: string;
  checkedAt: Date;
  ok: boolean;
  problems: string[];
}

/** Each kind of mismatch lists at most this many rows; a note says when there were more. */
export const MAX_LISTED = 50;

type Row = Record<string, unknown>;
const int = (value: unknown): number => (value === null || value === undefined ? 0 : toSafeInteger(value));
const str = (value: unknown): string => String(value);

/**
 * Support's audit of an org's books: recomputes, from the immutable ledger, the usage
 * events and the reservations, what every stored balance and counter should hold, and
 * says in words what does not add up.
 *
 * Every comparison is one aggregate query (SUM / GROUP BY, window functions for the
 * balance chains) that returns only the rows that disagree, so a big org is checked in
 * one request without its events or entries ever being read into memory here. The
 * queries run in one consistent snapshot (see `snapshot`), so a write committing
 * meanwhile cannot show up as a false mismatch.
 */
export class LedgerCheckService {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
  ) {}

  async check(orgId: string): Promise<LedgerCheck> {
    if (!isId(orgId)) throw notFound("Org");
    const problems = await this.snapshot(async (em) => {
      if (!(await em.existsBy(OrgEntity, { id: orgId }))) throw notFound("Org");
      const found: string[] = [];
      const pool = await em.findOneBy(PoolEntity, { orgId });
      if (pool) {
        found.push(...(await this.buckets(em, pool)));
        found.push(...(await this.reserved(em, pool)));
        found.push(...(await this.counters(em, pool)));
      }
      found.push(...(await this.chains(em, orgId)));
      found.push(...(await this.eventSplits(em, orgId)));
      found.push(...(await this.personalBalances(em, orgId)));
      return found;
    });
    return { orgId, checkedAt: this.clock.now(), ok: problems.length === 0, problems };
  }

  /**
   * One read-only snapshot. MySQL: REPEATABLE READ (the app's writers use READ
   * COMMITTED, which would let each query see a different moment); no locks are
   * taken, so metering never waits on the check. SQLite: the app's queued transaction,
   * so no other transaction's uncommitted writes on the one connection are visible.
   */
  private snapshot<T>(fn: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.db.kind === "mysql" ? this.db.dataSource.transaction("REPEATABLE READ", fn) : this.db.transaction(fn);
  }

  /** Each pool bucket = the sum of its ledger entries, and not below zero. */
  private async buckets(em: EntityManager, pool: PoolEntity): Promise<string[]> {
    const rows: Row[] = await em.query(
      "SELECT bucket, SUM(amount) AS total FROM ledger_entry WHERE account = 'ORG' AND accountId = ? GROUP BY bucket",
      [pool.orgId],
    );
    const sum = (bucket: string) => int(rows.find((r) => r.bucket === bucket)?.total);
    const problems: string[] = [];
    for (const [bucket, label, stored] of [
      ["TOP_UP", "Top-up bucket", pool.topUpBalance],
      ["MONTHLY", "Monthly bucket", pool.monthlyBalance],
    ] as const) {
      if (stored < 0) problems.push(`${label}: the pool holds ${stored} credits, below zero.`);
      const expected = sum(bucket);
      if (stored !== expected)
        problems.push(`${label}: expected ${expected} credits (the sum of its ledger entries), found ${stored} in the pool.`);
    }
    const other = rows.filter((r) => r.bucket !== "TOP_UP" && r.bucket !== "MONTHLY");
    for (const r of other) problems.push(`The org's ledger has entries in bucket ${str(r.bucket)}, which is no pool bucket.`);
    return problems;
  }

  /** The pool's `reserved` = the credits of its HELD reservations. */
  private async reserved(em: EntityManager, pool: PoolEntity): Promise<string[]> {
    const [row]: Row[] = await em.query("SELECT SUM(credits) AS held FROM reservation WHERE orgId = ? AND status = 'HELD'", [pool.orgId]);
    const expected = int(row?.held);
    if (pool.reserved === expected) return [];
    return [`Pool reserved: expected ${expected} credits (the sum of its HELD reservations), found ${pool.reserved}.`];
  }

  /**
   * The current period's cap counters. `used` = the pool-charged usage events of the
   * period ([periodStart, periodEnd), read from the pool row itself), less the voided
   * ones (a void takes its call off the counters of its period); `reserved` = the
   * HELD reservations made in this period or an earlier one (rollPeriods carries every
   * open hold's counters into each new period). Both sides are grouped per target and
   * joined by a UNION ALL regrouping (no FULL OUTER JOIN on MySQL); only rows that
   * disagree come back.
   */
  private async counters(em: EntityManager, pool: PoolEntity): Promise<string[]> {
    const { orgId, periodIndex } = pool;
    const events = (target: string, scope: string) =>
      `SELECT '${scope}' AS scope, e.${target} AS targetId, 0 AS storedUsed, 0 AS storedReserved, SUM(e.credits) AS used, 0 AS held
         FROM usage_event e, pool p
        WHERE p.orgId = ? AND e.orgId = p.orgId AND e.occurredAt >= p.periodStart AND e.occurredAt < p.periodEnd AND e.fromPersonal = 0
          AND e.voidedAt IS NULL
        GROUP BY e.${target}`;
    const holds = (target: string, scope: string) =>
      `SELECT '${scope}' AS scope, r.${target} AS targetId, 0 AS storedUsed, 0 AS storedReserved, 0 AS used, SUM(r.credits) AS held
         FROM reservation r
        WHERE r.orgId = ? AND r.status = 'HELD' AND r.periodIndex <= ?
        GROUP BY r.${target}`;
    const rows: Row[] = await em.query(
      `SELECT c.scope, c.targetId, SUM(c.storedUsed) AS storedUsed, SUM(c.storedReserved) AS storedReserved, SUM(c.used) AS used, SUM(c.held) AS held
         FROM (
           SELECT u.scope AS scope, u.targetId AS targetId, u.used AS storedUsed, u.reserved AS storedReserved, 0 AS used, 0 AS held
             FROM period_usage u WHERE u.orgId = ? AND u.periodIndex = ?
           UNION ALL ${events("memberId", "MEMBER")}
           UNION ALL ${events("spaceId", "SPACE")}
           UNION ALL ${holds("memberId", "MEMBER")}
           UNION ALL ${holds("spaceId", "SPACE")}
         ) c
        GROUP BY c.scope, c.targetId
       HAVING SUM(c.storedUsed) <> SUM(c.used) OR SUM(c.storedReserved) <> SUM(c.held)
        ORDER BY c.scope, c.targetId
        LIMIT ${MAX_LISTED + 1}`,
      [orgId, periodIndex, orgId, orgId, orgId, periodIndex, orgId, periodIndex],
    );
    const names = await this.targetNames(
      em,
      rows.filter((r) => r.scope === "MEMBER").map((r) => str(r.targetId)),
      rows.filter((r) => r.scope === "SPACE").map((r) => str(r.targetId)),
    );
    const problems: string[] = [];
    for (const r of rows.slice(0, MAX_LISTED)) {
      const who = `${r.scope === "MEMBER" ? "Member" : "Space"} ${names.get(str(r.targetId)) ?? str(r.targetId)}`;
      const period = `period ${periodIndex}`;
      if (int(r.storedUsed) !== int(r.used))
        problems.push(
          `${who}, cap counter for ${period}: used expected ${int(r.used)} credits (its usage events of the period, voided ones out), found ${int(r.storedUsed)}.`,
        );
      if (int(r.storedReserved) !== int(r.held))
        problems.push(
          `${who}, cap counter for ${period}: reserved expected ${int(r.held)} credits (its HELD reservations), found ${int(r.storedReserved)}.`,
        );
    }
    if (rows.length > MAX_LISTED) problems.push(`More cap counters do not add up than the ${MAX_LISTED} listed.`);
    return problems;
  }

  /**
   * Each ledger entry's balanceAfter = the previous entry's (same account and bucket,
   * in id order; 0 before the first) + its amount, and never below zero. Covers the
   * org's pool buckets and the personal buckets of the org's members.
   */
  private async chains(em: EntityManager, orgId: string): Promise<string[]> {
    const rows: Row[] = await em.query(
      `SELECT x.id, x.account, x.accountId, x.bucket, x.kind, x.amount, x.balanceAfter, x.previous
         FROM (
           SELECT l.id, l.account, l.accountId, l.bucket, l.kind, l.amount, l.balanceAfter,
                  COALESCE(LAG(l.balanceAfter) OVER (PARTITION BY l.account, l.accountId, l.bucket ORDER BY l.id), 0) AS previous
             FROM ledger_entry l
            WHERE (l.account = 'ORG' AND l.accountId = ?)
               OR (l.account = 'USER' AND l.accountId IN (SELECT m.userId FROM membership m WHERE m.orgId = ?))
         ) x
        WHERE x.balanceAfter <> x.previous + x.amount OR x.balanceAfter < 0
        ORDER BY x.id
        LIMIT ${MAX_LISTED + 1}`,
      [orgId, orgId],
    );
    const emails = await this.userEmails(
      em,
      rows.filter((r) => r.account === "USER").map((r) => str(r.accountId)),
    );
    const problems: string[] = [];
    for (const r of rows.slice(0, MAX_LISTED)) {
      const where =
        r.account === "ORG"
          ? `${r.bucket === "TOP_UP" ? "Top-up" : "Monthly"} bucket`
          : `Personal balance of ${emails.get(str(r.accountId)) ?? str(r.accountId)}`;
      const entry = `ledger entry #${int(r.id)} (${str(r.kind)}, ${int(r.amount)})`;
      const expected = int(r.previous) + int(r.amount);
      if (int(r.balanceAfter) !== expected)
        problems.push(
          `${where}, ${entry}: balance after expected ${expected} (the previous ${int(r.previous)} plus ${int(r.amount)}), found ${int(r.balanceAfter)}.`,
        );
      if (int(r.balanceAfter) < 0) problems.push(`${where}, ${entry}: balance after is ${int(r.balanceAfter)}, below zero.`);
    }
    if (rows.length > MAX_LISTED) problems.push(`More ledger entries break their balance chain than the ${MAX_LISTED} listed.`);
    return problems;
  }

  /**
   * Each usage event's split (fromTopUp, fromMonthly, fromPersonal, adding up to its
   * credits) = the USAGE ledger lines that reference it; and every pool USAGE line
   * references an event of the org. Personal lines are read for the org's members only
   * and count only where they reference one of this org's events (a member may spend
   * in other orgs too). A voided event's VOID lines return, per bucket, nothing (a
   * period that has ended, a forfeited pool) or exactly what the event took from it; an
   * event that is not voided has none, and every pool VOID line references an event.
   */
  private async eventSplits(em: EntityManager, orgId: string): Promise<string[]> {
    // Per event: its split and voided flag, then its USAGE lines and its VOID lines per bucket.
    const rows: Row[] = await em.query(
      `SELECT s.eventId, SUM(s.isEvent) AS isEvent, SUM(s.isVoided) AS isVoided, SUM(s.credits) AS credits,
              SUM(s.fromTopUp) AS fromTopUp, SUM(s.fromMonthly) AS fromMonthly, SUM(s.fromPersonal) AS fromPersonal,
              SUM(s.lineTopUp) AS lineTopUp, SUM(s.lineMonthly) AS lineMonthly, SUM(s.linePersonal) AS linePersonal,
              SUM(s.voidTopUp) AS voidTopUp, SUM(s.voidMonthly) AS voidMonthly, SUM(s.voidPersonal) AS voidPersonal
         FROM (
           SELECT e.id AS eventId, 1 AS isEvent, CASE WHEN e.voidedAt IS NULL THEN 0 ELSE 1 END AS isVoided, e.credits AS credits,
                  e.fromTopUp AS fromTopUp, e.fromMonthly AS fromMonthly, e.fromPersonal AS fromPersonal,
                  0 AS lineTopUp, 0 AS lineMonthly, 0 AS linePersonal, 0 AS voidTopUp, 0 AS voidMonthly, 0 AS voidPersonal
             FROM usage_event e WHERE e.orgId = ?
           UNION ALL
           SELECT l.reference, 0, 0, 0, 0, 0, 0,
                  -SUM(CASE WHEN l.kind = 'USAGE' AND l.bucket = 'TOP_UP' THEN l.amount ELSE 0 END),
                  -SUM(CASE WHEN l.kind = 'USAGE' AND l.bucket = 'MONTHLY' THEN l.amount ELSE 0 END), 0,
                  SUM(CASE WHEN l.kind = 'VOID' AND l.bucket = 'TOP_UP' THEN l.amount ELSE 0 END),
                  SUM(CASE WHEN l.kind = 'VOID' AND l.bucket = 'MONTHLY' THEN l.amount ELSE 0 END), 0
             FROM ledger_entry l WHERE l.account = 'ORG' AND l.accountId = ? AND l.kind IN ('USAGE', 'VOID')
            GROUP BY l.reference
           UNION ALL
           SELECT l.reference, 0, 0, 0, 0, 0, 0, 0, 0,
                  -SUM(CASE WHEN l.kind = 'USAGE' THEN l.amount ELSE 0 END), 0, 0,
                  SUM(CASE WHEN l.kind = 'VOID' THEN l.amount ELSE 0 END)
             FROM ledger_entry l
            WHERE l.account = 'USER' AND l.bucket = 'PERSONAL' AND l.kind IN ('USAGE', 'VOID')
              AND l.accountId IN (SELECT m.userId FROM membership m WHERE m.orgId = ?)
            GROUP BY l.reference
         ) s
        GROUP BY s.eventId
       HAVING (SUM(s.isEvent) = 0 AND (SUM(s.lineTopUp) <> 0 OR SUM(s.lineMonthly) <> 0 OR SUM(s.voidTopUp) <> 0 OR SUM(s.voidMonthly) <> 0))
           OR (SUM(s.isEvent) > 0 AND (SUM(s.fromTopUp) <> SUM(s.lineTopUp) OR SUM(s.fromMonthly) <> SUM(s.lineMonthly)
               OR SUM(s.fromPersonal) <> SUM(s.linePersonal)
               OR SUM(s.fromTopUp) + SUM(s.fromMonthly) + SUM(s.fromPersonal) <> SUM(s.credits)))
           OR (SUM(s.isEvent) > 0 AND SUM(s.isVoided) = 0 AND (SUM(s.voidTopUp) <> 0 OR SUM(s.voidMonthly) <> 0 OR SUM(s.voidPersonal) <> 0))
           OR (SUM(s.isEvent) > 0 AND SUM(s.isVoided) > 0 AND (
                  (SUM(s.voidTopUp) <> 0 AND SUM(s.voidTopUp) <> SUM(s.fromTopUp))
               OR (SUM(s.voidMonthly) <> 0 AND SUM(s.voidMonthly) <> SUM(s.fromMonthly))
               OR (SUM(s.voidPersonal) <> 0 AND SUM(s.voidPersonal) <> SUM(s.fromPersonal))))
        ORDER BY s.eventId
        LIMIT ${MAX_LISTED + 1}`,
      [orgId, orgId, orgId],
    );
    const problems: string[] = [];
    for (const r of rows.slice(0, MAX_LISTED)) {
      const id = r.eventId === null ? "(no reference)" : str(r.eventId);
      if (int(r.isEvent) === 0) {
        if (int(r.lineTopUp) !== 0 || int(r.lineMonthly) !== 0)
          problems.push(`Pool USAGE ledger lines reference ${id}, which is no usage event of this org.`);
        if (int(r.voidTopUp) !== 0 || int(r.voidMonthly) !== 0)
          problems.push(`Pool VOID ledger lines reference ${id}, which is no usage event of this org.`);
        continue;
      }
      const event = `Usage event ${id} (${int(r.credits)} credits)`;
      const split = int(r.fromTopUp) + int(r.fromMonthly) + int(r.fromPersonal);
      if (split !== int(r.credits)) problems.push(`${event}: its split adds up to ${split} credits, not ${int(r.credits)}.`);
      for (const [label, stored, lines] of [
        ["fromTopUp", r.fromTopUp, r.lineTopUp],
        ["fromMonthly", r.fromMonthly, r.lineMonthly],
        ["fromPersonal", r.fromPersonal, r.linePersonal],
      ] as const) {
        if (int(stored) !== int(lines))
          problems.push(`${event}: ${label} expected ${int(lines)} (its USAGE ledger lines), found ${int(stored)}.`);
      }
      const voided = int(r.isVoided) > 0;
      for (const [label, taken, back] of [
        ["top-up", r.fromTopUp, r.voidTopUp],
        ["monthly", r.fromMonthly, r.voidMonthly],
        ["personal", r.fromPersonal, r.voidPersonal],
      ] as const) {
        if (int(back) === 0) continue;
        if (!voided) problems.push(`${event}: not voided, yet VOID ledger lines return ${int(back)} ${label} credits for it.`);
        else if (int(back) !== int(taken))
          problems.push(
            `${event}: voided, its VOID ledger lines return ${int(back)} ${label} credits; expected ${int(taken)} (what it took) or none.`,
          );
      }
    }
    if (rows.length > MAX_LISTED) problems.push(`More usage events disagree with the ledger than the ${MAX_LISTED} listed.`);
    return problems;
  }

  /** Every member's personal balance = the sum of that user's PERSONAL entries (no row: 0). */
  private async personalBalances(em: EntityManager, orgId: string): Promise<string[]> {
    const rows: Row[] = await em.query(
      `SELECT b.userId, SUM(b.hasRow) AS hasRow, SUM(b.stored) AS stored, SUM(b.ledger) AS ledger
         FROM (
           SELECT p.userId AS userId, 1 AS hasRow, p.balance AS stored, 0 AS ledger
             FROM personal_balance p WHERE p.userId IN (SELECT m.userId FROM membership m WHERE m.orgId = ?)
           UNION ALL
           SELECT l.accountId, 0, 0, SUM(l.amount)
             FROM ledger_entry l
            WHERE l.account = 'USER' AND l.bucket = 'PERSONAL' AND l.accountId IN (SELECT m.userId FROM membership m WHERE m.orgId = ?)
            GROUP BY l.accountId
         ) b
        GROUP BY b.userId
       HAVING SUM(b.stored) <> SUM(b.ledger) OR SUM(b.stored) < 0
        ORDER BY b.userId
        LIMIT ${MAX_LISTED + 1}`,
      [orgId, orgId],
    );
    const emails = await this.userEmails(
      em,
      rows.map((r) => str(r.userId)),
    );
    const problems: string[] = [];
    for (const r of rows.slice(0, MAX_LISTED)) {
      const who = `Personal balance of ${emails.get(str(r.userId)) ?? str(r.userId)}`;
      const stored = int(r.hasRow) > 0 ? `found ${int(r.stored)}` : "found no balance row";
      if (int(r.stored) < 0) problems.push(`${who}: ${int(r.stored)} credits, below zero.`);
      if (int(r.stored) !== int(r.ledger))
        problems.push(`${who}: expected ${int(r.ledger)} credits (the sum of their PERSONAL ledger entries), ${stored}.`);
    }
    if (rows.length > MAX_LISTED) problems.push(`More personal balances do not add up than the ${MAX_LISTED} listed.`);
    return problems;
  }

  /** Names for the few targets a message mentions: a member's email, a Space's name. */
  private async targetNames(em: EntityManager, memberIds: string[], spaceIds: string[]): Promise<Map<string, string>> {
    const names = new Map<string, string>();
    if (memberIds.length) {
      const members: Row[] = await em
        .createQueryBuilder(MembershipEntity, "m")
        .innerJoin(UserEntity, "u", "u.id = m.userId")
        .select("m.id", "id")
        .addSelect("u.email", "email")
        .where("m.id IN (:...ids)", { ids: memberIds })
        .getRawMany();
      for (const m of members) names.set(str(m.id), `${str(m.email)} (${str(m.id)})`);
    }
    if (spaceIds.length) {
      const spaces = await em.createQueryBuilder(SpaceEntity, "s").where("s.id IN (:...ids)", { ids: spaceIds }).getMany();
      for (const s of spaces) names.set(s.id, `"${s.name}" (${s.id})`);
    }
    return names;
  }

  private async userEmails(em: EntityManager, userIds: string[]): Promise<Map<string, string>> {
    if (userIds.length === 0) return new Map();
    const users = await em
      .createQueryBuilder(UserEntity, "u")
      .where("u.id IN (:...ids)", { ids: [...new Set(userIds)] })
      .getMany();
    return new Map(users.map((u) => [u.id, `${u.email} (${u.id})`]));
  }
}
