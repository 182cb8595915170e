import type { DomainEvents } from "../common/domain-events";
import { InvoiceSettled } from "../billing/billing-events";
import { CapIncreaseDecided, type CapIncreasePayload, CapIncreaseRequested, UsageVoided } from "../credits/corrections-events";
import { CapReached, PlanChanged, PoolExhausted, PoolRefilled } from "../credits/credit-events";
import { UsageAlertCrossed } from "../credits/usage-alert-events";
import { MembershipEntity } from "../entities";
import { MemberJoined, MemberRemoved, SeatsChanged } from "../teams/team-events";
import type { WebhookOutbox } from "./webhook-outbox";

/** `memberId` or `spaceId`, as a cap or an alert names its target. */
const target = (scope: string, targetId: string | null) =>
  scope === "MEMBER" ? { memberId: targetId } : scope === "SPACE" ? { spaceId: targetId } : {};

/**
 * Which domain event becomes which webhook event, and its `data` (DESIGN "Events and
 * corrections"). Each handler runs in the emitter's transaction, so the outbox rows
 * commit or roll back with the change. The container calls this once.
 */
export function subscribeWebhooks(events: DomainEvents, outbox: WebhookOutbox): void {
  events.on(UsageAlertCrossed, (e, em) =>
    outbox.publish(em, e.orgId, e.direction === "TRIGGERED" ? "usage_alert.triggered" : "usage_alert.resolved", {
      alertId: e.alertId ?? "soft-alert",
      scope: e.scope,
      ...target(e.scope, e.targetId),
      thresholdPercent: e.thresholdPercent,
      remaining: e.remaining,
      [e.scope === "POOL" ? "monthlyAllotment" : "limit"]: e.of,
    }),
  );
  events.on(CapReached, (e, em) =>
    outbox.publish(em, e.orgId, "cap.reached", {
      capId: e.capId,
      scope: e.scope,
      ...target(e.scope, e.targetId),
      limit: e.limit,
      used: e.used,
      resetsAt: e.resetsAt.toISOString(),
    }),
  );
  events.on(PoolExhausted, (e, em) =>
    outbox.publish(em, e.orgId, "pool.exhausted", {
      topUpRemaining: e.topUp,
      monthlyRemaining: e.monthly,
      reserved: e.reserved,
      refillsAt: e.refillsAt.toISOString(),
    }),
  );
  events.on(PoolRefilled, (e, em) =>
    outbox.publish(em, e.orgId, "pool.refilled", {
      periodStart: e.periodStart.toISOString(),
      periodEnd: e.periodEnd.toISOString(),
      granted: e.granted,
      expired: e.expired,
      monthlyRemaining: e.monthly,
      topUpRemaining: e.topUp,
    }),
  );
  events.on(PlanChanged, (e, em) =>
    outbox.publish(em, e.orgId, "plan.changed", {
      plan: e.to ?? "PERSONAL",
      previousPlan: e.from ?? "PERSONAL",
      billingInterval: e.interval,
      monthlyAllotment: e.monthlyAllotment,
    }),
  );
  events.on(SeatsChanged, (e, em) =>
    outbox.publish(em, e.orgId, "seats.changed", async () => ({
      seats: await em.countBy(MembershipEntity, { orgId: e.orgId, active: true }),
      change: e.added ? 1 : -1,
    })),
  );
  events.on(MemberJoined, (e, em) =>
    outbox.publish(em, e.orgId, "member.joined", { memberId: e.memberId, userId: e.userId, email: e.email, role: e.role }),
  );
  events.on(MemberRemoved, (e, em) =>
    outbox.publish(em, e.orgId, "member.removed", { memberId: e.memberId, userId: e.userId, email: e.email, role: e.role }),
  );
  events.on(UsageVoided, (e, em) =>
    outbox.publish(em, e.orgId, "usage.voided", {
      eventId: e.eventId,
      memberId: e.memberId,
      spaceId: e.spaceId,
      model: e.model,
      credits: e.credits,
      returned: e.returned,
      reason: e.reason,
      voidedAt: e.voidedAt.toISOString(),
      voidedBy: e.actor.description,
    }),
  );
  const capIncrease = (e: CapIncreasePayload) => ({
    requestId: e.requestId,
    capId: e.capId,
    scope: e.scope,
    ...target(e.scope, e.targetId),
    requestedBy: e.memberId,
    currentLimit: e.currentLimit,
    requestedLimit: e.requestedLimit,
    status: e.status,
  });
  events.on(CapIncreaseRequested, (e, em) => outbox.publish(em, e.orgId, "cap_increase.requested", capIncrease(e)));
  events.on(CapIncreaseDecided, (e, em) => outbox.publish(em, e.orgId, "cap_increase.decided", capIncrease(e)));
  events.on(InvoiceSettled, (e, em) =>
    outbox.publish(em, e.orgId, e.outcome === "paid" ? "invoice.paid" : "invoice.payment_failed", {
      invoiceId: e.invoiceId,
      number: e.number,
      currency: e.currency,
      amountDue: e.amountDue,
      amountPaid: e.amountPaid,
      hostedInvoiceUrl: e.hostedUrl,
    }),
  );
}
