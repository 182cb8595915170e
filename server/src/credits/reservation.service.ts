import { type EntityManager, LessThanOrEqual } from "typeorm";
import type { Clock } from "../common/clock";
import { newId } from "../db/columns";
import type { Database } from "../db/database";
import { MembershipEntity, OrgEntity, type PoolEntity, ReservationEntity, SpaceEntity, UsageEventEntity } from "../entities";
import { AppError, badInput, conflict, forbidden, notFound } from "../common/errors";
import type { Actor } from "../common/actor";
import type { MemberService } from "../teams/member.service";
import { isId } from "../common/validate";
import { admitCharge, admitHold, cloneCounters, releaseHold } from "./admission";
import type { CreditStore } from "./credit-store";
import type { PoolService } from "./pool.service";
import { checkCall, HOLD_TTL, refusal, resultOf, type UsageCall, type UsageResult } from "./usage-call";
import { ChargeBatch } from "./usage-writer";

export interface ReserveInput {
  orgId: string;
  memberId: string;
  spaceId: string;
  model: string;
  credits: number;
  ttlSeconds?: number | null;
}

/**
 * Reservations hold an estimate against the pool and both caps before a long model
 * call; settling charges the actual cost (more than held only if the pool and caps
 * allow it); releasing, or the hold's expiry, returns the credits.
 */
export class ReservationService {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly store: CreditStore,
    private readonly pools: PoolService,
    private readonly members: MemberService,
  ) {}

  async reserve(actor: Actor, input: ReserveInput): Promise<ReservationEntity> {
    // model, credits and ttlSeconds are checked at the edge (ReserveCreditsInput).
    const ttl = input.ttlSeconds ?? HOLD_TTL.defaultSeconds;
    await this.checkActor(actor, input.orgId, input.memberId);
    return this.db.transaction(async (em) => {
      const pool = await this.lockedPool(em, input.orgId);
      const member = await em.existsBy(MembershipEntity, { id: input.memberId, orgId: input.orgId, active: true });
      if (!member) throw badInput("memberId", "is not an active member of this org");
      if (!(await em.existsBy(SpaceEntity, { id: input.spaceId, orgId: input.orgId })))
        throw badInput("spaceId", "is not a Space of this org");
      const state = await this.store.admissionState(em, pool, { memberIds: [input.memberId], spaceIds: [input.spaceId] });
      const before = cloneCounters(state.counters);
      const decision = admitHold(state, input);
      if (!decision.ok) throw refusal(decision.refusal, pool.periodEnd);
      await this.store.saveState(em, pool, state, before);
      const now = this.clock.now();
      const reservation = Object.assign(new ReservationEntity(), {
        id: newId(),
        orgId: input.orgId,
        memberId: input.memberId,
        spaceId: input.spaceId,
        model: input.model,
        credits: input.credits,
        periodIndex: pool.periodIndex,
        status: "HELD",
        createdAt: now,
        expiresAt: new Date(now.getTime() + ttl * 1000),
        eventId: null,
      });
      await em.insert(ReservationEntity, reservation);
      return reservation;
    });
  }

  /** Charges the actual cost of a held call; settling twice answers the first result. */
  async settle(actor: Actor, orgId: string, reservationId: string, credits: number): Promise<UsageResult> {
    const held = await this.findForActor(actor, orgId, reservationId);
    const call: UsageCall = {
      orgId,
      memberId: held.memberId,
      spaceId: held.spaceId,
      model: held.model,
      credits,
      idempotencyKey: `reservation:${held.id}`,
    };
    const problem = checkCall(call);
    if (problem) throw problem;
    return this.db.transaction(async (em) => {
      const pool = await this.lockedPool(em, orgId);
      const reservation = await em.findOneByOrFail(ReservationEntity, { id: reservationId });
      if (reservation.status === "SETTLED" && reservation.eventId) {
        const event = await em.findOneByOrFail(UsageEventEntity, { id: reservation.eventId });
        if (event.credits !== credits) throw conflict("This reservation was already settled for a different amount.");
        return resultOf(event);
      }
      if (reservation.status !== "HELD" || reservation.expiresAt <= this.clock.now()) {
        throw conflict(
          `This reservation is ${reservation.status === "HELD" ? "expired" : reservation.status.toLowerCase()}; record the call with recordUsage instead.`,
        );
      }
      const state = await this.store.admissionState(em, pool, { memberIds: [held.memberId], spaceIds: [held.spaceId] });
      const org = await em.findOneByOrFail(OrgEntity, { id: orgId });
      const charges = ChargeBatch.forPool(pool, state, this.clock.now(), org.softAlertThresholdPercent);
      const decision = admitCharge(state, { ...call, held: reservation.credits });
      if (!decision.ok) throw refusal(decision.refusal, pool.periodEnd);
      const membership = await em.findOneByOrFail(MembershipEntity, { id: held.memberId });
      const event = charges.addPool(call, decision, { userId: membership.userId, inputHash: "reservation", reservationId: reservation.id });
      // The hold moves out of HELD once: whoever moves it (settle, release, expiry) returns its credits.
      await this.leaveHeld(em, reservation.id, { status: "SETTLED", eventId: event.id });
      await this.store.recordCharges(em, charges);
      return resultOf(event);
    });
  }

  async release(actor: Actor, orgId: string, reservationId: string): Promise<boolean> {
    await this.findForActor(actor, orgId, reservationId);
    return this.db.transaction(async (em) => {
      const pool = await this.lockedPool(em, orgId);
      const reservation = await em.findOneByOrFail(ReservationEntity, { id: reservationId });
      if (reservation.status !== "HELD") throw conflict(`This reservation is already ${reservation.status.toLowerCase()}.`);
      await this.returnHold(em, pool, reservation, "RELEASED");
      return true;
    });
  }

  /**
   * The expiry job: holds past their TTL return their credits. Each under the org's
   * pool lock, taken before the reservation is read again: a settle or release that
   * committed meanwhile has moved it out of HELD, and then this leaves it alone.
   */
  async expireDue(limit = 500): Promise<number> {
    const due = await this.db.manager.find(ReservationEntity, {
      where: { status: "HELD", expiresAt: LessThanOrEqual(this.clock.now()) },
      take: limit,
    });
    let expired = 0;
    for (const { id, orgId } of due) {
      await this.db.transaction(async (em) => {
        const pool = await this.store.lockPool(em, orgId);
        const reservation = await em.findOneByOrFail(ReservationEntity, { id });
        if (reservation.status !== "HELD" || reservation.expiresAt > this.clock.now()) return;
        if (!pool) {
          await this.leaveHeld(em, id, { status: "EXPIRED" });
          return;
        }
        await this.returnHold(em, pool, reservation, "EXPIRED");
        expired++;
      });
    }
    return expired;
  }

  /** Returns a hold's credits; the caller holds the pool lock. */
  private async returnHold(
    em: EntityManager,
    pool: PoolEntity,
    reservation: ReservationEntity,
    status: "RELEASED" | "EXPIRED",
  ): Promise<void> {
    await this.leaveHeld(em, reservation.id, { status });
    const state = await this.store.admissionState(em, pool, { memberIds: [reservation.memberId], spaceIds: [reservation.spaceId] });
    const before = cloneCounters(state.counters);
    // A hold made in an earlier period had its counters carried into this one (carryHolds).
    releaseHold(state, reservation);
    await this.store.saveState(em, pool, state, before);
  }

  /**
   * Moves a reservation out of HELD, or fails (rolling the caller back) if something
   * else already did: the one row this conditional UPDATE changes is the proof that
   * this caller, and no other, returns or charges the hold.
   */
  private async leaveHeld(em: EntityManager, id: string, set: Partial<ReservationEntity>): Promise<void> {
    const result = await em
      .createQueryBuilder()
      .update(ReservationEntity)
      .set(set)
      .where("id = :id AND status = :held", { id, held: "HELD" })
      .execute();
    if (result.affected !== 1) throw conflict("This reservation was settled, released or expired meanwhile.");
  }

  private async lockedPool(em: EntityManager, orgId: string) {
    const pool = await this.store.lockPool(em, orgId);
    if (!pool || !(await this.store.orgIsPooled(em, orgId))) {
      throw new AppError("BILLING_PLAN_REQUIRED", "Reservations hold credits of a Team or Enterprise pool; this org has none.");
    }
    await this.pools.rollInTransaction(em, pool);
    return pool;
  }

  private async findForActor(actor: Actor, orgId: string, reservationId: string): Promise<ReservationEntity> {
    const reservation = isId(reservationId) ? await this.db.manager.findOneBy(ReservationEntity, { id: reservationId, orgId }) : null;
    if (!reservation) throw notFound("Reservation");
    await this.checkActor(actor, orgId, reservation.memberId);
    return reservation;
  }

  private async checkActor(actor: Actor, orgId: string, memberId: string): Promise<void> {
    if (actor.kind !== "user") return;
    const own = await this.members.membershipOf(orgId, actor.user.id);
    if (own?.id !== memberId) throw forbidden("You can hold credits only as yourself; integrations use an org API key.");
  }
}
