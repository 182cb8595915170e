import { domainEvent } from "../common/domain-events";

/**
 * What happened to an org's credits, emitted in the transaction that made it happen (under
 * the pool's lock). The outbound webhooks subscribe (container.ts); credits knows nothing of them.
 */

/** A member's or a Space's cap was reached this period: by the call that took it to the limit, or the first refused there. Once per period. */
export const CapReached = domainEvent<{
  orgId: string;
  capId: string;
  scope: "MEMBER" | "SPACE";
  targetId: string;
  limit: number;
  used: number;
  resetsAt: Date;
}>("CapReached");

/** The pool reached zero or first refused a call for lack of credits; once until credits come in again. */
export const PoolExhausted = domainEvent<{ orgId: string; topUp: number; monthly: number; reserved: number; refillsAt: Date }>(
  "PoolExhausted",
);

/** The monthly refill: a new period began with its allotment. */
export const PoolRefilled = domainEvent<{
  orgId: string;
  periodStart: Date;
  periodEnd: Date;
  granted: number;
  expired: number;
  topUp: number;
  monthly: number;
}>("PoolRefilled");

/** The org's plan changed (a Team checkout, Enterprise terms, the end of Team). `null` is the owner's personal plan. */
export const PlanChanged = domainEvent<{
  orgId: string;
  from: string | null;
  to: string | null;
  interval: string | null;
  monthlyAllotment: number;
}>("PlanChanged");
