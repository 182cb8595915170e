import type Stripe from "stripe";
import { type Core, previousAttributes, snapshot } from "../core";
import { invalidRequest, notFound } from "../errors";
import { newId } from "../ids";
import { buildSubscription, buildSubscriptionItem } from "../objects/subscription";
import { addRecurringLines, draftInvoice, issue, pullPendingItems } from "./invoicing";
import { boundary, type Interval, type Period, periodContaining } from "./periods";
import { unusedTimeLine } from "./descriptions";
import { createProrationItem } from "./proration-items";
import type { PaymentMethodKind } from "../store";

export interface NewItem {
  price: Stripe.Price;
  quantity: number;
  metadata?: Record<string, string>;
}

export function recurringOf(price: Stripe.Price, param: string): { interval: Interval; count: number } {
  const r = price.recurring;
  if (!r) {
    throw invalidRequest(`The price specified (${price.id}) is not recurring. Subscriptions need recurring prices.`, param);
  }
  return { interval: r.interval as Interval, count: r.interval_count };
}

/** Subscriptions here bill one interval and currency for all items, as classic Stripe billing requires. */
export function assertCompatible(items: Stripe.Price[], param: string): void {
  const first = items[0];
  if (!first) return;
  const a = recurringOf(first, param);
  for (const price of items.slice(1)) {
    const b = recurringOf(price, param);
    if (a.interval !== b.interval || a.count !== b.count || price.currency !== first.currency) {
      throw invalidRequest("Currency and interval fields must match across all plans on this subscription.", param);
    }
  }
}

export function currentPeriod(sub: Stripe.Subscription): Period {
  const item = sub.items.data[0];
  if (!item) return { start: sub.billing_cycle_anchor, end: sub.billing_cycle_anchor };
  return { start: item.current_period_start, end: item.current_period_end };
}

export function subscriptionIdOf(invoice: Stripe.Invoice): string | null {
  const s = invoice.parent?.subscription_details?.subscription;
  return s === undefined ? null : typeof s === "string" ? s : s.id;
}

/**
 * Creates a subscription, bills its first period and charges it. Paid: `active`; declined:
 * `incomplete` with the invoice left open.
 */
export function createSubscription(
  core: Core,
  customer: Stripe.Customer,
  items: NewItem[],
  metadata: Record<string, string>,
  description: string | null = null,
  method: PaymentMethodKind = "card",
  defaultPaymentMethod: string | null = null,
): Stripe.Subscription {
  if (items.length === 0) throw invalidRequest("Missing required param: items.", "items", "parameter_missing");
  assertCompatible(
    items.map((i) => i.price),
    "items",
  );
  const now = core.now();
  const { interval, count } = recurringOf(items[0].price, "items");
  const period = { start: now, end: boundary(now, interval, count, 1) };
  const id = newId("sub");
  const subItems = items.map((i) => buildSubscriptionItem(id, i.price, i.quantity, period, now, i.metadata));
  const sub = core.store.subscriptions.insert(
    buildSubscription({
      id,
      customer: customer.id,
      currency: items[0].price.currency,
      anchor: now,
      items: subItems,
      metadata,
      description,
      now,
    }),
  );
  sub.default_payment_method = defaultPaymentMethod;
  const invoice = draftInvoice(core, {
    customer,
    currency: sub.currency,
    billingReason: "subscription_create",
    subscription: sub,
    periodStart: now,
    periodEnd: now,
  });
  addRecurringLines(core, invoice, sub, period);
  pullPendingItems(core, invoice, sub.id, true);
  sub.latest_invoice = invoice.id;
  core.emit("customer.subscription.created", sub);
  issueForSubscription(core, sub, invoice, method);
  return sub;
}

/** Issues a subscription's invoice and moves the subscription's status with the outcome. */
export function issueForSubscription(
  core: Core,
  sub: Stripe.Subscription,
  invoice: Stripe.Invoice,
  method: PaymentMethodKind = "card",
): boolean {
  sub.latest_invoice = invoice.id;
  const before = snapshot(sub);
  const paid = issue(core, invoice, method);
  settleStatus(core, sub, paid, before);
  return paid;
}

export function settleStatus(core: Core, sub: Stripe.Subscription, paid: boolean, before: Stripe.Subscription = snapshot(sub)): void {
  if (paid) {
    const stillOpen = core.store.invoices.all().some((i) => subscriptionIdOf(i) === sub.id && i.status === "open");
    if (!stillOpen && ["incomplete", "past_due", "unpaid"].includes(sub.status)) sub.status = "active";
  } else if (sub.status === "active") {
    sub.status = "past_due";
  }
  const prev = previousAttributes(before, sub);
  if (Object.keys(prev).length > 0) core.emit("customer.subscription.updated", sub, prev);
}

/** Starts the next period at `at` (its end): bills pending prorations and the new period. */
export function renew(core: Core, sub: Stripe.Subscription, at: number): void {
  const before = snapshot(sub);
  const old = currentPeriod(sub);
  const { interval, count } = recurringOf(sub.items.data[0].price, "items");
  const next = periodContaining(sub.billing_cycle_anchor, interval, count, at);
  for (const item of sub.items.data) {
    item.current_period_start = next.start;
    item.current_period_end = next.end;
  }
  const invoice = draftInvoice(core, {
    customer: core.store.customers.find(sub.customer as string, "customer"),
    currency: sub.currency,
    billingReason: "subscription_cycle",
    subscription: sub,
    periodStart: old.start,
    periodEnd: old.end,
  });
  pullPendingItems(core, invoice, sub.id, true);
  addRecurringLines(core, invoice, sub, next);
  sub.latest_invoice = invoice.id;
  core.emit("customer.subscription.updated", sub, previousAttributes(before, sub));
  issueForSubscription(core, sub, invoice);
}

/** Bills what is still pending for the subscription (prorations), if anything. */
export function invoicePending(core: Core, sub: Stripe.Subscription, reason: Stripe.Invoice.BillingReason): Stripe.Invoice | null {
  const now = core.now();
  const invoice = draftInvoice(core, {
    customer: core.store.customers.find(sub.customer as string, "customer"),
    currency: sub.currency,
    billingReason: reason,
    subscription: sub,
    periodStart: now,
    periodEnd: now,
  });
  if (pullPendingItems(core, invoice, sub.id) === 0) {
    core.store.invoices.delete(invoice.id);
    return null;
  }
  issueForSubscription(core, sub, invoice);
  return invoice;
}

export interface CancelOptions {
  reason: Stripe.Subscription.CancellationDetails.Reason;
  prorate?: boolean;
  invoiceNow?: boolean;
}

/** Ends the subscription now. */
export function cancelNow(core: Core, sub: Stripe.Subscription, opts: CancelOptions): void {
  if (sub.status === "canceled") {
    throw notFound("subscription", sub.id);
  }
  const now = core.now();
  if (opts.prorate) {
    const period = currentPeriod(sub);
    for (const item of sub.items.data) {
      const qty = item.quantity ?? 1;
      createProrationItem(core, sub, item.price, qty, period, now, -1, unusedTimeLine(core.store, item.price, qty, now), item.id);
    }
  }
  if (opts.invoiceNow) invoicePending(core, sub, "subscription_update");
  sub.status = "canceled";
  sub.ended_at = now;
  sub.canceled_at = sub.canceled_at ?? now;
  sub.cancellation_details = {
    ...(sub.cancellation_details ?? { comment: null, feedback: null, feedback_option: null }),
    reason: opts.reason,
  };
  if (sub.schedule) {
    const schedule = core.store.schedules.get(sub.schedule as string);
    if (schedule && (schedule.status === "active" || schedule.status === "not_started")) {
      schedule.status = "canceled";
      schedule.canceled_at = now;
      schedule.current_phase = null;
      core.emit("subscription_schedule.canceled", schedule);
    }
  }
  core.emit("customer.subscription.deleted", sub);
}

/** `cancel_at_period_end`: the subscription ends when its period does, after billing what is pending. */
export function setCancelAtPeriodEnd(sub: Stripe.Subscription, cancel: boolean, now: number): void {
  sub.cancel_at_period_end = cancel;
  sub.cancel_at = cancel ? currentPeriod(sub).end : null;
  sub.canceled_at = cancel ? now : null;
  const details = sub.cancellation_details ?? { comment: null, feedback: null, feedback_option: null, reason: null };
  sub.cancellation_details = { ...details, reason: cancel ? "cancellation_requested" : null };
}
