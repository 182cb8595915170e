import type { ErrorCode } from "@team-billing/shared";

/**
 * The pure core of metering: given an org's buckets, counters and caps, decide in
 * order which calls are admitted and how each is split (top-up first, then
 * monthly). Nothing here touches the database, so it is tested against a model.
 */

/**
 * The most a bucket, or the pool's total of top-up and monthly, may hold: GraphQL's
 * `Int` (balances are answered as Int). A change that would pass it is refused before
 * anything is written, so no mutation commits and then fails to answer.
 */
export const MAX_BALANCE = 2_147_483_647;

export interface Buckets {
  topUp: number;
  monthly: number;
  /** Held by open reservations; counts against the buckets. */
  reserved: number;
}

export interface Counter {
  used: number;
  reserved: number;
}

export interface ChargeRequest {
  memberId: string;
  spaceId: string;
  credits: number;
  /** Credits already held for this charge (settling a reservation): they are not checked again. */
  held?: number;
}

export type Refusal = Extract<ErrorCode, "BILLING_POOL_EXHAUSTED" | "BILLING_MEMBER_CAP_REACHED" | "BILLING_SPACE_CAP_REACHED">;

export type Decision = { ok: true; fromTopUp: number; fromMonthly: number; remainingAfter: number } | { ok: false; refusal: Refusal };

export interface AdmissionState {
  buckets: Buckets;
  /** Keyed `MEMBER:<id>` / `SPACE:<id>`. */
  counters: Map<string, Counter>;
  /** Monthly limits keyed like the counters; absent means no cap. */
  caps: Map<string, number>;
}

export const counterKey = (scope: "MEMBER" | "SPACE", id: string) => `${scope}:${id}`;

function counter(state: AdmissionState, key: string): Counter {
  let c = state.counters.get(key);
  if (!c) {
    c = { used: 0, reserved: 0 };
    state.counters.set(key, c);
  }
  return c;
}

/**
 * Checks one charge against the member cap, the Space cap and the pool, in that
 * order (a member at their cap learns that, not that the pool is low), and applies
 * it to `state` when admitted. Mutates `state`.
 */
export function admitCharge(state: AdmissionState, request: ChargeRequest): Decision {
  const held = request.held ?? 0;
  const extra = request.credits - held; // what this charge needs beyond its hold (may be negative)
  const memberKey = counterKey("MEMBER", request.memberId);
  const spaceKey = counterKey("SPACE", request.spaceId);
  const member = counter(state, memberKey);
  const space = counter(state, spaceKey);
  const fits = (c: Counter, limit: number | undefined) => limit === undefined || extra <= 0 || c.used + c.reserved + extra <= limit;
  if (!fits(member, state.caps.get(memberKey))) return { ok: false, refusal: "BILLING_MEMBER_CAP_REACHED" };
  if (!fits(space, state.caps.get(spaceKey))) return { ok: false, refusal: "BILLING_SPACE_CAP_REACHED" };
  const { buckets } = state;
  const available = buckets.topUp + buckets.monthly - buckets.reserved;
  if (extra > 0 && extra > available) return { ok: false, refusal: "BILLING_POOL_EXHAUSTED" };

  buckets.reserved -= held;
  member.reserved -= held;
  space.reserved -= held;
  const fromTopUp = Math.min(buckets.topUp, request.credits);
  const fromMonthly = request.credits - fromTopUp;
  buckets.topUp -= fromTopUp;
  buckets.monthly -= fromMonthly;
  member.used += request.credits;
  space.used += request.credits;
  return { ok: true, fromTopUp, fromMonthly, remainingAfter: buckets.topUp + buckets.monthly };
}

/** Holds credits for a reservation: the same checks as a charge, nothing debited yet. */
export function admitHold(state: AdmissionState, request: ChargeRequest): { ok: true } | { ok: false; refusal: Refusal } {
  const memberKey = counterKey("MEMBER", request.memberId);
  const spaceKey = counterKey("SPACE", request.spaceId);
  const member = counter(state, memberKey);
  const space = counter(state, spaceKey);
  const fits = (c: Counter, limit: number | undefined) => limit === undefined || c.used + c.reserved + request.credits <= limit;
  if (!fits(member, state.caps.get(memberKey))) return { ok: false, refusal: "BILLING_MEMBER_CAP_REACHED" };
  if (!fits(space, state.caps.get(spaceKey))) return { ok: false, refusal: "BILLING_SPACE_CAP_REACHED" };
  const { buckets } = state;
  if (request.credits > buckets.topUp + buckets.monthly - buckets.reserved) return { ok: false, refusal: "BILLING_POOL_EXHAUSTED" };
  buckets.reserved += request.credits;
  member.reserved += request.credits;
  space.reserved += request.credits;
  return { ok: true };
}

/** Returns a hold's credits (release or expiry). */
export function releaseHold(state: AdmissionState, request: ChargeRequest): void {
  state.buckets.reserved -= request.credits;
  counter(state, counterKey("MEMBER", request.memberId)).reserved -= request.credits;
  counter(state, counterKey("SPACE", request.spaceId)).reserved -= request.credits;
}

/** A copy of the counters, to tell afterwards which ones a batch changed. */
export const cloneCounters = (counters: Map<string, Counter>) => new Map([...counters].map(([k, v]) => [k, { ...v }]));
