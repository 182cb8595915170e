import { PRICE_LOOKUP_KEYS } from "@team-billing/shared";
import type Stripe from "stripe";
import { type EntityManager, In, LessThanOrEqual, Not } from "typeorm";
import type { Clock } from "../common/clock";
import type { PersonalService } from "../credits/personal.service";
import type { Database } from "../db/database";
import { MembershipEntity, OrgEntity, PoolEntity, SpaceEntity, SubscriptionEntity, UserEntity } from "../entities";
import { conflict } from "../common/errors";
import type { UserActor } from "../common/actor";
import type { AuditService } from "../common/audit.service";
import { actorWords, onDay, person, planWords } from "../common/audit-words";
import type { StripeGateway } from "./stripe-gateway";
import { idOf, LIVE_STATUSES, type SubscriptionRow } from "./stripe-mirror";
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
          summary: `${actorWords(actor)} scheduled the switch from Team to Pro: Team ends on ${onDay(sub.currentPeriodEnd)}, then the org is on the owner's personal Pro plan.`,
          after: { plan: "PRO", effectiveAt: sub.currentPeriodEnd.toISOString() },
        });
        return em.findOneByOrFail(OrgEntity, { id: orgId });
      },
    );
  }

  /**
   * Cancelling Team: Stripe ends the subscription at the period end (`cancel_at_period_end`);
   * then the org is on its owner's personal plan, the pool is forfeited and org Spaces close to
   * everyone but the OWNER (SubscriptionService.completeCancellation). Meanwhile our mirror
   * says `cancelAtPeriodEnd`, and `pendingPlan` is the owner's personal plan as of now (FREE when
   * none): that is what `subscription.pendingPlan` shows. A Switch to Pro has `pendingPlan` PRO with
   * `cancelAtPeriodEnd` false, so the two are told apart by `cancelAtPeriodEnd`.
   */
  async scheduleCancellation(actor: UserActor, orgId: string): Promise<OrgEntity> {
    const sub = await this.liveTeamSubscription(orgId);
    return this.db.exclusive(
      { entity: SubscriptionEntity, id: sub.id },
      async () => {
        await this.expectNothingPending(sub.id);
        await this.gateway.stripe.subscriptions.update(sub.id, { cancel_at_period_end: true });
      },
      async (em) => {
        const owner = await this.ownerOf(em, orgId);
        await em.update(
          SubscriptionEntity,
          { id: sub.id },
          { cancelAtPeriodEnd: true, pendingPlan: owner.personalPlan, updatedAt: this.clock.now() },
        );
        await this.audit.record(em, actor, {
          orgId,
          action: "cancellation.scheduled",
          summary: `${actorWords(actor)} cancelled Team: it ends on ${onDay(sub.currentPeriodEnd)}, then the org is on ${person(owner)}'s personal ${planWords(owner.personalPlan)} plan.`,
          after: { plan: owner.personalPlan, effectiveAt: sub.currentPeriodEnd.toISOString() },
        });
        return em.findOneByOrFail(OrgEntity, { id: orgId });
      },
    );
  }

  /** `cancelDowngrade`: takes back a scheduled Switch to Pro or a scheduled cancellation. */
  async cancel(actor: UserActor, orgId: string): Promise<OrgEntity> {
    const sub = await this.liveTeamSubscription(orgId);
    return this.db.exclusive(
      { entity: SubscriptionEntity, id: sub.id },
      async () => {
        const now = await this.db.manager.findOneByOrFail(SubscriptionEntity, { id: sub.id });
        if (now.cancelAtPeriodEnd) {
          await this.gateway.stripe.subscriptions.update(sub.id, { cancel_at_period_end: false });
          return "cancellation" as const;
        }
        await this.expectPending(sub.id, "PRO");
        const attached = idOf((await this.gateway.stripe.subscriptions.retrieve(sub.id)).schedule);
        if (attached) await this.gateway.stripe.subscriptionSchedules.release(attached);
        return "downgrade" as const;
      },
      async (em, what) => {
        if (what === "cancellation") {
          const before = await em.findOneByOrFail(SubscriptionEntity, { id: sub.id });
          await em.update(SubscriptionEntity, { id: sub.id }, { cancelAtPeriodEnd: false, pendingPlan: null, updatedAt: this.clock.now() });
          await this.audit.record(em, actor, {
            orgId,
            action: "cancellation.withdrawn",
            summary: `${actorWords(actor)} took back the cancellation: the org stays on Team, which renews as usual.`,
            before: { plan: before.pendingPlan },
            after: { plan: "TEAM" },
          });
        } else {
          await em.update(SubscriptionEntity, { id: sub.id }, { pendingPlan: null, scheduleId: null, updatedAt: this.clock.now() });
          await this.audit.record(em, actor, {
            orgId,
            action: "downgrade.cancelled",
            summary: `${actorWords(actor)} cancelled the downgrade to Pro: the org stays on Team.`,
            before: { scheduledPlan: "PRO" },
            after: { scheduledPlan: null, plan: "TEAM" },
          });
        }
        return em.findOneByOrFail(OrgEntity, { id: orgId });
      },
    );
  }

  /** Checked once the row is held: two clicks at once schedule (or cancel) once. */
  private async expectPending(subscriptionId: string, pending: "PRO" | null): Promise<void> {
    const now = await this.db.manager.findOneByOrFail(SubscriptionEntity, { id: subscriptionId });
    if (pending === null && now.cancelAtPeriodEnd) throw conflict("Team is already cancelled at the period end; take that back first.");
    if (now.pendingPlan === pending) return;
    throw conflict(pending ? "No downgrade is scheduled." : "A downgrade is already scheduled; cancel it first to change it.");
  }

  private async expectNothingPending(subscriptionId: string): Promise<void> {
    const now = await this.db.manager.findOneByOrFail(SubscriptionEntity, { id: subscriptionId });
    if (now.cancelAtPeriodEnd) throw conflict("Team is already cancelled at the period end.");
    if (now.pendingPlan) throw conflict("A switch to Pro is scheduled; take it back first to cancel instead.");
  }

  private async ownerOf(em: EntityManager, orgId: string): Promise<UserEntity> {
    const owner = await em.findOneByOrFail(MembershipEntity, { orgId, role: "OWNER" });
    return em.findOneByOrFail(UserEntity, { id: owner.userId });
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
      where: {
        accountType: "ORG",
        pendingPlan: "PRO",
        cancelAtPeriodEnd: false,
        currentPeriodEnd: LessThanOrEqual(this.clock.now()),
        status: Not(In(["canceled"])),
      },
    });
    for (const sub of due) await this.db.transaction((em) => this.complete(em, sub.accountId, sub.id));
    // Cancellations too: our clock may pass the period end before Stripe's event arrives (each happens once).
    const cancelled = await this.db.manager.find(SubscriptionEntity, {
      where: {
        accountType: "ORG",
        plan: "TEAM",
        cancelAtPeriodEnd: true,
        currentPeriodEnd: LessThanOrEqual(this.clock.now()),
        status: In(LIVE_STATUSES),
      },
    });
    for (const sub of cancelled) await this.db.transaction((em) => this.subscriptions.completeCancellation(em, sub.accountId, sub.id));
    return due.length + cancelled.length;
  }

  private async liveTeamSubscription(orgId: string): Promise<SubscriptionEntity> {
    const sub = await this.subscriptions.currentFor(orgId);
    if (!isLiveTeam(sub)) throw conflict("This org has no Team subscription to change.");
    return sub;
  }

  /** On SubscriptionMirrored: the schedule's Pro phase began on Stripe's side, so the downgrade is due (once). */
  async subscriptionMirrored(
    em: EntityManager,
    mirrored: { accountType: "ORG" | "USER"; accountId: string; row: SubscriptionRow },
  ): Promise<void> {
    if (mirrored.accountType === "ORG" && mirrored.row.plan === "PRO") await this.complete(em, mirrored.accountId, mirrored.row.id);
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
    const ownerUser = await em.findOneByOrFail(UserEntity, { id: owner.userId });
    await this.audit.record(em, SYSTEM, {
      orgId,
      action: "downgrade.completed",
      summary: `The switch to Pro took effect: Team ended, the org is on ${person(ownerUser)}'s personal Pro plan, and its Spaces are open to the owner only.`,
      after: { plan: "PRO", owner: ownerUser.email },
    });
  }
}

const priceId = (price: string | Stripe.Price | Stripe.DeletedPrice): string => (typeof price === "string" ? price : price.id);

const isLiveTeam = (sub: SubscriptionEntity | null): sub is SubscriptionEntity =>
  sub?.plan === "TEAM" && LIVE_STATUSES.includes(sub.status);
