import { type Catalog, teamMonthlyAllotment } from "@team-billing/shared";
import type { EntityManager } from "typeorm";
import type { Clock } from "../clock";
import type { Database } from "../db/database";
import { MembershipEntity, OrgEntity, PoolEntity } from "../entities";
import { AppError, badInput } from "../errors";
import type { Actor } from "../services/actor";
import type { AuditService } from "../services/audit.service";
import { MAX_BALANCE } from "./admission";
import type { CreditStore, LedgerLine } from "./credit-store";
import { periodAt } from "./periods";

export { MAX_BALANCE };

const tooLarge = (field: string, total: number) =>
  badInput(
    field,
    `would take the pool to ${total.toLocaleString("en-US")} credits; a pool holds at most ${MAX_BALANCE.toLocaleString("en-US")}`,
  );

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
      await this.audit.record(em, actor, {
        orgId,
        action: "plan.changed",
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
   * Support's adjustment: a positive grant adds to the top-up bucket (it does not
   * expire); a negative one takes from the top-up bucket, then the monthly one,
   * never below zero (nor below what open holds need). Audited with the reason.
   */
  async grant(actor: Actor & { kind: "user" }, orgId: string, credits: number, reason: string): Promise<PoolEntity> {
    if (!Number.isSafeInteger(credits) || credits === 0) throw badInput("credits", "must be a non-zero whole number");
    if (Math.abs(credits) > 100_000_000) throw badInput("credits", "must be at most 100,000,000 either way");
    const why = reason.trim();
    if (why.length < 3 || why.length > 500) throw badInput("reason", "say why in 3 to 500 characters");
    return this.db.transaction(async (em) => {
      const pool = await this.requirePool(em, orgId);
      await this.rollInTransaction(em, pool);
      const opening = { topUp: pool.topUpBalance, monthly: pool.monthlyBalance };
      const lines: LedgerLine[] = [];
      const common = { kind: "ADJUSTMENT" as const, reason: why, actorEmail: actor.user.email, reference: "support" };
      if (credits > 0 && pool.topUpBalance + pool.monthlyBalance + credits > MAX_BALANCE)
        throw tooLarge("credits", pool.topUpBalance + pool.monthlyBalance + credits);
      if (credits > 0) {
        lines.push({ ...common, bucket: "TOP_UP", amount: credits });
        pool.topUpBalance += credits;
      } else {
        let toRemove = Math.min(-credits, Math.max(0, pool.topUpBalance + pool.monthlyBalance - pool.reserved));
        const fromTopUp = Math.min(pool.topUpBalance, toRemove);
        toRemove -= fromTopUp;
        const fromMonthly = Math.min(pool.monthlyBalance, toRemove);
        if (fromTopUp > 0) lines.push({ ...common, bucket: "TOP_UP", amount: -fromTopUp });
        if (fromMonthly > 0) lines.push({ ...common, bucket: "MONTHLY", amount: -fromMonthly });
        pool.topUpBalance -= fromTopUp;
        pool.monthlyBalance -= fromMonthly;
      }
      await this.store.appendLedger(em, orgId, opening, lines, this.clock.now());
      await em.update(PoolEntity, { orgId }, { topUpBalance: pool.topUpBalance, monthlyBalance: pool.monthlyBalance });
      const org = await em.findOneByOrFail(OrgEntity, { id: orgId });
      await this.store.checkSoftAlert(em, pool, org.softAlertThresholdPercent);
      await this.audit.record(em, actor, {
        orgId,
        action: "credits.adjusted",
        before: opening,
        after: { topUp: pool.topUpBalance, monthly: pool.monthlyBalance, requested: credits, reason: why },
      });
      return pool;
    });
  }

  async setSoftAlertThreshold(actor: Actor, orgId: string, percent: number): Promise<OrgEntity> {
    if (!Number.isSafeInteger(percent) || percent < 1 || percent > 99) throw badInput("percent", "must be a whole number from 1 to 99");
    return this.db.transaction(async (em) => {
      const org = await em.findOneByOrFail(OrgEntity, { id: orgId });
      if (org.softAlertThresholdPercent !== percent) {
        await em.update(OrgEntity, { id: orgId }, { softAlertThresholdPercent: percent });
        await this.audit.record(em, actor, {
          orgId,
          action: "soft_alert.threshold_changed",
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
