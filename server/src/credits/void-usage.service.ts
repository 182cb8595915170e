import { PERSONAL_PAID_PLANS } from "@team-billing/shared";
import type { EntityManager } from "typeorm";
import type { Actor } from "../common/actor";
import { auditActor } from "../common/actor";
import type { AuditService } from "../common/audit.service";
import { actorWords, credits as n, onDay, person } from "../common/audit-words";
import type { Clock } from "../common/clock";
import type { DomainEvents } from "../common/domain-events";
import { badInput, notFound } from "../common/errors";
import { isId } from "../common/validate";
import type { Database } from "../db/database";
import {
  LedgerEntryEntity,
  MembershipEntity,
  OrgEntity,
  PersonalBalanceEntity,
  type PoolEntity,
  SpaceEntity,
  UsageEventEntity,
  UserEntity,
} from "../entities";
import { cloneCounters, counterKey, MAX_BALANCE } from "./admission";
import { type CorrectionActor, UsageVoided } from "./corrections-events";
import type { CreditStore, LedgerLine } from "./credit-store";
import type { PoolService } from "./pool.service";
import { removeFromRollups } from "./rollups";

/** How long after a call it can still be voided. */
export const VOID_WINDOW_DAYS = 30;
const DAY_MS = 86_400_000;

/** What a void gave back, per bucket, and what it could not (credits of a period that has ended). */
interface Returned {
  source: "POOL" | "PERSONAL";
  topUp: number;
  monthly: number;
  personal: number;
  /** Monthly or personal credits not returned: their period has ended, and with it they would have expired. */
  expired: number;
  /** The pool was forfeited when the org left Team: nothing goes back. */
  forfeited: boolean;
}

/**
 * Voiding a recorded call (`voidUsage`): its credits go back to the buckets they came
 * from (monthly and personal ones only while their period is the current one), the
 * member's and the Space's counters go down by the same, a VOID ledger line per bucket,
 * the rollups lose it, an audit entry says it in words, and UsageVoided is emitted. All
 * in one transaction under the org's pool lock; the event's `voidedAt` is set by a
 * conditional UPDATE, so a second or concurrent void changes nothing and answers the first.
 */
export class VoidUsageService {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly store: CreditStore,
    private readonly pools: PoolService,
    private readonly audit: AuditService,
    private readonly events: DomainEvents,
  ) {}

  async void(actor: Actor, orgId: string, eventId: string, reason: string): Promise<UsageEventEntity> {
    const why = reason.trim(); // 3 to 500 characters (VoidUsageArgs)
    if (!isId(eventId)) throw notFound("Usage event");
    return this.db.transaction(async (em) => {
      // The org's lock first, as metering takes it: a void and the calls racing it for the credits are ordered by it.
      const pool = await this.store.lockPool(em, orgId);
      const event = await em.findOneBy(UsageEventEntity, { id: eventId, orgId });
      if (!event) throw notFound("Usage event");
      if (event.voidedAt) return event;
      const now = this.clock.now();
      if (now.getTime() - event.occurredAt.getTime() > VOID_WINDOW_DAYS * DAY_MS)
        throw badInput(
          "eventId",
          `this call was recorded on ${onDay(event.occurredAt)}, more than ${VOID_WINDOW_DAYS} days ago; a call can be voided within ${VOID_WINDOW_DAYS} days`,
        );
      // The one row this changes proves that this caller, and no other, returns the call's credits.
      const marked = await em
        .createQueryBuilder()
        .update(UsageEventEntity)
        .set({ voidedAt: now, voidReason: why })
        .where("id = :id AND voidedAt IS NULL", { id: event.id })
        .execute();
      if (marked.affected !== 1) return em.findOneByOrFail(UsageEventEntity, { id: event.id });
      const by = actor.kind === "user" ? actor.user.email : null;
      const returned =
        event.fromPersonal > 0 ? await this.returnPersonal(em, event, why, by, now) : await this.returnPool(em, pool, event, why, by, now);
      await removeFromRollups(em, [event]);
      const voided = Object.assign(event, { voidedAt: now, voidReason: why });
      await this.record(em, actor, voided, returned);
      return voided;
    });
  }

  /** A pool call: top-up credits back always, monthly ones while their period lasts, and the counters of that period down. */
  private async returnPool(
    em: EntityManager,
    pool: PoolEntity | null,
    event: UsageEventEntity,
    why: string,
    actorEmail: string | null,
    now: Date,
  ): Promise<Returned> {
    if (!pool || !(await this.store.orgIsPooled(em, event.orgId)))
      return { source: "POOL", topUp: 0, monthly: 0, personal: 0, expired: 0, forfeited: true };
    await this.pools.rollInTransaction(em, pool);
    const current = event.occurredAt >= pool.periodStart;
    const topUp = event.fromTopUp;
    const monthly = current ? event.fromMonthly : 0;
    const total = pool.topUpBalance + pool.monthlyBalance + topUp + monthly;
    if (total > MAX_BALANCE)
      throw badInput("eventId", `returning this call's credits would take the pool to ${n(total)} credits, past the most it holds`);
    const state = await this.store.admissionState(em, pool, { memberIds: [event.memberId], spaceIds: [event.spaceId] });
    const before = cloneCounters(state.counters);
    state.buckets.topUp += topUp;
    state.buckets.monthly += monthly;
    // A previous period's call leaves this period's counters alone (they started over without it).
    if (current) {
      for (const key of [counterKey("MEMBER", event.memberId), counterKey("SPACE", event.spaceId)]) {
        const counter = state.counters.get(key) ?? { used: 0, reserved: 0 };
        state.counters.set(key, { ...counter, used: Math.max(0, counter.used - event.credits) });
      }
    }
    const opening = { topUp: pool.topUpBalance, monthly: pool.monthlyBalance };
    await this.store.saveState(em, pool, state, before);
    const lines: LedgerLine[] = [];
    const line = { kind: "VOID" as const, reference: event.id, reason: why, actorEmail };
    if (topUp > 0) lines.push({ ...line, bucket: "TOP_UP", amount: topUp });
    if (monthly > 0) lines.push({ ...line, bucket: "MONTHLY", amount: monthly });
    await this.store.appendLedger(em, event.orgId, opening, lines, now);
    // Balances rose and counters fell: alerts below their thresholds may resolve.
    const org = await em.findOneByOrFail(OrgEntity, { id: event.orgId });
    await this.store.alerts.afterCharges(em, pool, org.softAlertThresholdPercent, state, before);
    // Credits came back: the pool running dry again is told again (pool.exhausted).
    await this.store.signals.creditsAdded(em, pool);
    return { source: "POOL", topUp, monthly, personal: 0, expired: event.fromMonthly - monthly, forfeited: false };
  }

  /**
   * A call paid from the member's personal credits: back to their balance (locked, as
   * metering locks it), with a PERSONAL ledger line, while the balance's month that paid
   * for it lasts; after its refill they would have expired.
   */
  private async returnPersonal(
    em: EntityManager,
    event: UsageEventEntity,
    why: string,
    actorEmail: string | null,
    now: Date,
  ): Promise<Returned> {
    const balance = await this.db
      .forUpdate(em.createQueryBuilder(PersonalBalanceEntity, "b").where("b.userId = :userId", { userId: event.userId }))
      .getOne();
    const current =
      balance !== null && PERSONAL_PAID_PLANS.includes(balance.plan) && event.occurredAt >= balance.periodStart && balance.periodEnd > now;
    const personal = current ? event.fromPersonal : 0;
    if (balance && personal > 0) {
      balance.balance += personal;
      await em.update(PersonalBalanceEntity, { userId: balance.userId }, { balance: balance.balance });
      await em.insert(LedgerEntryEntity, {
        account: "USER",
        accountId: balance.userId,
        bucket: "PERSONAL",
        kind: "VOID",
        amount: personal,
        balanceAfter: balance.balance,
        reference: event.id,
        reason: why,
        actorEmail,
        at: now,
      });
    }
    return { source: "PERSONAL", topUp: 0, monthly: 0, personal, expired: event.fromPersonal - personal, forfeited: false };
  }

  /** The audit entry (in words) and UsageVoided, in the void's transaction. */
  private async record(em: EntityManager, actor: Actor, event: UsageEventEntity, returned: Returned): Promise<void> {
    const user = await em.findOneBy(UserEntity, { id: event.userId });
    const space = await em.findOneBy(SpaceEntity, { id: event.spaceId });
    const who = user ? person(user) : "a former member";
    const where = space ? ` in Space "${space.name}"` : "";
    const why = event.voidReason ?? "";
    await this.audit.record(em, actor, {
      orgId: event.orgId,
      action: "usage.voided",
      summary: `${actorWords(actor)} voided a call by ${who}${where} (${event.model}, ${n(event.credits)} credits, recorded ${onDay(event.occurredAt)}): ${returnedWords(returned, user?.name ?? "the member")}. Reason: ${why}`,
      before: {
        eventId: event.id,
        credits: event.credits,
        fromTopUp: event.fromTopUp,
        fromMonthly: event.fromMonthly,
        fromPersonal: event.fromPersonal,
      },
      after: {
        eventId: event.id,
        voidedAt: event.voidedAt,
        reason: why,
        returned: { topUp: returned.topUp, monthly: returned.monthly, personal: returned.personal },
        notReturned: returned.expired,
      },
    });
    const member = await em.findOneBy(MembershipEntity, { id: event.memberId });
    const audited = auditActor(actor);
    const by: CorrectionActor = {
      kind: actor.kind === "user" ? "USER" : actor.kind === "apiKey" ? "API_KEY" : "SYSTEM",
      userId: audited.actorUserId,
      apiKeyId: audited.actorApiKeyId,
      description: actorWords(actor),
    };
    await this.events.emit(UsageVoided, {
      orgId: event.orgId,
      eventId: event.id,
      memberId: event.memberId,
      memberUserId: member?.userId ?? event.userId,
      spaceId: event.spaceId,
      model: event.model,
      credits: event.credits,
      returned: { topUp: returned.topUp, monthly: returned.monthly, personal: returned.personal },
      reason: why,
      voidedAt: event.voidedAt as Date,
      actor: by,
    });
  }
}

/** "30 credits back to the top-up bucket and 20 back to the monthly bucket", and what was not returned. */
function returnedWords(r: Returned, name: string): string {
  if (r.forfeited) return "no credits returned, as the pool was forfeited when the org left Team";
  const back: string[] = [];
  if (r.topUp > 0) back.push(`${n(r.topUp)} credits back to the top-up bucket`);
  if (r.monthly > 0) back.push(`${n(r.monthly)} credits back to the monthly bucket`);
  if (r.personal > 0) back.push(`${n(r.personal)} credits back to ${name}'s personal credits`);
  const bucket = r.source === "PERSONAL" ? "personal" : "monthly";
  if (r.expired > 0)
    back.push(`${n(r.expired)} ${bucket} credits not returned, as their month has ended (they would have expired with it)`);
  return back.join("; ");
}
