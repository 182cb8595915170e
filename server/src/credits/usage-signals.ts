import type { EntityManager } from "typeorm";
import type { DomainEvents } from "../common/domain-events";
import { CapEntity, PoolEntity } from "../entities";
import { type AdmissionState, type Counter, counterKey, type Refusal } from "./admission";
import { CapReached, PoolExhausted } from "./credit-events";

/** A call refused in a batch, and what refused it. */
export interface RefusedInBatch {
  refusal: Refusal;
  memberId: string;
  spaceId: string;
}

/**
 * Tells when a cap is reached or the pool runs dry, under the pool's lock in the
 * transaction that charged or refused: `CapReached` once per cap and period (the cap row
 * remembers the period), `PoolExhausted` once until credits come in again (the pool row's
 * `exhaustedArmed`). A batch that reaches nothing costs no query.
 */
export class UsageSignals {
  constructor(private readonly events?: DomainEvents) {}

  async afterBatch(
    em: EntityManager,
    pool: PoolEntity,
    state: AdmissionState,
    before: Map<string, Counter>,
    refused: RefusedInBatch[],
  ): Promise<void> {
    if (!this.events) return;
    for (const key of reachedCaps(state, before, refused)) await this.capReached(em, pool, state, key);
    const dry = state.buckets.topUp + state.buckets.monthly === 0;
    if (pool.exhaustedArmed !== false && (dry || refused.some((r) => r.refusal === "BILLING_POOL_EXHAUSTED"))) {
      pool.exhaustedArmed = false;
      await em.update(PoolEntity, { orgId: pool.orgId }, { exhaustedArmed: false });
      await this.events.emit(PoolExhausted, {
        orgId: pool.orgId,
        topUp: state.buckets.topUp,
        monthly: state.buckets.monthly,
        reserved: state.buckets.reserved,
        refillsAt: pool.periodEnd,
      });
    }
  }

  /** Credits came in (a refill, a top-up, a grant): the next time the pool runs dry is told again. */
  async creditsAdded(em: EntityManager, pool: PoolEntity): Promise<void> {
    if (pool.exhaustedArmed !== false || pool.topUpBalance + pool.monthlyBalance === 0) return;
    pool.exhaustedArmed = true;
    await em.update(PoolEntity, { orgId: pool.orgId }, { exhaustedArmed: true });
  }

  private async capReached(em: EntityManager, pool: PoolEntity, state: AdmissionState, key: string): Promise<void> {
    const [scope, targetId] = key.split(":") as ["MEMBER" | "SPACE", string];
    const cap = await em.findOneBy(CapEntity, { orgId: pool.orgId, scope, targetId });
    if (!cap || cap.reachedPeriodIndex === pool.periodIndex) return;
    await em.update(CapEntity, { id: cap.id }, { reachedPeriodIndex: pool.periodIndex });
    await this.events?.emit(CapReached, {
      orgId: pool.orgId,
      capId: cap.id,
      scope,
      targetId,
      limit: cap.monthlyLimit,
      used: state.counters.get(key)?.used ?? 0,
      resetsAt: pool.periodEnd,
    });
  }
}

/** Caps a charge of the batch took to their limit, and caps that refused a call. */
function reachedCaps(state: AdmissionState, before: Map<string, Counter>, refused: RefusedInBatch[]): Set<string> {
  const keys = new Set<string>();
  for (const [key, limit] of state.caps) {
    const used = state.counters.get(key)?.used ?? 0;
    if (used >= limit && used !== (before.get(key)?.used ?? 0)) keys.add(key);
  }
  for (const r of refused) {
    if (r.refusal === "BILLING_MEMBER_CAP_REACHED") keys.add(counterKey("MEMBER", r.memberId));
    if (r.refusal === "BILLING_SPACE_CAP_REACHED") keys.add(counterKey("SPACE", r.spaceId));
  }
  return keys;
}
