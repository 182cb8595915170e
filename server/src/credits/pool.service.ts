import { type Catalog, teamMonthlyAllotment } from "@team-billing/shared";
import { type EntityManager, In } from "typeorm";
import type { Clock } from "../common/clock";
import type { Database } from "../db/database";
import { AuditEntryEntity, LedgerEntryEntity, MembershipEntity, OrgEntity, PoolEntity } from "../entities";
import { AppError, badInput, conflict, notFound } from "../common/errors";
import type { Actor, UserActor } from "../common/actor";
import type { AuditService } from "../common/audit.service";
import { actorWords, credits as inWords, intervalWords, planWords } from "../common/audit-words";
import { MAX_BALANCE } from "./admission";
import type { CreditStore, LedgerLine } from "./credit-store";
import { PlanChanged } from "./credit-events";
import { periodAt } from "./periods";
import { orgLedgerRows } from "./usage-writer";

export { MAX_BALANCE };

const tooLarge = (field: string, total: number) =>
  badInput(
    field,
    `would take the pool to ${total.toLocaleString("en-US")} credits; a pool holds at most ${MAX_BALANCE.toLocaleString("en-US")}`,
  );

export type AdjustBucket = "TOP_UP" | "MONTHLY";
const BUCKET_WORDS: Record<AdjustBucket, string> = { TOP_UP: "top-up", MONTHLY: "monthly" };
const other = (bucket: AdjustBucket): AdjustBucket => (bucket === "TOP_UP" ? "MONTHLY" : "TOP_UP");
const fmt = (n: number) => n.toLocaleString("en-US");
/** A reversal's ledger reference: this prefix and the id of the adjustment it undoes. */
export const REVERSAL = "reversal:";

/** One support adjustment as its ledger line tells it (its id is the line's id). */
export interface CreditAdjustmentRow {
  id: number;
  bucket: AdjustBucket;
  credits: number;
  before: number;
  after: number;
  reason: string | null;
  actorEmail: string | null;
  at: Date;
  reversalOf: number | null;
  reversedBy: number | null;
}

/** What an adjustment or a reversal moved, the pool after it and its audit entry. */
export interface CreditAdjustment extends CreditAdjustmentRow {
  pool: PoolEntity;
  auditEntry: AuditEntryEntity;
  summary: string;
}

function toAdjustment(row: LedgerEntryEntity, reversedBy: number | null): CreditAdjustmentRow {
  const reversalOf = row.reference?.startsWith(REVERSAL) ? Number(row.reference.slice(REVERSAL.length)) : null;
  return {
    id: row.id,
    bucket: row.bucket as AdjustBucket,
    credits: row.amount,
    before: row.balanceAfter - row.amount,
    after: row.balanceAfter,
    reason: row.reason,
    actorEmail: row.actorEmail,
    at: row.at,
    reversalOf,
    reversedBy,
  };
}

/**
 * Refuses a removal of more than the bucket can give: what it holds, less what open
 * holds need of the pool (holds are not per bucket, so the pool must keep `reserved`).
 */
function assertRemovable(pool: PoolEntity, bucket: AdjustBucket, credits: number, field: string): void {
  const holds = bucket === "TOP_UP" ? pool.topUpBalance : pool.monthlyBalance;
  const free = Math.max(0, Math.min(holds, pool.topUpBalance + pool.monthlyBalance - pool.reserved));
  if (credits <= free) return;
  const held = holds - free;
  throw badInput(
    field,
    `the ${BUCKET_WORDS[bucket]} bucket holds ${fmt(holds)} credits${held > 0 ? ` (${fmt(held)} of them needed by open holds)` : ""}, so at most ${fmt(free)} can be removed, not ${fmt(credits)}; nothing was changed`,
  );
}

export interface ActivatePlan {
  plan: "TEAM" | "ENTERPRISE";
  interval?: "MONTHLY" | "YEARLY" | null;
  /** Enterprise: the monthly credits agreed; TEAM computes base + seats × add-on. */
  monthlyCredits?: number;
  /** When the plan began: the pool's periods are anchored here. Default: now. */
  at?: Date;
  reference?: string;
}

/** The org's pool: plan activation, its view, grants, top-ups, the alert threshold, period ends. */
export class PoolService {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly catalog: Catalog,
    private readonly store: CreditStore,
    private readonly audit: AuditService,
  ) {}

  /**
   * The pool as the org sees it now (rolled forward if a period ended and the job has
   * not run yet). Null for an org that is not on TEAM/ENTERPRISE: a pool left behind by
   * a downgrade is neither shown nor rolled. Inside a transaction it reads (and rolls)
   * through that transaction.
   */
  async view(orgId: string): Promise<PoolEntity | null> {
    const em = this.db.em();
    const pool = await em.findOneBy(PoolEntity, { orgId });
    if (!pool || !(await this.store.orgIsPooled(em, orgId))) return null;
    if (pool.periodEnd > this.clock.now()) return pool;
    await this.rollDue(orgId);
    return this.db.em().findOneBy(PoolEntity, { orgId });
  }

  /**
   * Puts an org on TEAM or ENTERPRISE: the monthly bucket is reseeded for a period
   * starting `at`, top-ups already bought stay. Used by checkout completion (Stripe)
   * and by support's Enterprise terms. Called inside a transaction, it joins it.
   */
  async activatePlan(actor: Actor, orgId: string, terms: ActivatePlan): Promise<PoolEntity> {
    return this.db.transaction(async (em) => {
      const at = terms.at ?? this.clock.now();
      const org = await em.findOneByOrFail(OrgEntity, { id: orgId });
      const seats = await em.countBy(MembershipEntity, { orgId, active: true });
      const fixed = terms.plan === "ENTERPRISE" ? (terms.monthlyCredits ?? this.catalog.enterprise.defaultMonthlyCredits) : null;
      if (fixed !== null && !(Number.isSafeInteger(fixed) && fixed >= 0))
        throw badInput("monthlyCredits", "must be a whole number of credits");
      const allotment = fixed ?? teamMonthlyAllotment(seats, this.catalog);
      const period = periodAt(at, 0);
      const existing = await this.store.lockPool(em, orgId);
      // Top-ups stay and the monthly bucket is reseeded: refused before anything is written.
      if ((existing?.topUpBalance ?? 0) + allotment > MAX_BALANCE)
        throw tooLarge("monthlyCredits", (existing?.topUpBalance ?? 0) + allotment);
      const lines: LedgerLine[] = [];
      const reference = terms.reference ?? `plan:${terms.plan}`;
      if (existing && existing.monthlyBalance > 0) {
        lines.push({ bucket: "MONTHLY", kind: "EXPIRY", amount: -existing.monthlyBalance, reference });
      }
      lines.push({ bucket: "MONTHLY", kind: "GRANT", amount: allotment, reference });
      const pool = Object.assign(existing ?? new PoolEntity(), {
        orgId,
        topUpBalance: existing?.topUpBalance ?? 0,
        monthlyBalance: allotment,
        reserved: existing?.reserved ?? 0,
        monthlyAllotment: allotment,
        fixedAllotment: fixed,
        anchorAt: at,
        periodIndex: 0,
        periodStart: period.start,
        periodEnd: period.end,
        alertArmed: true,
        alertsSent: existing?.alertsSent ?? 0,
        // The allotment paid for these seats; only seats above the mark mint more this period.
        seatHighWater: seats,
      });
      await this.store.appendLedger(
        em,
        orgId,
        { topUp: pool.topUpBalance, monthly: existing?.monthlyBalance ?? 0 },
        lines,
        this.clock.now(),
      );
      await em.save(PoolEntity, pool);
      await em.update(OrgEntity, { id: orgId }, { orgPlan: terms.plan, billingInterval: terms.interval ?? null, spacesOwnerOnly: false });
      if (org.orgPlan !== terms.plan || org.billingInterval !== (terms.interval ?? null))
        await this.store.emit(PlanChanged, {
          orgId,
          from: org.orgPlan,
          to: terms.plan,
          interval: terms.interval ?? null,
          monthlyAllotment: allotment,
        });
      await this.audit.record(em, actor, {
        orgId,
        action: "plan.changed",
        summary: `The org moved from ${planWords(org.orgPlan ?? "personal")} to ${planWords(terms.plan)}${terms.interval ? `, billed ${intervalWords(terms.interval)}` : ""}: ${inWords(allotment)} credits a month.`,
        before: { plan: org.orgPlan ?? "personal" },
        after: { plan: terms.plan, interval: terms.interval ?? null, monthlyAllotment: allotment },
      });
      return pool;
    });
  }

  /**
   * Refuses a top-up the pool could not hold (checked before the checkout session is
   * created, so nobody pays for credits that cannot be credited).
   */
  async assertRoomFor(orgId: string, credits: number): Promise<void> {
    const pool = await this.view(orgId);
    const total = (pool?.topUpBalance ?? 0) + (pool?.monthlyBalance ?? 0) + credits;
    if (total > MAX_BALANCE) throw tooLarge("credits", total);
  }

  /** Credits a bought top-up once (the reference, e.g. a checkout session id, is the caller's to dedupe). */
  async creditTopUp(em: EntityManager, orgId: string, credits: number, reference: string): Promise<PoolEntity> {
    const pool = await this.requirePool(em, orgId);
    await this.store.appendLedger(
      em,
      orgId,
      { topUp: pool.topUpBalance, monthly: pool.monthlyBalance },
      [{ bucket: "TOP_UP", kind: "TOP_UP", amount: credits, reference }],
      this.clock.now(),
    );
    pool.topUpBalance += credits;
    await em.update(PoolEntity, { orgId }, { topUpBalance: pool.topUpBalance });
    const org = await em.findOneByOrFail(OrgEntity, { id: orgId });
    await this.store.checkSoftAlert(em, pool, org.softAlertThresholdPercent);
    return pool;
  }

  /**
   * `grantCredits` (the contract's form): a positive grant adds to the top-up bucket (it
   * does not expire); a negative one is a removal from the top-up bucket only, refused
   * when larger than the bucket holds (it never spills into the monthly bucket).
   */
  async grant(actor: UserActor, orgId: string, credits: number, reason: string): Promise<PoolEntity> {
    return (await this.adjust(actor, orgId, "TOP_UP", credits, reason)).pool;
  }

  /**
   * Support's adjustment of one named bucket: adds, or removes at most what the bucket
   * holds less what open holds need (BAD_USER_INPUT saying how much there is; nothing
   * changes). One ledger line and one audit entry, both returned.
   */
  async adjust(actor: UserActor, orgId: string, bucket: AdjustBucket, credits: number, reason: string): Promise<CreditAdjustment> {
    const why = reason.trim(); // the bucket, credits and reason are checked at the edge (AdjustmentArgs)
    return this.db.transaction(async (em) => {
      const pool = await this.requirePool(em, orgId);
      await this.rollInTransaction(em, pool);
      if (credits > 0 && pool.topUpBalance + pool.monthlyBalance + credits > MAX_BALANCE)
        throw tooLarge("credits", pool.topUpBalance + pool.monthlyBalance + credits);
      if (credits < 0) assertRemovable(pool, bucket, -credits, "credits");
      const line = await this.writeAdjustment(em, actor, pool, bucket, credits, why, "support");
      const summary = `${credits > 0 ? "Added" : "Removed"} ${fmt(Math.abs(credits))} credits ${credits > 0 ? "to" : "from"} the ${BUCKET_WORDS[bucket]} bucket (${fmt(line.before)} → ${fmt(line.after)}); the ${BUCKET_WORDS[other(bucket)]} bucket is unchanged. Reason: ${why}`;
      const auditEntry = await this.auditAdjustment(em, actor, orgId, "credits.adjusted", {
        summary,
        before: { topUp: line.opening.topUp, monthly: line.opening.monthly },
        after: {
          bucket,
          topUp: pool.topUpBalance,
          monthly: pool.monthlyBalance,
          requested: credits,
          reason: why,
          adjustmentId: line.id,
        },
      });
      return { ...toAdjustment(line.entry, null), pool, auditEntry, summary };
    });
  }

  /**
   * Undoes a support adjustment once, in the bucket it changed: removed credits go back,
   * granted ones are taken back (never more than the bucket holds). A second reversal is
   * a CONFLICT; so is returning or taking back monthly credits of a period that has ended
   * (they would have expired with it).
   */
  async reverseAdjustment(actor: UserActor, orgId: string, adjustmentId: string, reason?: string | null): Promise<CreditAdjustment> {
    const id = Number(adjustmentId); // a decimal id, and a reason of at most 500 characters (ReverseAdjustmentArgs)
    const why = reason?.trim() ?? "";
    return this.db.transaction(async (em) => {
      const pool = await this.requirePool(em, orgId);
      await this.rollInTransaction(em, pool);
      // Under the pool's lock: no other reversal of this org runs between the check and the write.
      const original = await em.findOneBy(LedgerEntryEntity, { id, account: "ORG", accountId: orgId, kind: "ADJUSTMENT" });
      if (!original || original.bucket === "PERSONAL") throw notFound("That adjustment");
      if (original.reference?.startsWith(REVERSAL)) throw badInput("adjustmentId", "is itself a reversal; make a new adjustment instead");
      const earlier = await em.findOneBy(LedgerEntryEntity, { account: "ORG", accountId: orgId, reference: `${REVERSAL}${id}` });
      if (earlier) throw conflict(`Adjustment #${id} was already reversed (by #${earlier.id}).`);
      const bucket = original.bucket;
      if (bucket === "MONTHLY" && original.at < pool.periodStart)
        throw conflict(
          `Adjustment #${id} changed the monthly credits of a period that has ended; they would have expired with it. Make a new adjustment instead.`,
        );
      const credits = -original.amount;
      if (credits > 0 && pool.topUpBalance + pool.monthlyBalance + credits > MAX_BALANCE)
        throw tooLarge("adjustmentId", pool.topUpBalance + pool.monthlyBalance + credits);
      if (credits < 0) assertRemovable(pool, bucket, -credits, "adjustmentId");
      const note = why || `reversal of adjustment #${id}`;
      const line = await this.writeAdjustment(em, actor, pool, bucket, credits, note, `${REVERSAL}${id}`);
      const summary = `Reversed adjustment #${id}: ${credits > 0 ? "put" : "took"} ${fmt(Math.abs(credits))} credits ${credits > 0 ? "back into" : "back from"} the ${BUCKET_WORDS[bucket]} bucket (${fmt(line.before)} → ${fmt(line.after)}); the ${BUCKET_WORDS[other(bucket)]} bucket is unchanged.${why ? ` Reason: ${why}` : ""}`;
      const auditEntry = await this.auditAdjustment(em, actor, orgId, "credits.adjustment_reversed", {
        summary,
        before: { topUp: line.opening.topUp, monthly: line.opening.monthly },
        after: {
          bucket,
          topUp: pool.topUpBalance,
          monthly: pool.monthlyBalance,
          adjustmentId: id,
          reversalId: line.id,
        },
      });
      return { ...toAdjustment(line.entry, null), pool, auditEntry, summary };
    });
  }

  /** The org's support adjustments (reversals included), newest first, each with the reversal that undid it. */
  async listAdjustments(orgId: string, limit: number): Promise<CreditAdjustmentRow[]> {
    const em = this.db.em();
    const rows = await em.find(LedgerEntryEntity, {
      where: { account: "ORG", accountId: orgId, kind: "ADJUSTMENT" },
      order: { id: "DESC" },
      take: limit,
    });
    const references = rows.filter((r) => !r.reference?.startsWith(REVERSAL)).map((r) => `${REVERSAL}${r.id}`);
    const reversals = references.length
      ? await em.find(LedgerEntryEntity, { where: { account: "ORG", accountId: orgId, reference: In(references) } })
      : [];
    const reversedBy = new Map(reversals.map((r) => [Number(r.reference?.slice(REVERSAL.length)), r.id]));
    return rows.map((row) => toAdjustment(row, reversedBy.get(row.id) ?? null));
  }

  /** Applies one support line to the locked pool: the ledger entry (its id is the adjustment's id) and the bucket. */
  private async writeAdjustment(
    em: EntityManager,
    actor: UserActor,
    pool: PoolEntity,
    bucket: AdjustBucket,
    credits: number,
    reason: string,
    reference: string,
  ) {
    const opening = { topUp: pool.topUpBalance, monthly: pool.monthlyBalance };
    const line: LedgerLine = { bucket, kind: "ADJUSTMENT", amount: credits, reason, actorEmail: actor.user.email, reference };
    const [row] = orgLedgerRows(pool.orgId, opening, [line], this.clock.now());
    const inserted = await em.insert(LedgerEntryEntity, row);
    const id = Number(inserted.identifiers[0].id);
    if (bucket === "TOP_UP") pool.topUpBalance += credits;
    else pool.monthlyBalance += credits;
    await em.update(PoolEntity, { orgId: pool.orgId }, { topUpBalance: pool.topUpBalance, monthlyBalance: pool.monthlyBalance });
    const org = await em.findOneByOrFail(OrgEntity, { id: pool.orgId });
    await this.store.checkSoftAlert(em, pool, org.softAlertThresholdPercent);
    const before = bucket === "TOP_UP" ? opening.topUp : opening.monthly;
    return { id, opening, before, after: before + credits, entry: Object.assign(new LedgerEntryEntity(), row, { id }) };
  }

  /** Records the audit entry and returns it (the answer shows it). */
  private async auditAdjustment(
    em: EntityManager,
    actor: UserActor,
    orgId: string,
    action: string,
    change: { summary: string; before: unknown; after: unknown },
  ): Promise<AuditEntryEntity> {
    await this.audit.record(em, actor, { orgId, action, ...change });
    // Adjustments of an org are written under its pool lock, so the newest such entry is ours.
    return em.findOneOrFail(AuditEntryEntity, { where: { orgId, action }, order: { id: "DESC" } });
  }

  async setSoftAlertThreshold(actor: Actor, orgId: string, percent: number): Promise<OrgEntity> {
    return this.db.transaction(async (em) => {
      const org = await em.findOneByOrFail(OrgEntity, { id: orgId });
      if (org.softAlertThresholdPercent !== percent) {
        await em.update(OrgEntity, { id: orgId }, { softAlertThresholdPercent: percent });
        await this.audit.record(em, actor, {
          orgId,
          action: "soft_alert.threshold_changed",
          summary: `${actorWords(actor)} changed the low-credit alert: it now comes when the pool falls below ${percent}% of its monthly credits (was ${org.softAlertThresholdPercent}%).`,
          before: { percent: org.softAlertThresholdPercent },
          after: { percent },
        });
        org.softAlertThresholdPercent = percent;
      }
      return org;
    });
  }

  /** The period job: rolls every pool whose period has ended (each exactly once, under its lock). */
  async rollAllDue(limit = 500): Promise<number> {
    // Only Team and Enterprise pools refill; one left behind by a downgrade stays as it is.
    const due = await this.db.manager
      .createQueryBuilder(PoolEntity, "p")
      .innerJoin(OrgEntity, "o", "o.id = p.orgId")
      .select("p.orgId", "orgId")
      .where("p.periodEnd <= :now AND o.orgPlan IN ('TEAM', 'ENTERPRISE')", { now: this.clock.now() })
      .limit(limit)
      .getRawMany<{ orgId: string }>();
    for (const { orgId } of due) await this.rollDue(orgId);
    return due.length;
  }

  async rollDue(orgId: string): Promise<void> {
    await this.db.transaction(async (em) => {
      const pool = await this.store.lockPool(em, orgId);
      // A pool left behind by a downgrade stays empty: only Team and Enterprise pools refill.
      if (pool && (await this.store.orgIsPooled(em, orgId))) await this.rollInTransaction(em, pool);
    });
  }

  /** Rolls a locked pool forward if its period ended; the caller holds the lock. */
  async rollInTransaction(em: EntityManager, pool: PoolEntity): Promise<void> {
    const now = this.clock.now();
    if (pool.periodEnd > now) return;
    const opening = { topUp: pool.topUpBalance, monthly: pool.monthlyBalance };
    const lines = await this.store.rollPeriods(em, pool, now);
    await this.store.appendLedger(em, pool.orgId, opening, lines, now);
  }

  private async requirePool(em: EntityManager, orgId: string): Promise<PoolEntity> {
    const pool = await this.store.lockPool(em, orgId);
    if (!pool || !(await this.store.orgIsPooled(em, orgId))) {
      throw new AppError("BILLING_PLAN_REQUIRED", "This org has no credit pool: it is not on Team or Enterprise.");
    }
    return pool;
  }
}
