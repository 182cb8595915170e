import type { EntityManager } from "typeorm";
import type { Clock } from "../common/clock";
import type { CreditStore } from "../credits/credit-store";
import type { PersonalService } from "../credits/personal.service";
import type { Database } from "../db/database";
import { MembershipEntity, OrgEntity, PoolEntity, ReservationEntity, SubscriptionEntity, UserEntity } from "../entities";
import type { AuditService } from "../common/audit.service";
import { onDay, person, planWords } from "../common/audit-words";
import type { DomainEvents } from "../common/domain-events";
import { SubscriptionMirrored } from "./billing-events";
import { PlanChanged } from "../credits/credit-events";
import { LIVE_STATUSES, type SubscriptionRow } from "./stripe-mirror";

/** How long a past-due org may still spend after its renewal failed. */
export const PAST_DUE_GRACE_DAYS = 7;
const SYSTEM = { kind: "anonymous" } as const;

/**
 * Our mirror of subscriptions and what their state means for an org: past due
 * starts the grace period; a subscription that ends takes the org off Team.
 */
export class SubscriptionService {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly store: CreditStore,
    private readonly audit: AuditService,
    private readonly personal: PersonalService,
    private readonly events: DomainEvents,
  ) {}

  /** The org's current subscription (the live one, else the latest). */
  async currentFor(orgId: string): Promise<SubscriptionEntity | null> {
    const subs = await this.db.manager.find(SubscriptionEntity, {
      where: { accountType: "ORG", accountId: orgId },
      order: { startedAt: "DESC" },
    });
    return subs.find((s) => LIVE_STATUSES.includes(s.status)) ?? subs[0] ?? null;
  }

  /**
   * Upserts the mirror and applies the new state to the org. Only Stripe's columns are
   * written: `pendingPlan` is ours (the downgrade service sets and clears it), so a sync
   * never puts back a value it read before the OWNER changed it.
   */
  async upsert(em: EntityManager, accountType: "ORG" | "USER", accountId: string, row: SubscriptionRow): Promise<void> {
    const existing = await em.findOneBy(SubscriptionEntity, { id: row.id });
    const { id, ...fromStripe } = row;
    if (existing) await em.update(SubscriptionEntity, { id }, { ...fromStripe, updatedAt: this.clock.now() });
    else await em.insert(SubscriptionEntity, { ...row, accountType, accountId, pendingPlan: null, updatedAt: this.clock.now() });
    if (accountType === "USER") {
      // A personal subscription that ended takes the user back to FREE (the rest is forfeited).
      if (row.status === "canceled" && existing?.status !== "canceled")
        await this.personal.setPlan(SYSTEM, accountId, "FREE", this.clock.now());
    } else if (row.plan === "TEAM")
      await this.applyToOrg(em, accountId, row, existing?.status ?? null, existing?.cancelAtPeriodEnd ?? false);
    // In this transaction: a Pro phase that began on Stripe's side completes the downgrade (DowngradeService).
    await this.events.emit(SubscriptionMirrored, { accountType, accountId, row });
  }

  private async applyToOrg(
    em: EntityManager,
    orgId: string,
    row: SubscriptionRow,
    before: string | null,
    cancelScheduled: boolean,
  ): Promise<void> {
    const pool = await this.store.lockPool(em, orgId);
    if (!pool) return;
    if (row.status === "past_due" || row.status === "unpaid") {
      if (!pool.spendBlockedAfter) {
        const until = new Date(this.clock.now().getTime() + PAST_DUE_GRACE_DAYS * 86_400_000);
        await em.update(PoolEntity, { orgId }, { spendBlockedAfter: until });
        await this.audit.record(em, SYSTEM, {
          orgId,
          action: "subscription.past_due",
          summary: `The renewal payment failed (${row.status === "unpaid" ? "unpaid" : "past due"}): the pool can be spent until ${onDay(until)}, then spending stops until the open invoice is paid.`,
          before: { status: before },
          after: { status: row.status, spendingUntil: until.toISOString() },
        });
      }
    } else if (pool.spendBlockedAfter) {
      await em.update(PoolEntity, { orgId }, { spendBlockedAfter: null });
    }
    if (row.status === "canceled" && before !== "canceled") {
      // A cancellation the OWNER scheduled (ours or Stripe's flag) ends as one; any other end just leaves Team.
      if (cancelScheduled || row.cancelAtPeriodEnd) await this.completeCancellation(em, orgId, row.id);
      else await this.leaveTeam(em, orgId, `subscription ${row.id} ended`);
    }
  }

  /**
   * A scheduled cancellation, applied once (whether Stripe's event or our clock gets there
   * first): the pool is forfeited, the org shows its owner's personal plan (FREE when none),
   * org Spaces close to everyone but the OWNER, and the audit says so in words.
   */
  async completeCancellation(em: EntityManager, orgId: string, subscriptionId: string): Promise<void> {
    const org = await this.db.forUpdate(em.createQueryBuilder(OrgEntity, "o").where("o.id = :orgId", { orgId })).getOne();
    if (org?.orgPlan !== "TEAM") return;
    const pool = await em.findOneBy(PoolEntity, { orgId });
    await this.leaveTeam(em, orgId, "Team cancelled at the period end");
    await em.update(OrgEntity, { id: orgId }, { spacesOwnerOnly: true });
    await em.update(SubscriptionEntity, { id: subscriptionId }, { pendingPlan: null, updatedAt: this.clock.now() });
    const owner = await em
      .createQueryBuilder(UserEntity, "u")
      .innerJoin(MembershipEntity, "m", "m.userId = u.id")
      .where("m.orgId = :orgId AND m.role = 'OWNER'", { orgId })
      .getOneOrFail();
    const topUp = pool?.topUpBalance ?? 0;
    const monthly = pool?.monthlyBalance ?? 0;
    await this.audit.record(em, SYSTEM, {
      orgId,
      action: "cancellation.completed",
      summary:
        `Team ended. Forfeited ${credits(topUp)} top-up and ${credits(monthly)} monthly credits; ` +
        `the org is now on ${person(owner)}'s personal ${planWords(owner.personalPlan)} plan, and its Spaces are open to the owner only.`,
      before: { plan: "TEAM", topUp, monthly },
      after: { plan: owner.personalPlan },
    });
  }

  /**
   * Takes an org off Team: the pool (top-ups and monthly) is forfeited as FORFEIT
   * entries, open holds end, and the org shows its owner's personal plan again.
   */
  async leaveTeam(em: EntityManager, orgId: string, reason: string): Promise<void> {
    const org = await em.findOneByOrFail(OrgEntity, { id: orgId });
    if (org.orgPlan !== "TEAM") return;
    const pool = await this.store.lockPool(em, orgId);
    if (pool) {
      const lines = [
        ...(pool.topUpBalance > 0 ? [{ bucket: "TOP_UP" as const, kind: "FORFEIT" as const, amount: -pool.topUpBalance, reason }] : []),
        ...(pool.monthlyBalance > 0
          ? [{ bucket: "MONTHLY" as const, kind: "FORFEIT" as const, amount: -pool.monthlyBalance, reason }]
          : []),
      ];
      await this.store.appendLedger(em, orgId, { topUp: pool.topUpBalance, monthly: pool.monthlyBalance }, lines, this.clock.now());
      await em.update(PoolEntity, { orgId }, { topUpBalance: 0, monthlyBalance: 0, reserved: 0 });
      await em.update(ReservationEntity, { orgId, status: "HELD" }, { status: "RELEASED" });
      if (lines.length > 0) {
        // The forfeit in the audit log, in words (plan.changed below says why the plan changed).
        await this.audit.record(em, SYSTEM, {
          orgId,
          action: "credits.forfeited",
          summary: `The pool was forfeited as the org left Team: ${credits(pool.topUpBalance)} top-up and ${credits(pool.monthlyBalance)} monthly credits.`,
          before: { topUp: pool.topUpBalance, monthly: pool.monthlyBalance },
          after: { topUp: 0, monthly: 0 },
        });
      }
    }
    await em.update(OrgEntity, { id: orgId }, { orgPlan: null, billingInterval: null });
    await this.events.emit(PlanChanged, { orgId, from: org.orgPlan, to: null, interval: null, monthlyAllotment: 0 });
    await this.audit.record(em, SYSTEM, {
      orgId,
      action: "plan.changed",
      summary: `The org left Team (${/subscription .* ended/i.test(reason) ? "its Team subscription ended" : reason}) and is on the owner's personal plan again.`,
      before: { plan: "TEAM", topUp: pool?.topUpBalance ?? 0, monthly: pool?.monthlyBalance ?? 0 },
      after: { plan: "personal", reason },
    });
  }
}

const credits = (n: number): string => n.toLocaleString("en-US");
