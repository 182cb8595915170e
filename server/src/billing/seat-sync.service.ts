import type { Catalog } from "@team-billing/shared";
import { type EntityManager, In, IsNull } from "typeorm";
import type { Clock } from "../common/clock";
import { MAX_BALANCE } from "../credits/admission";
import type { CreditStore } from "../credits/credit-store";
import type { Database } from "../db/database";
import { MembershipEntity, OrgEntity, PoolEntity, SeatSyncEntity, SubscriptionEntity } from "../entities";
import type { StripeGateway } from "./stripe-gateway";
import { LIVE_STATUSES } from "./stripe-mirror";

const BACKOFF_MS = [5_000, 15_000, 60_000, 300_000, 900_000, 3_600_000];
const DAY_MS = 86_400_000;

/**
 * Seats that count themselves. Every change of an org's active-member count is
 * written here in the membership's own transaction; the `seats` job then sends
 * Stripe the absolute count with `create_prorations`, prorated from the start of
 * the current UTC day, retried with backoff while Stripe fails.
 */
export class SeatSyncService {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly gateway: StripeGateway,
    private readonly store: CreditStore,
    private readonly catalog: Catalog,
    private readonly log: (message: string) => void,
  ) {}

  /** In the transaction of a membership change: a new version, its outbox row, and a new seat's credits. */
  async seatsChanged(em: EntityManager, orgId: string, added: boolean): Promise<void> {
    await em.increment(OrgEntity, { id: orgId }, "membershipVersion", 1);
    const org = await em.findOneByOrFail(OrgEntity, { id: orgId });
    const now = this.clock.now();
    await em.insert(SeatSyncEntity, {
      orgId,
      membershipVersion: org.membershipVersion,
      createdAt: now,
      nextAttemptAt: now,
      attempts: 0,
      prorationDate: null,
      lastError: null,
      appliedAt: null,
    });
    if (added && org.orgPlan === "TEAM") await this.grantSeatCredits(em, orgId, org.membershipVersion);
  }

  /**
   * A seat added mid-period brings its credits for the share of the period left from the
   * start of today (Stripe's proration share for the seat, see syncOrg), rounded down, but
   * only above the period's high-water mark of seats: a seat-slot's credits are minted
   * once per period. A removed seat takes nothing back, and re-filling a slot up to the
   * mark adds nothing (else add/remove cycles would mint credits for free, as Stripe
   * nets the two prorations to zero). Stripe still bills every change.
   */
  private async grantSeatCredits(em: EntityManager, orgId: string, version: number): Promise<void> {
    const pool = await this.store.lockPool(em, orgId);
    if (!pool || pool.fixedAllotment !== null) return;
    const seats = await em.countBy(MembershipEntity, { orgId, active: true });
    const newSlots = seats - pool.seatHighWater;
    if (newSlots <= 0) return;
    await em.update(PoolEntity, { orgId }, { seatHighWater: seats });
    const now = this.clock.now();
    // The same share Stripe bills: from the start of today (the seat's proration date, see
    // syncOrg), never before the period's start, so a seat added on day 1 brings the whole 1,000.
    const length = pool.periodEnd.getTime() - pool.periodStart.getTime();
    const from = Math.max(Math.floor(now.getTime() / DAY_MS) * DAY_MS, pool.periodStart.getTime());
    const remaining = Math.min(Math.max(pool.periodEnd.getTime() - from, 0), length);
    const perSeat = length > 0 ? Math.floor((this.catalog.team.creditsPerSeat * remaining) / length) : 0;
    // Never past what the API can answer (balances are GraphQL Ints).
    const room = Math.max(0, MAX_BALANCE - pool.topUpBalance - pool.monthlyBalance);
    const credits = Math.min(perSeat * newSlots, room);
    if (credits <= 0) return;
    await this.store.appendLedger(
      em,
      orgId,
      { topUp: pool.topUpBalance, monthly: pool.monthlyBalance },
      [{ bucket: "MONTHLY", kind: "GRANT", amount: credits, reference: `seat:${version}` }],
      now,
    );
    await em.update(
      PoolEntity,
      { orgId },
      { monthlyBalance: pool.monthlyBalance + credits, monthlyAllotment: pool.monthlyAllotment + credits },
    );
  }

  /**
   * The `seats` job: for each org with changes waiting, sync its newest count once
   * that row is due (a failing org backs off as a whole: older rows wait with it).
   */
  async syncDue(): Promise<number> {
    const pending = await this.db.manager.find(SeatSyncEntity, {
      where: { appliedAt: IsNull() },
      order: { orgId: "ASC", membershipVersion: "DESC" },
      take: 1000,
    });
    const newest = new Map<string, SeatSyncEntity>();
    for (const row of pending) if (!newest.has(row.orgId)) newest.set(row.orgId, row);
    const now = this.clock.now();
    const due = [...newest.values()].filter((row) => row.nextAttemptAt <= now);
    for (const row of due) await this.syncOrg(row);
    return due.length;
  }

  private async syncOrg(row: SeatSyncEntity): Promise<void> {
    const sub = await this.db.manager.findOne(SubscriptionEntity, {
      where: { accountType: "ORG", accountId: row.orgId, plan: "TEAM", status: In(LIVE_STATUSES) },
      order: { startedAt: "DESC" },
    });
    const quantity = await this.db.manager.countBy(MembershipEntity, { orgId: row.orgId, active: true });
    if (!sub?.seatItemId || sub.seatQuantity === quantity) return this.db.transaction((em) => this.settle(em, row, null));
    const now = this.clock.now();
    const dayStart = Math.floor(now.getTime() / DAY_MS) * DAY_MS;
    const prorationDate = row.prorationDate ?? Math.floor(Math.max(dayStart, sub.currentPeriodStart.getTime()) / 1000);
    if (row.prorationDate === null) await this.db.transaction((em) => em.update(SeatSyncEntity, { id: row.id }, { prorationDate }));
    const seatItemId = sub.seatItemId;
    try {
      // The mirror row is held from Stripe's answer to our write of it (a webhook's older copy waits).
      await this.db.exclusive(
        { entity: SubscriptionEntity, id: sub.id },
        () =>
          this.gateway.stripe.subscriptionItems.update(
            seatItemId,
            { quantity, proration_behavior: "create_prorations", proration_date: prorationDate },
            { idempotencyKey: `seats:${sub.id}:${quantity}:${row.membershipVersion}` },
          ),
        (em, item) => this.settle(em, row, { subscriptionId: sub.id, quantity: item.quantity ?? quantity }),
      );
    } catch (error) {
      const attempts = row.attempts + 1;
      const delay = BACKOFF_MS[Math.min(attempts - 1, BACKOFF_MS.length - 1)];
      this.log(`seat sync for org ${row.orgId} failed (attempt ${attempts}); retrying in ${delay / 1000}s: ${String(error)}`);
      await this.db.transaction((em) =>
        em.update(
          SeatSyncEntity,
          { id: row.id },
          { attempts, nextAttemptAt: new Date(now.getTime() + delay), lastError: String(error).slice(0, 2000) },
        ),
      );
    }
  }

  /** Marks the org's rows up to this version as done, and the mirror's seat count. */
  private async settle(
    em: EntityManager,
    row: SeatSyncEntity,
    applied: { subscriptionId: string; quantity: number } | null,
  ): Promise<void> {
    await em
      .createQueryBuilder()
      .update(SeatSyncEntity)
      .set({ appliedAt: this.clock.now() })
      .where("orgId = :orgId AND membershipVersion <= :version AND appliedAt IS NULL", {
        orgId: row.orgId,
        version: row.membershipVersion,
      })
      .execute();
    if (applied)
      await em.update(SubscriptionEntity, { id: applied.subscriptionId }, { seatQuantity: applied.quantity, updatedAt: this.clock.now() });
  }
}
