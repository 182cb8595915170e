import type Stripe from "stripe";
import { type Core, previousAttributes, snapshot } from "../core";
import { invalidRequest } from "../errors";
import { buildPhase, buildSchedule } from "../objects/schedule";
import { buildSubscriptionItem } from "../objects/subscription";
import { changeItems, type ItemChange, type ProrationBehavior } from "./changes";
import { unusedTimeLine } from "./descriptions";
import { addRecurringLines, draftInvoice, pullPendingItems } from "./invoicing";
import { boundary, type Interval } from "./periods";
import { createProrationItem } from "./proration-items";
import { cancelNow, currentPeriod, issueForSubscription, recurringOf } from "./subscriptions";

/**
 * Subscription schedules, the way a Team → Pro downgrade is done in Stripe: the schedule
 * is made from the subscription (one phase: the current period, current items), then given
 * a second phase with the new items starting when the current period ends. At that moment
 * the subscription's items are swapped; releasing the schedule before then cancels it.
 */
export function scheduleFromSubscription(core: Core, sub: Stripe.Subscription): Stripe.SubscriptionSchedule {
  if (sub.status === "canceled") throw invalidRequest("You cannot attach a schedule to a canceled subscription.", "from_subscription");
  if (sub.schedule) {
    throw invalidRequest(
      `You cannot migrate a subscription that is already attached to a schedule: \`${sub.schedule}\`.`,
      "from_subscription",
    );
  }
  const period = currentPeriod(sub);
  const phase = buildPhase({
    items: sub.items.data.map((i) => ({ price: i.price.id, quantity: i.quantity ?? 1 })),
    start: period.start,
    end: period.end,
    currency: sub.currency,
    prorationBehavior: "create_prorations",
  });
  const before = snapshot(sub);
  const schedule = core.store.schedules.insert(buildSchedule(sub, [phase], core.now()));
  sub.schedule = schedule.id;
  core.emit("subscription_schedule.created", schedule);
  core.emit("customer.subscription.updated", sub, previousAttributes(before, sub));
  return schedule;
}

export interface PhaseParams {
  items: { price?: string; quantity?: number }[];
  start_date?: number | "now";
  end_date?: number | "now";
  duration?: { interval: Interval; interval_count?: number };
  proration_behavior?: ProrationBehavior;
  metadata?: Record<string, string | null> | null;
}

function assertOpen(schedule: Stripe.SubscriptionSchedule): void {
  if (schedule.status !== "active" && schedule.status !== "not_started") {
    throw invalidRequest(
      `You cannot update a subscription schedule that is currently in the \`${schedule.status}\` status. It must be in one of the following statuses: \`not_started\`, \`active\`.`,
    );
  }
}

/** Replaces the phases. The first must be the current one; a change to its items applies now. */
export function setPhases(
  core: Core,
  schedule: Stripe.SubscriptionSchedule,
  phases: PhaseParams[],
  defaultProration: ProrationBehavior,
): void {
  assertOpen(schedule);
  const sub = core.store.subscriptions.find(schedule.subscription as string, "subscription");
  const current = schedule.current_phase ?? {
    start_date: schedule.phases[0].start_date,
    end_date: schedule.phases[0].end_date,
  };
  const now = core.now();
  if (phases.length === 0) throw invalidRequest("Missing required param: phases.", "phases", "parameter_missing");
  const built: Stripe.SubscriptionSchedule.Phase[] = [];
  let start = current.start_date;
  phases.forEach((phase, i) => {
    const at = `phases[${i}]`;
    const givenStart = phase.start_date === "now" ? now : phase.start_date;
    if (i === 0 && givenStart !== undefined && givenStart !== current.start_date) {
      throw invalidRequest("You can not modify the start date of the current phase.", `${at}[start_date]`);
    }
    if (i > 0 && givenStart !== undefined && givenStart !== start) {
      throw invalidRequest("Each phase must start when the previous one ends.", `${at}[start_date]`);
    }
    if (phase.items.length === 0) throw invalidRequest(`Missing required param: ${at}[items].`, `${at}[items]`, "parameter_missing");
    const items = phase.items.map((item, j) => {
      if (!item.price)
        throw invalidRequest(`Missing required param: ${at}[items][${j}][price].`, `${at}[items][${j}][price]`, "parameter_missing");
      const price = core.store.prices.find(item.price, `${at}[items][${j}][price]`);
      recurringOf(price, `${at}[items][${j}][price]`);
      return { price: price.id, quantity: item.quantity ?? 1 };
    });
    const end = phaseEnd(core, phase, start, items[0].price, i === phases.length - 1, at, now);
    if (end <= start) throw invalidRequest("A phase must end after it starts.", `${at}[end_date]`);
    const metadata = Object.fromEntries(Object.entries(phase.metadata ?? {}).filter((e): e is [string, string] => e[1] !== null));
    built.push(
      buildPhase({
        items,
        start,
        end,
        currency: sub.currency,
        prorationBehavior: phase.proration_behavior ?? defaultProration,
        metadata,
      }),
    );
    start = end;
  });
  schedule.phases = built;
  schedule.current_phase = { start_date: built[0].start_date, end_date: built[0].end_date };
  applyPhaseItems(core, sub, built[0], built[0].proration_behavior as ProrationBehavior, true);
}

function phaseEnd(core: Core, phase: PhaseParams, start: number, firstPrice: string, last: boolean, at: string, now: number): number {
  if (phase.end_date !== undefined) return phase.end_date === "now" ? now : phase.end_date;
  if (phase.duration) return boundary(start, phase.duration.interval, phase.duration.interval_count ?? 1, 1);
  if (!last)
    throw invalidRequest(
      `Missing required param: ${at}[end_date]. Every phase but the last needs an end_date or a duration.`,
      `${at}[end_date]`,
      "parameter_missing",
    );
  // The last phase defaults to one billing interval of its first price.
  const { interval, count } = recurringOf(core.store.prices.find(firstPrice), at);
  return boundary(start, interval, count, 1);
}

/** Makes the subscription's items those of the phase (matched by price). */
function applyPhaseItems(
  core: Core,
  sub: Stripe.Subscription,
  phase: Stripe.SubscriptionSchedule.Phase,
  behavior: ProrationBehavior,
  emit: boolean,
): void {
  const before = snapshot(sub);
  const wanted = phase.items.map((i) => ({ price: i.price as string, quantity: i.quantity ?? 1 }));
  const changes: ItemChange[] = [];
  for (const item of sub.items.data) {
    const match = wanted.find((w) => w.price === item.price.id);
    if (!match) changes.push({ id: item.id, deleted: true });
    else if (match.quantity !== item.quantity) changes.push({ id: item.id, quantity: match.quantity });
  }
  for (const w of wanted) {
    if (!sub.items.data.some((i) => i.price.id === w.price)) changes.push({ price: w.price, quantity: w.quantity });
  }
  if (changes.length === 0) return;
  const newInterval = recurringOf(core.store.prices.find(wanted[0].price), "phases");
  const oldInterval = recurringOf(sub.items.data[0].price, "items");
  if (newInterval.interval === oldInterval.interval && newInterval.count === oldInterval.count) {
    changeItems(core, sub, changes, behavior, undefined, "phases");
  } else {
    switchInterval(core, sub, wanted, behavior);
  }
  if (emit) core.emit("customer.subscription.updated", sub, previousAttributes(before, sub));
}

/** New items on another interval: the billing cycle restarts now and the new period is billed at once. */
function switchInterval(
  core: Core,
  sub: Stripe.Subscription,
  wanted: { price: string; quantity: number }[],
  behavior: ProrationBehavior,
): void {
  const now = core.now();
  const old = currentPeriod(sub);
  if (behavior !== "none") {
    for (const item of sub.items.data) {
      const qty = item.quantity ?? 1;
      createProrationItem(core, sub, item.price, qty, old, now, -1, unusedTimeLine(core.store, item.price, qty, now), item.id);
    }
  }
  const first = core.store.prices.find(wanted[0].price);
  const { interval, count } = recurringOf(first, "phases");
  const period = { start: now, end: boundary(now, interval, count, 1) };
  sub.billing_cycle_anchor = now;
  sub.items.data = wanted.map((w) => buildSubscriptionItem(sub.id, core.store.prices.find(w.price), w.quantity, period, now));
  const invoice = draftInvoice(core, {
    customer: core.store.customers.find(sub.customer as string, "customer"),
    currency: sub.currency,
    billingReason: "subscription_update",
    subscription: sub,
    periodStart: now,
    periodEnd: now,
  });
  pullPendingItems(core, invoice, sub.id);
  addRecurringLines(core, invoice, sub, period);
  issueForSubscription(core, sub, invoice);
}

/** Called by the clock at the end of the current phase: starts the next one, or ends the schedule. */
export function advanceSchedule(core: Core, schedule: Stripe.SubscriptionSchedule): void {
  const sub = core.store.subscriptions.find(schedule.subscription as string, "subscription");
  const end = schedule.current_phase?.end_date ?? 0;
  const next = schedule.phases.find((p) => p.start_date === end);
  if (next) {
    schedule.current_phase = { start_date: next.start_date, end_date: next.end_date };
    applyPhaseItems(core, sub, next, next.proration_behavior as ProrationBehavior, true);
    core.emit("subscription_schedule.updated", schedule);
    return;
  }
  if (schedule.end_behavior === "cancel") {
    sub.schedule = null;
    cancelNow(core, sub, { reason: "cancellation_requested" });
    schedule.status = "completed";
    schedule.completed_at = core.now();
    schedule.current_phase = null;
    core.emit("subscription_schedule.completed", schedule);
    return;
  }
  release(core, schedule);
}

/** Detaches the schedule; the subscription goes on as it is. */
export function release(core: Core, schedule: Stripe.SubscriptionSchedule): void {
  assertOpen(schedule);
  const sub = core.store.subscriptions.get(schedule.subscription as string);
  schedule.status = "released";
  schedule.released_at = core.now();
  schedule.released_subscription = sub?.id ?? null;
  schedule.subscription = null;
  schedule.current_phase = null;
  core.emit("subscription_schedule.released", schedule);
  if (sub) {
    const before = snapshot(sub);
    sub.schedule = null;
    core.emit("customer.subscription.updated", sub, previousAttributes(before, sub));
  }
}

/** Cancels the schedule and its subscription now (Stripe's defaults: prorate, invoice now). */
export function cancelSchedule(core: Core, schedule: Stripe.SubscriptionSchedule, prorate: boolean, invoiceNow: boolean): void {
  assertOpen(schedule);
  const sub = core.store.subscriptions.find(schedule.subscription as string, "subscription");
  cancelNow(core, sub, { reason: "cancellation_requested", prorate, invoiceNow });
}

/** After a direct change to a scheduled subscription's items, its current phase follows them. */
export function syncCurrentPhase(core: Core, sub: Stripe.Subscription): void {
  const schedule = sub.schedule ? core.store.schedules.get(sub.schedule as string) : undefined;
  if (!schedule?.current_phase) return;
  const phase = schedule.phases.find((p) => p.start_date === schedule.current_phase?.start_date);
  if (!phase) return;
  const template = phase.items[0];
  phase.items = sub.items.data.map((i) => ({
    ...template,
    metadata: {},
    plan: i.price.id,
    price: i.price.id,
    quantity: i.quantity ?? 1,
  }));
  core.emit("subscription_schedule.updated", schedule);
}
