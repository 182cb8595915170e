import { PRICE_LOOKUP_KEYS } from "@team-billing/shared";
import type Stripe from "stripe";
import { type EntityManager, In, LessThanOrEqual, Not } from "typeorm";
import type { Clock } from "../clock";
import type { PersonalService } from "../credits/personal.service";
import type { Database } from "../db/database";
import { MembershipEntity, OrgEntity, PoolEntity, SpaceEntity, SubscriptionEntity, UserEntity } from "../entities";
import { conflict } from "../errors";
import type { UserActor } from "../services/actor";
import type { AuditService } from "../services/audit.service";
import type { StripeGateway } from "./stripe-gateway";
import { idOf, LIVE_STATUSES } from "./stripe-mirror";
import type { SubscriptionService } from "./subscription.service";

const SYSTEM = { kind: "anonymous" } as const;

export interface DowngradePreview {
  effectiveAt: Date;
  topUpCreditsLost: number;
  monthlyCreditsLost: number;
  membersLosingAccess: { membership: MembershipEntity; user: UserEntity }[];
  spacesLosingAccess: SpaceEntity[];
}

/**
 * Team → Pro. The OWNER schedules it (a Stripe subscription schedule whose next
 * phase is Pro); nothing changes until the period ends. Then, whether our clock
 * (the `downgrades` job) or Stripe's subscription update gets there first, once:
 * the pool is forfeited, the owner is on Pro (billed the Pro price from then on),
 * and org-scoped Spaces close to everyone but the OWNER.
 */
export class DowngradeService {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly gateway: StripeGateway,
    private readonly subscriptions: SubscriptionService,
    private readonly personal: PersonalService,
    private readonly audit: AuditService,
  ) {}

  async schedule(actor: UserActor, orgId: string): Promise<OrgEntity> {
    const sub = await this.liveTeamSubscription(orgId);
    const pro = await this.gateway.price(PRICE_LOOKUP_KEYS.PRO_MONTHLY);
    // The mirror row is held from Stripe's change to ours: a webhook's sync waits, then reads what we did.
    return this.db.exclusive(
      { entity: SubscriptionEntity, id: sub.id },
      async () => {
        await this.expectPending(sub.id, null);
        // Stripe's own subscription says whether a schedule is attached (a released one is not).
        const attached = idOf((await this.gateway.stripe.subscriptions.retrieve(sub.id)).schedule);
        const schedule = attached
          ? await this.gateway.stripe.subscriptionSchedules.retrieve(attached)
          : await this.gateway.stripe.subscriptionSchedules.create({ from_subscription: sub.id });
        const current = schedule.phases[0];
        await this.gateway.stripe.subscriptionSchedules.update(schedule.id, {
          end_behavior: "release",
          phases: [
            {
              items: current.items.map((i) => ({ price: priceId(i.price), quantity: i.quantity ?? 1 })),
              start_date: current.start_date,
              end_date: current.end_date,
            },
            { items: [{ price: pro.id, quantity: 1 }], duration: { interval: "month" } },
          ],
        });
        return schedule.id;
      },
      async (em, scheduleId) => {
        await em.update(SubscriptionEntity, { id: sub.id }, { pendingPlan: "PRO", scheduleId, updatedAt: this.clock.now() });
        await this.audit.record(em, actor, {
          orgId,
          action: "downgrade.scheduled",
          after: { plan: "PRO", effectiveAt: sub.currentPeriodEnd.toISOString() },
        });
        return em.findOneByOrFail(OrgEntity, { id: orgId });
      },
    );
  }

  async cancel(actor: UserActor, orgId: string): Promise<OrgEntity> {
    const sub = await this.liveTeamSubscription(orgId);
    return this.db.exclusive(
      { entity: SubscriptionEntity, id: sub.id },
      async () => {
        await this.expectPending(sub.id, "PRO");
        const attached = idOf((await this.gateway.stripe.subscriptions.retrieve(sub.id)).schedule);
        if (attached) await this.gateway.stripe.subscriptionSchedules.release(attached);
      },
      async (em) => {
        await em.update(SubscriptionEntity, { id: sub.id }, { pendingPlan: null, scheduleId: null, updatedAt: this.clock.now() });
        await this.audit.record(em, actor, { orgId, action: "downgrade.cancelled", before: { plan: "PRO" }, after: { plan: "TEAM" } });
        return em.findOneByOrFail(OrgEntity, { id: orgId });
      },
    );
  }

  /** Checked once the row is held: two clicks at once schedule (or cancel) once. */
  private async expectPending(subscriptionId: string, pending: "PRO" | null): Promise<void> {
    const now = await this.db.manager.findOneByOrFail(SubscriptionEntity, { id: subscriptionId });
    if (now.pendingPlan === pending) return;
    throw conflict(pending ? "No downgrade is scheduled." : "A downgrade is already scheduled; cancel it first to change it.");
  }

  /** Exactly what the downgrade takes, as of now: the console shows it before the OWNER confirms. */
  async preview(orgId: string): Promise<DowngradePreview | null> {
    const sub = await this.subscriptions.currentFor(orgId);
    if (!isLiveTeam(sub)) return null;
    const pool = await this.db.manager.findOneBy(PoolEntity, { orgId });
    const members = await this.db.manager
      .createQueryBuilder(MembershipEntity, "m")
      .innerJoinAndMapOne("m.user", UserEntity, "u", "u.id = m.userId")
      .where("m.orgId = :orgId AND m.active = :active AND m.role <> 'OWNER'", { orgId, active: true })
      .getMany();
    return {
      effectiveAt: sub.currentPeriodEnd,
      topUpCreditsLost: pool?.topUpBalance ?? 0,
      monthlyCreditsLost: pool?.monthlyBalance ?? 0,
      membersLosingAccess: members.map((membership) => ({
        membership,
        user: (membership as MembershipEntity & { user: UserEntity }).user,
      })),
      spacesLosingAccess:
        members.length > 0 ? await this.db.manager.find(SpaceEntity, { where: { orgId }, order: { createdAt: "ASC" } }) : [],
    };
  }

  /** The `downgrades` job: scheduled downgrades whose period ended, by our clock. */
  async applyDue(): Promise<number> {
    const due = await this.db.manager.find(SubscriptionEntity, {
      where: { accountType: "ORG", pendingPlan: "PRO", currentPeriodEnd: LessThanOrEqual(this.clock.now()), status: Not(In(["canceled"])) },
    });
    for (const sub of due) await this.db.transaction((em) => this.complete(em, sub.accountId, sub.id));
    return due.length;
  }

  private async liveTeamSubscription(orgId: string): Promise<SubscriptionEntity> {
    const sub = await this.subscriptions.currentFor(orgId);
    if (!isLiveTeam(sub)) throw conflict("This org has no Team subscription to change.");
    return sub;
  }

  /** Applies a downgrade once (a no-op when the org is no longer on Team). */
  async complete(em: EntityManager, orgId: string, subscriptionId: string): Promise<void> {
    // Locked, then checked: Stripe's event and our job may both arrive at once; the second finds it done.
    const org = await this.db.forUpdate(em.createQueryBuilder(OrgEntity, "o").where("o.id = :orgId", { orgId })).getOne();
    if (org?.orgPlan !== "TEAM") return;
    await this.subscriptions.leaveTeam(em, orgId, "downgraded to Pro");
    await em.update(OrgEntity, { id: orgId }, { spacesOwnerOnly: true });
    const owner = await em.findOneByOrFail(MembershipEntity, { orgId, role: "OWNER" });
    await this.personal.setPlan(SYSTEM, owner.userId, "PRO", this.clock.now());
    await em.update(SubscriptionEntity, { id: subscriptionId }, { pendingPlan: null, updatedAt: this.clock.now() });
    await this.audit.record(em, SYSTEM, { orgId, action: "downgrade.completed", after: { plan: "PRO", owner: owner.userId } });
  }
}

const priceId = (price: string | Stripe.Price | Stripe.DeletedPrice): string => (typeof price === "string" ? price : price.id);

const isLiveTeam = (sub: SubscriptionEntity | null): sub is SubscriptionEntity =>
  sub?.plan === "TEAM" && LIVE_STATUSES.includes(sub.status);
