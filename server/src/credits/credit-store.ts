import { type CapScope, POOLED_PLANS, teamMonthlyAllotment, type Catalog } from "@team-billing/shared";
import { type EntityManager, In } from "typeorm";
import type { Clock } from "../clock";
import { bulkInsert } from "../db/bulk-insert";
import type { Database } from "../db/database";
import {
  CapEntity,
  LedgerEntryEntity,
  MembershipEntity,
  OrgEntity,
  PeriodUsageEntity,
  PoolEntity,
  UsageEventEntity,
  UserEntity,
} from "../entities";
import type { LedgerBucket, LedgerKind } from "../entities/ledger-entry.entity";
import type { MailService } from "../mail/mail.service";
import { BURN_WINDOW_DAYS, runway } from "../analytics/forecast.service";
import { type AdmissionState, type Counter, counterKey, MAX_BALANCE } from "./admission";
import { periodAt } from "./periods";

export interface LedgerLine {
  bucket: Exclude<LedgerBucket, "PERSONAL">;
  kind: LedgerKind;
  amount: number;
  reference?: string | null;
  reason?: string | null;
  actorEmail?: string | null;
}

/**
 * Reads and writes of an org's credits, always inside a transaction that holds
 * the org's pool row (`lockPool`): that lock orders every writer of the org, in
 * one process or many, so what is read here stays true until commit.
 */
export class CreditStore {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly catalog: Catalog,
    private readonly mail: MailService,
  ) {}

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
    return {
      buckets: { topUp: pool.topUpBalance, monthly: pool.monthlyBalance, reserved: pool.reserved },
      caps: new Map(caps.map((c) => [counterKey(c.scope, c.targetId), c.monthlyLimit])),
      counters: new Map(rows.map((r) => [counterKey(r.scope, r.targetId), { used: r.used, reserved: r.reserved }])),
    };
  }

  /** Writes back the buckets (one UPDATE) and every counter that changed (one multi-row upsert). */
  async saveState(em: EntityManager, pool: PoolEntity, state: AdmissionState, before: Map<string, Counter>): Promise<void> {
    // The last guard: a write that would leave a bucket, the holds or a counter below
    // zero is a bug (a hold released twice, say); refuse it and let the transaction roll back.
    const { topUp, monthly, reserved } = state.buckets;
    const bad = [topUp, monthly, reserved].some((n) => n < 0) || [...state.counters.values()].some((c) => c.used < 0 || c.reserved < 0);
    if (bad) throw new Error(`credits of org ${pool.orgId} would go below zero (${JSON.stringify(state.buckets)}); nothing was written`);
    pool.topUpBalance = state.buckets.topUp;
    pool.monthlyBalance = state.buckets.monthly;
    pool.reserved = state.buckets.reserved;
    await em.update(
      PoolEntity,
      { orgId: pool.orgId },
      {
        topUpBalance: pool.topUpBalance,
        monthlyBalance: pool.monthlyBalance,
        reserved: pool.reserved,
        alertArmed: pool.alertArmed,
        alertsSent: pool.alertsSent,
      },
    );
    const changed: [string, number, CapScope, string, number, number][] = [];
    for (const [key, counter] of state.counters) {
      const old = before.get(key);
      if (old ? old.used === counter.used && old.reserved === counter.reserved : counter.used === 0 && counter.reserved === 0) continue;
      const [scope, targetId] = key.split(":") as [CapScope, string];
      changed.push([pool.orgId, pool.periodIndex, scope, targetId, counter.used, counter.reserved]);
    }
    if (changed.length === 0) return;
    // Absolute values, not increments: the pool lock this transaction holds orders every writer of these rows.
    const insert = `INSERT INTO period_usage (orgId, periodIndex, scope, targetId, used, reserved) VALUES ${changed.map(() => "(?, ?, ?, ?, ?, ?)").join(", ")}`;
    const sql =
      this.db.kind === "mysql"
        ? `${insert} ON DUPLICATE KEY UPDATE used = VALUES(used), reserved = VALUES(reserved)`
        : `${insert} ON CONFLICT (orgId, periodIndex, scope, targetId) DO UPDATE SET used = excluded.used, reserved = excluded.reserved`;
    await em.query(sql, changed.flat());
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
    const balance = { TOP_UP: opening.topUp, MONTHLY: opening.monthly };
    const rows = lines.map((line) => {
      balance[line.bucket] += line.amount;
      return {
        account: "ORG" as const,
        accountId: orgId,
        bucket: line.bucket,
        kind: line.kind,
        amount: line.amount,
        balanceAfter: balance[line.bucket],
        reference: line.reference ?? null,
        reason: line.reason ?? null,
        actorEmail: line.actorEmail ?? null,
        at,
      };
    });
    await bulkInsert(em, LedgerEntryEntity, rows);
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
      // Holds carry their counters into the new period, so caps keep counting them.
      await this.carryHolds(em, pool.orgId, next.index);
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

  /** "At the last week's pace …": the alert email's runway line (the alert is rare; this reads a week of events). */
  private async runwaySentence(em: EntityManager, pool: PoolEntity): Promise<string> {
    const now = this.clock.now();
    const since = new Date(now.getTime() - BURN_WINDOW_DAYS * 86_400_000);
    const spent = await em
      .createQueryBuilder(UsageEventEntity, "e")
      .select("COALESCE(SUM(e.credits), 0)", "spent")
      .where("e.orgId = :orgId AND e.occurredAt >= :since", { orgId: pool.orgId, since })
      .getRawOne<{ spent: string | number }>();
    const r = runway(Number(spent?.spent ?? 0), pool.topUpBalance + pool.monthlyBalance, now, pool.periodEnd);
    if (r.daysLeft === null) return "";
    const when = r.runsOutBeforeReset ? "before the refill" : "after the refill, so the refill comes first";
    return `At the last week's pace (${r.burnPerDay.toLocaleString("en-US")} credits a day) the pool lasts about ${r.daysLeft} more day${r.daysLeft === 1 ? "" : "s"}: ${when}.`;
  }

  /**
   * The soft alert: the first time the pool's total falls below the threshold of the
   * period's allotment, one email to every OWNER (through the outbox, in this
   * transaction). Re-armed by the refill, or by a top-up that lifts it back above.
   */
  async checkSoftAlert(em: EntityManager, pool: PoolEntity, thresholdPercent: number): Promise<void> {
    const total = pool.topUpBalance + pool.monthlyBalance;
    const below = total * 100 < thresholdPercent * pool.monthlyAllotment;
    if (!below && !pool.alertArmed) {
      pool.alertArmed = true;
      await em.update(PoolEntity, { orgId: pool.orgId }, { alertArmed: true });
      return;
    }
    if (!below || !pool.alertArmed) return;
    pool.alertArmed = false;
    pool.alertsSent += 1;
    await em.update(PoolEntity, { orgId: pool.orgId }, { alertArmed: false, alertsSent: pool.alertsSent });
    const org = await em.findOneByOrFail(OrgEntity, { id: pool.orgId });
    const owners = await em
      .createQueryBuilder(UserEntity, "u")
      .innerJoin(MembershipEntity, "m", "m.userId = u.id")
      .where("m.orgId = :orgId AND m.role = 'OWNER' AND m.active = :active", { orgId: pool.orgId, active: true })
      .getMany();
    for (const owner of owners) {
      await this.mail.enqueue(em, {
        kind: "soft_alert",
        dedupeKey: `soft-alert:${pool.orgId}:${pool.alertsSent}:${owner.id}`,
        to: owner.email,
        subject: `${org.name}: the credit pool is below ${thresholdPercent}%`,
        text: [
          `The credit pool of ${org.name} has ${total.toLocaleString("en-US")} credits left: below ${thresholdPercent}% of this period's ${pool.monthlyAllotment.toLocaleString("en-US")}.`,
          `Top-ups: ${pool.topUpBalance.toLocaleString("en-US")}; monthly: ${pool.monthlyBalance.toLocaleString("en-US")}. The monthly credits refill on ${pool.periodEnd.toISOString().slice(0, 10)}.`,
          await this.runwaySentence(em, pool),
          "",
          "Buy a top-up from Billing, or set per-member and per-Space caps in Team settings.",
        ].join("\n"),
      });
    }
  }
}
