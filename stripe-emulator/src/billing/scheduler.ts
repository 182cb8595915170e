import type Stripe from "stripe";
import type { Core } from "../core";
import { attemptPayment } from "./invoicing";
import { advanceSchedule } from "./schedules";
import { cancelNow, currentPeriod, invoicePending, renew, settleStatus, subscriptionIdOf } from "./subscriptions";

const LIVE = new Set(["active", "past_due", "trialing", "unpaid"]);

function liveSchedule(core: Core, sub: Stripe.Subscription): Stripe.SubscriptionSchedule | undefined {
  const schedule = sub.schedule ? core.store.schedules.get(sub.schedule as string) : undefined;
  return schedule?.status === "active" && schedule.current_phase ? schedule : undefined;
}

/** The earliest moment something falls due (renewal, cancellation, phase end, payment retry). */
export function nextDue(core: Core): number | undefined {
  let next: number | undefined;
  const consider = (t: number | null | undefined) => {
    if (t !== null && t !== undefined && (next === undefined || t < next)) next = t;
  };
  for (const sub of core.store.subscriptions.all()) {
    if (!LIVE.has(sub.status)) continue;
    consider(sub.cancel_at);
    consider(currentPeriod(sub).end);
    consider(liveSchedule(core, sub)?.current_phase?.end_date);
  }
  for (const invoice of core.store.invoices.all()) {
    if (invoice.status === "open") consider(invoice.next_payment_attempt);
  }
  return next;
}

/**
 * Processes everything due up to `target` (unix seconds) in time order, setting the clock to
 * each moment as it goes, then leaves the clock at `target`. At one moment: schedule phases
 * first (a downgrade takes effect), then cancellations, then renewals, then payment retries.
 */
export function processUntil(core: Core, targetMs: number): void {
  const target = Math.floor(targetMs / 1000);
  for (let guard = 0; guard < 100_000; guard++) {
    const t = nextDue(core);
    if (t === undefined || t > target) break;
    core.clock.moveTo(t * 1000);
    runDue(core, t);
  }
  core.clock.moveTo(targetMs);
}

function runDue(core: Core, t: number): void {
  for (const sub of core.store.subscriptions.all()) {
    if (!LIVE.has(sub.status)) continue;
    const schedule = liveSchedule(core, sub);
    if (schedule?.current_phase && schedule.current_phase.end_date <= t) advanceSchedule(core, schedule);
    if (!LIVE.has(sub.status)) continue;
    if (sub.cancel_at !== null && sub.cancel_at <= t) {
      invoicePending(core, sub, "subscription_cycle");
      cancelNow(core, sub, { reason: sub.cancellation_details?.reason ?? "cancellation_requested" });
      continue;
    }
    if (currentPeriod(sub).end <= t) renew(core, sub, t);
  }
  for (const invoice of core.store.invoices.all()) {
    if (invoice.status !== "open" || invoice.next_payment_attempt === null || invoice.next_payment_attempt > t) continue;
    retry(core, invoice);
  }
}

function retry(core: Core, invoice: Stripe.Invoice): void {
  const paid = attemptPayment(core, invoice);
  const subId = subscriptionIdOf(invoice);
  const sub = subId ? core.store.subscriptions.get(subId) : undefined;
  if (!sub || sub.status === "canceled") return;
  if (paid) {
    settleStatus(core, sub, true);
  } else if (invoice.next_payment_attempt === null) {
    // Every retry failed: Stripe's default is to cancel the subscription.
    cancelNow(core, sub, { reason: "payment_failed" });
  }
}
