import { POOLED_PLANS, teamMonthlyAllotment, type Catalog } from "@team-billing/shared";
import { type EntityManager, type EntityTarget, In, type ObjectLiteral } from "typeorm";
import type { Clock } from "../common/clock";
import type { DomainEvent, DomainEvents } from "../common/domain-events";
import { bulkInsert, hydrate, runStatements, type Statement, tableOf } from "../db/statements";
import type { Database } from "../db/database";
import {
  AuditEntryEntity,
  CapEntity,
  LedgerEntryEntity,
  MembershipEntity,
  OrgEntity,
  PeriodUsageEntity,
  PoolEntity,
  SpaceEntity,
  UsageEventEntity,
} from "../entities";
import type { MailService } from "../mail/mail.service";
import { type AdmissionState, type Counter, counterKey, MAX_BALANCE } from "./admission";
import { PoolRefilled } from "./credit-events";
import { periodAt } from "./periods";
import { type RefusedInBatch, UsageSignals } from "./usage-signals";
import { UsageAlertEvaluator } from "./usage-alert.evaluator";
import { type ChargeBatch, type LedgerLine, orgLedgerRows, saveCounters, writeCharges } from "./usage-writer";

export type { LedgerLine };

/** The members, Spaces and idempotency keys a batch of calls names. */
export interface ChargeRefs {
  memberIds: string[];
  spaceIds: string[];
  keys: string[];
}

/** What `lockForCharges` read under the org's lock. */
export interface ChargeReads {
  /** Locked; null when the org has no pool (personal plans). */
  pool: PoolEntity | null;
  org: OrgEntity | null;
  /** The active ones among the calls' members. */
  members: MembershipEntity[];
  spaces: SpaceEntity[];
  /** Events already recorded with the calls' idempotency keys. */
  prior: UsageEventEntity[];
  /** The pool's buckets, the org's caps and this period's counters of the calls' members and Spaces. */
  state: AdmissionState | null;
}

const admissionStateOf = (pool: PoolEntity, caps: CapEntity[], counters: PeriodUsageEntity[]): AdmissionState => ({
  buckets: { topUp: pool.topUpBalance, monthly: pool.monthlyBalance, reserved: pool.reserved },
  caps: new Map(caps.map((c) => [counterKey(c.scope, c.targetId), c.monthlyLimit])),
  counters: new Map(counters.map((r) => [counterKey(r.scope, r.targetId), { used: r.used, reserved: r.reserved }])),
});

/**
 * Reads and writes of an org's credits, always inside a transaction that holds
 * the org's pool row (`lockPool`): that lock orders every writer of the org, in
 * one process or many, so what is read here stays true until commit.
 */
export class CreditStore {
  constructor(
    private readonly db: Database,
    clock: Clock,
    private readonly catalog: Catalog,
    mail: MailService,
    /** Where the console is, for the links in its mails. */
    publicUrl: string,
    /** Where credits tell what happened (alerts crossing, caps reached, the refill): the webhooks subscribe; none in benches. */
    private readonly events?: DomainEvents,
  ) {
    this.alerts = new UsageAlertEvaluator(db, clock, mail, publicUrl, events);
    this.signals = new UsageSignals(events);
  }

  /** Caps reached and the pool run dry, told once (see usage-signals.ts). */
  readonly signals: UsageSignals;

  /** Tells a credits event to its subscribers, in the open transaction (nothing without a bus). */
  async emit<P>(event: DomainEvent<P>, payload: P): Promise<void> {
    await this.events?.emit(event, payload);
  }

  /** Usage alerts, evaluated in the transactions that move balances (see usage-alert.evaluator.ts). */
  readonly alerts: UsageAlertEvaluator;

  /**
   * Everything a batch of charges reads, the org's pool row locked first (so the rest is read
   * under the lock): the org, the calls' active members, their Spaces, earlier events with
   * their idempotency keys, the org's caps and this period's counters. One round trip on a
   * connection that takes bundles (see db/statements.ts), where seven reads one by one cost
   * the batch most of its time under the lock.
   */
  async lockForCharges(em: EntityManager, orgId: string, refs: ChargeRefs): Promise<ChargeReads> {
    const table = (target: EntityTarget<ObjectLiteral>) => tableOf(em, target);
    const list = (values: string[]) => (values.length > 0 ? values.map(() => "?").join(", ") : "NULL");
    const targetIds = [...refs.memberIds, ...refs.spaceIds];
    const statements: Statement[] = [
      { sql: `SELECT * FROM ${table(PoolEntity)} WHERE orgId = ?${this.db.kind === "mysql" ? " FOR UPDATE" : ""}`, params: [orgId] },
      { sql: `SELECT * FROM ${table(OrgEntity)} WHERE id = ?`, params: [orgId] },
      {
        sql: `SELECT * FROM ${table(MembershipEntity)} WHERE orgId = ? AND active = 1 AND id IN (${list(refs.memberIds)})`,
        params: [orgId, ...refs.memberIds],
      },
      { sql: `SELECT * FROM ${table(SpaceEntity)} WHERE orgId = ? AND id IN (${list(refs.spaceIds)})`, params: [orgId, ...refs.spaceIds] },
      {
        sql: `SELECT * FROM ${table(UsageEventEntity)} WHERE orgId = ? AND idempotencyKey IN (${list(refs.keys)})`,
        params: [orgId, ...refs.keys],
      },
      { sql: `SELECT * FROM ${table(CapEntity)} WHERE orgId = ?`, params: [orgId] },
      {
        sql: `SELECT * FROM ${table(PeriodUsageEntity)} WHERE orgId = ? AND periodIndex = (SELECT periodIndex FROM ${table(PoolEntity)} WHERE orgId = ?) AND targetId IN (${list(targetIds)})`,
        params: [orgId, orgId, ...targetIds],
      },
    ];
    const [pools, orgs, members, spaces, prior, caps, counters] = (await runStatements(em, statements)) as Record<string, unknown>[][];
    const rows = <T extends ObjectLiteral>(target: new () => T, raw: Record<string, unknown>[]) => raw.map((r) => hydrate(em, target, r));
    const [pool = null] = rows(PoolEntity, pools);
    return {
      pool,
      org: rows(OrgEntity, orgs)[0] ?? null,
      members: rows(MembershipEntity, members),
      spaces: rows(SpaceEntity, spaces),
      prior: rows(UsageEventEntity, prior),
      state: pool && admissionStateOf(pool, rows(CapEntity, caps), rows(PeriodUsageEntity, counters)),
    };
  }

  async lockPool(em: EntityManager, orgId: string): Promise<PoolEntity | null> {
    return this.db.forUpdate(em.createQueryBuilder(PoolEntity, "p").where("p.orgId = :orgId", { orgId })).getOne();
  }

  async orgIsPooled(em: EntityManager, orgId: string): Promise<OrgEntity | null> {
    const org = await em.findOneBy(OrgEntity, { id: orgId });
    return org?.orgPlan && POOLED_PLANS.includes(org.orgPlan) ? org : null;
  }

  /** Caps and this period's counters for the given members and Spaces. */
  async admissionState(em: EntityManager, pool: PoolEntity, targets: { memberIds: string[]; spaceIds: string[] }): Promise<AdmissionState> {
    const caps = await em.findBy(CapEntity, { orgId: pool.orgId });
    const ids = [...new Set([...targets.memberIds, ...targets.spaceIds])];
    const rows = ids.length
      ? await em.findBy(PeriodUsageEntity, { orgId: pool.orgId, periodIndex: pool.periodIndex, targetId: In(ids) })
      : [];
    return admissionStateOf(pool, caps, rows);
  }

  /** Writes back the buckets (one UPDATE) and every counter that changed (one multi-row upsert): holds, releases, expiry. */
  saveState(em: EntityManager, pool: PoolEntity, state: AdmissionState, before: Map<string, Counter>): Promise<void> {
    return saveCounters(em, this.db.kind, pool, state, before);
  }

  /**
   * Writes a batch of charges: events, their ledger lines, rollups and counters (see
   * usage-writer.ts), then, for a pool, the usage alerts (the soft alert among them) and the signals of caps
   * reached and the pool run dry (`refused`: the batch's refusals). Every path that charges a call ends here; an
   * empty batch writes nothing but may tell a refusal.
   */
  async recordCharges(em: EntityManager, batch: ChargeBatch, refused: RefusedInBatch[] = []): Promise<void> {
    const { account } = batch;
    if (batch.events.length > 0) {
      await writeCharges(em, this.db.kind, batch);
      if (account.source === "POOL")
        await this.alerts.afterCharges(em, account.pool, account.thresholdPercent, account.state, account.before);
    }
    if (account.source === "POOL") await this.signals.afterBatch(em, account.pool, account.state, account.before, refused);
  }

  /** Appends ledger lines, computing each one's balance after from the pool's balances before them. */
  async appendLedger(
    em: EntityManager,
    orgId: string,
    opening: { topUp: number; monthly: number },
    lines: LedgerLine[],
    at: Date,
  ): Promise<void> {
    if (lines.length === 0) return;
    await bulkInsert(em, LedgerEntryEntity, orgLedgerRows(orgId, opening, lines, at));
  }

  /** The allotment a new period grants: the Enterprise terms, or base + active seats × add-on. */
  async allotment(em: EntityManager, pool: PoolEntity): Promise<number> {
    if (pool.fixedAllotment !== null) return pool.fixedAllotment;
    return teamMonthlyAllotment(await this.seats(em, pool.orgId), this.catalog);
  }

  seats(em: EntityManager, orgId: string): Promise<number> {
    return em.countBy(MembershipEntity, { orgId, active: true });
  }

  /**
   * Rolls the pool into the period that contains `now`, once per period: the monthly
   * remainder expires (less what open holds still need), the allotment is granted
   * afresh, caps start over (new counter rows), the soft alert re-arms.
   * Returns the ledger lines, already applied to `pool` (the caller saves the pool).
   */
  async rollPeriods(em: EntityManager, pool: PoolEntity, now: Date): Promise<LedgerLine[]> {
    const lines: LedgerLine[] = [];
    while (pool.periodEnd <= now) {
      const next = periodAt(pool.anchorAt, pool.periodIndex + 1);
      const heldFromMonthly = Math.max(0, Math.min(pool.monthlyBalance, pool.reserved - pool.topUpBalance));
      const expiring = pool.monthlyBalance - heldFromMonthly;
      const reference = `period:${next.index}`;
      if (expiring > 0) lines.push({ bucket: "MONTHLY", kind: "EXPIRY", amount: -expiring, reference });
      // The refill never takes the pool past what the API can answer (a grant beyond it is lost).
      const allotment = Math.min(await this.allotment(em, pool), Math.max(0, MAX_BALANCE - pool.topUpBalance - heldFromMonthly));
      if (allotment > 0) lines.push({ bucket: "MONTHLY", kind: "GRANT", amount: allotment, reference });
      pool.monthlyBalance = heldFromMonthly + allotment;
      pool.monthlyAllotment = allotment;
      pool.periodIndex = next.index;
      pool.periodStart = next.start;
      pool.periodEnd = next.end;
      pool.alertArmed = true;
      // Each period's high-water mark of seats starts at its seat count (paid for by the allotment).
      pool.seatHighWater = await this.seats(em, pool.orgId);
      await em.update(
        PoolEntity,
        { orgId: pool.orgId },
        {
          seatHighWater: pool.seatHighWater,
          monthlyBalance: pool.monthlyBalance,
          monthlyAllotment: allotment,
          periodIndex: next.index,
          periodStart: next.start,
          periodEnd: next.end,
          alertArmed: true,
        },
      );
      // Counters restart and the pool is refilled: every usage alert re-arms (the soft alert just did), and pool.exhausted.
      await this.alerts.periodRolled(em, pool);
      await this.signals.creditsAdded(em, pool);
      // Holds carry their counters into the new period, so caps keep counting them.
      await this.carryHolds(em, pool.orgId, next.index);
      // The refill in the audit log, in words (written by the product itself: no actor).
      const day = (d: Date) => d.toLocaleDateString("en-US", { timeZone: "UTC", month: "short", day: "numeric", year: "numeric" });
      const n = (c: number) => c.toLocaleString("en-US");
      await em.insert(AuditEntryEntity, {
        orgId: pool.orgId,
        action: "credits.refilled",
        actorUserId: null,
        actorEmail: null,
        actorApiKeyId: null,
        at: now,
        before: { monthly: heldFromMonthly + expiring },
        after: {
          summary: `Monthly credits refilled for ${day(next.start)} – ${day(next.end)}: ${n(allotment)} credits granted${expiring > 0 ? `; ${n(expiring)} unused monthly credits expired` : ""}${heldFromMonthly > 0 ? `; ${n(heldFromMonthly)} kept for open holds` : ""}.`,
          monthly: pool.monthlyBalance,
          expired: expiring,
          granted: allotment,
        },
      });
      await this.emit(PoolRefilled, {
        orgId: pool.orgId,
        periodStart: next.start,
        periodEnd: next.end,
        granted: allotment,
        expired: expiring,
        topUp: pool.topUpBalance,
        monthly: pool.monthlyBalance,
      });
    }
    return lines;
  }

  private async carryHolds(em: EntityManager, orgId: string, periodIndex: number): Promise<void> {
    const held = await em
      .createQueryBuilder(PeriodUsageEntity, "u")
      .where("u.orgId = :orgId AND u.periodIndex = :prev AND u.reserved > 0", { orgId, prev: periodIndex - 1 })
      .getMany();
    if (held.length === 0) return;
    await em.insert(
      PeriodUsageEntity,
      held.map((h) =>
        Object.assign(new PeriodUsageEntity(), { orgId, periodIndex, scope: h.scope, targetId: h.targetId, used: 0, reserved: h.reserved }),
      ),
    );
    await em
      .createQueryBuilder()
      .update(PeriodUsageEntity)
      .set({ reserved: 0 })
      .where("orgId = :orgId AND periodIndex = :prev", { orgId, prev: periodIndex - 1 })
      .execute();
  }

  /**
   * The soft alert (the org's POOL alert for OWNERs) and the POOL usage alerts, after a
   * top-up, grant or adjustment; see UsageAlertEvaluator.
   */
  async checkSoftAlert(em: EntityManager, pool: PoolEntity, thresholdPercent: number): Promise<void> {
    await this.signals.creditsAdded(em, pool);
    await this.alerts.afterPoolChange(em, pool, thresholdPercent);
  }
}
