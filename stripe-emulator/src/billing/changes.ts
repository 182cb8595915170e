import type Stripe from "stripe";
import type { Core } from "../core";
import { invalidRequest, notFound } from "../errors";
import { planOf } from "../objects/catalog";
import { buildSubscriptionItem } from "../objects/subscription";
import { mergeMetadata } from "../params";
import { remainingTimeLine, unusedTimeLine } from "./descriptions";
import { createProrationItem, type ProrationSink, storeProrations } from "./proration-items";
import { assertCompatible, currentPeriod, invoicePending } from "./subscriptions";

export type ProrationBehavior = "create_prorations" | "always_invoice" | "none";

export interface ItemChange {
  id?: string;
  price?: string;
  quantity?: number;
  deleted?: boolean;
  metadata?: Record<string, string | null> | null;
}

type Planned =
  | { kind: "delete"; item: Stripe.SubscriptionItem }
  | { kind: "update"; item: Stripe.SubscriptionItem; price: Stripe.Price; quantity: number; change: ItemChange }
  | { kind: "add"; price: Stripe.Price; quantity: number; change: ItemChange };

/**
 * Applies item changes (quantity, price, added or deleted items) the way Stripe does:
 * with `create_prorations` a credit for the old item and a debit for the new one are left
 * pending for the next invoice; `always_invoice` bills them at once; `none` skips them.
 * Everything is checked before anything changes. Returns the invoice `always_invoice` made.
 */
export function changeItems(
  core: Core,
  sub: Stripe.Subscription,
  changes: ItemChange[],
  behavior: ProrationBehavior,
  prorationDate: number | undefined,
  param = "items",
  sink: ProrationSink = storeProrations(core),
): Stripe.Invoice | null {
  const period = currentPeriod(sub);
  const p = prorationDate ?? core.now();
  if (p < period.start || p > period.end) {
    throw invalidRequest("The proration_date must be within the subscription's current billing period.", "proration_date");
  }
  const plan = planChanges(core, sub, changes, param);
  const prorate = behavior !== "none" && p < period.end;
  const prorateItem = (item: Stripe.SubscriptionItem, sign: 1 | -1) => {
    if (!prorate) return;
    const qty = item.quantity ?? 1;
    const text = sign < 0 ? unusedTimeLine(core.store, item.price, qty, p) : remainingTimeLine(core.store, item.price, qty, p);
    createProrationItem(core, sub, item.price, qty, period, p, sign, text, item.id, sink);
  };
  for (const step of plan) {
    if (step.kind === "delete") {
      prorateItem(step.item, -1);
      sub.items.data = sub.items.data.filter((x) => x !== step.item);
    } else if (step.kind === "update") {
      const { item, price, quantity } = step;
      if (price.id !== item.price.id || quantity !== item.quantity) {
        prorateItem(item, -1);
        item.price = price;
        item.plan = planOf(price);
        item.quantity = quantity;
        prorateItem(item, 1);
      }
      item.metadata = mergeMetadata(item.metadata, step.change.metadata);
    } else {
      const metadata = mergeMetadata({}, step.change.metadata);
      const item = buildSubscriptionItem(sub.id, step.price, step.quantity, period, core.now(), metadata);
      sub.items.data.push(item);
      prorateItem(item, 1);
    }
  }
  return behavior === "always_invoice" ? invoicePending(core, sub, "subscription_update") : null;
}

function planChanges(core: Core, sub: Stripe.Subscription, changes: ItemChange[], param: string): Planned[] {
  const plan: Planned[] = [];
  const remaining = new Map(sub.items.data.map((item) => [item.id, item.price]));
  const added: Stripe.Price[] = [];
  changes.forEach((change, i) => {
    const at = `${param}[${i}]`;
    const price = change.price ? core.store.prices.find(change.price, `${at}[price]`) : undefined;
    if (change.id) {
      const item = sub.items.data.find((x) => x.id === change.id);
      if (!item) throw notFound("subscription item", change.id, `${at}[id]`);
      if (change.deleted) {
        remaining.delete(item.id);
        plan.push({ kind: "delete", item });
      } else {
        remaining.set(item.id, price ?? item.price);
        plan.push({
          kind: "update",
          item,
          price: price ?? item.price,
          quantity: change.quantity ?? item.quantity ?? 1,
          change,
        });
      }
      return;
    }
    if (!price) throw invalidRequest(`Missing required param: ${at}[price].`, `${at}[price]`, "parameter_missing");
    added.push(price);
    plan.push({ kind: "add", price, quantity: change.quantity ?? 1, change });
  });
  const result = [...remaining.values(), ...added];
  if (result.length === 0) {
    throw invalidRequest("A subscription must have at least one item. To end it, cancel the subscription instead.", param);
  }
  const ids = result.map((p) => p.id);
  const duplicate = ids.find((id, i) => ids.indexOf(id) !== i);
  if (duplicate) {
    throw invalidRequest(
      `Cannot add multiple subscription items with the same price: ${duplicate}. Update the quantity of the existing item instead.`,
      param,
    );
  }
  assertCompatible(result, param);
  return plan;
}
