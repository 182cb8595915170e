import type Stripe from "stripe";
import { changeItems, type ProrationBehavior } from "../billing/changes";
import { syncCurrentPhase } from "../billing/schedules";
import { type Core, previousAttributes, snapshot } from "../core";
import { invalidRequest, notFound } from "../errors";
import { type ListParams, paginate } from "../list";
import { LIST_FIELDS, s } from "../params";
import { input, type Route } from "../routes";
import { PRORATION } from "./subscriptions";

function findItem(core: Core, id: string): { subscription: Stripe.Subscription; item: Stripe.SubscriptionItem } {
  const found = core.store.subscriptionItem(id);
  if (!found) throw notFound("subscription item", id);
  return found;
}

/** One item changed through its own endpoint: the same prorations as through the subscription. */
function changeOne(
  core: Core,
  id: string,
  change: { quantity?: number; price?: string; deleted?: boolean; metadata?: Record<string, string | null> | null },
  behavior: ProrationBehavior | undefined,
  date: number | undefined,
) {
  const { subscription, item } = findItem(core, id);
  if (subscription.status === "canceled") throw invalidRequest("A canceled subscription's items cannot be changed.");
  const before = snapshot(subscription);
  changeItems(core, subscription, [{ id: item.id, ...change }], behavior ?? "create_prorations", date);
  syncCurrentPhase(core, subscription);
  core.emit("customer.subscription.updated", subscription, previousAttributes(before, subscription));
  return { subscription, item };
}

export const subscriptionItemRoutes: Route[] = [
  {
    method: "GET",
    path: "/v1/subscription_items/:id",
    fields: {},
    handler: (ctx) => findItem(ctx.core, ctx.params.id).item,
  },
  {
    method: "GET",
    path: "/v1/subscription_items",
    fields: { ...LIST_FIELDS, subscription: s.req(s.str()) },
    handler: (ctx) => {
      const p = input<ListParams & { subscription: string }>(ctx);
      const sub = ctx.core.store.subscriptions.find(p.subscription, "subscription");
      return paginate([...sub.items.data], p, `/v1/subscription_items?subscription=${sub.id}`);
    },
  },
  {
    method: "POST",
    path: "/v1/subscription_items/:id",
    fields: {
      quantity: s.int({ min: 0 }),
      price: s.str(),
      metadata: s.meta(),
      proration_behavior: s.enum(PRORATION),
      proration_date: s.ts(),
      payment_behavior: s.ignored(),
    },
    handler: (ctx) => {
      const p = input<{
        quantity?: number;
        price?: string;
        metadata?: Record<string, string | null> | null;
        proration_behavior?: ProrationBehavior;
        proration_date?: number;
      }>(ctx);
      return changeOne(
        ctx.core,
        ctx.params.id,
        { quantity: p.quantity, price: p.price, metadata: p.metadata },
        p.proration_behavior,
        p.proration_date,
      ).item;
    },
  },
  {
    method: "DELETE",
    path: "/v1/subscription_items/:id",
    fields: { proration_behavior: s.enum(PRORATION), proration_date: s.ts() },
    handler: (ctx) => {
      const p = input<{ proration_behavior?: ProrationBehavior; proration_date?: number }>(ctx);
      const { item } = changeOne(ctx.core, ctx.params.id, { deleted: true }, p.proration_behavior, p.proration_date);
      return { id: item.id, object: "subscription_item", deleted: true } satisfies Stripe.DeletedSubscriptionItem;
    },
  },
];
