import type Stripe from "stripe";
import { changeItems, type ItemChange, type ProrationBehavior } from "../billing/changes";
import { syncCurrentPhase } from "../billing/schedules";
import { customersPaymentMethod } from "../billing/setup";
import { cancelNow, createSubscription, setCancelAtPeriodEnd } from "../billing/subscriptions";
import { type Core, previousAttributes, snapshot } from "../core";
import { cardDeclined, invalidRequest } from "../errors";
import { type ListParams, paginate } from "../list";
import { LIST_FIELDS, mergeMetadata, s } from "../params";
import { input, type Route } from "../routes";

type Metadata = Record<string, string | null> | null;

export const PRORATION = ["create_prorations", "always_invoice", "none"] as const;

interface UpdateParams {
  items?: ItemChange[];
  proration_behavior?: ProrationBehavior;
  proration_date?: number;
  cancel_at_period_end?: boolean;
  cancel_at?: number | null;
  metadata?: Metadata;
  description?: string | null;
  cancellation_details?: { comment?: string | null; feedback?: string | null };
  default_payment_method?: string | null;
}

const itemFields = s.obj({
  id: s.str(),
  price: s.str(),
  quantity: s.int({ min: 0 }),
  deleted: s.bool(),
  metadata: s.meta(),
});
const cancellationFields = s.obj({ comment: s.str({ emptyable: true }), feedback: s.str({ emptyable: true }) });

export function findSubscription(core: Core, id: string, param = "id"): Stripe.Subscription {
  return core.store.subscriptions.find(id, param);
}

/** Item changes with prorations, cancellation at period end, metadata: one `customer.subscription.updated`. */
export function updateSubscription(core: Core, sub: Stripe.Subscription, p: UpdateParams): Stripe.Subscription {
  const touchesCancel = p.cancel_at_period_end !== undefined || p.cancel_at !== undefined;
  if (sub.status === "canceled" && (p.items || touchesCancel || p.proration_behavior || p.description !== undefined)) {
    throw invalidRequest("A canceled subscription can only update its cancellation_details and metadata.");
  }
  if (sub.schedule && touchesCancel) {
    throw invalidRequest(
      `The subscription is managed by the subscription schedule \`${sub.schedule}\`, and updating any cancelation behavior directly is not allowed. Please update the schedule instead.`,
    );
  }
  if (p.default_payment_method) customersPaymentMethod(core, sub.customer as string, p.default_payment_method, "default_payment_method");
  const before = snapshot(sub);
  if (p.default_payment_method !== undefined) sub.default_payment_method = p.default_payment_method;
  if (p.items) {
    changeItems(core, sub, p.items, p.proration_behavior ?? "create_prorations", p.proration_date);
    syncCurrentPhase(core, sub);
  }
  if (p.cancel_at_period_end !== undefined) setCancelAtPeriodEnd(sub, p.cancel_at_period_end, core.now());
  if (p.cancel_at !== undefined) {
    if (p.cancel_at !== null && p.cancel_at <= core.now()) throw invalidRequest("cancel_at must be in the future.", "cancel_at");
    sub.cancel_at = p.cancel_at;
    sub.cancel_at_period_end = false;
    sub.canceled_at = p.cancel_at === null ? null : core.now();
  }
  if (p.description !== undefined) sub.description = p.description;
  if (p.cancellation_details && sub.cancellation_details) {
    const d = p.cancellation_details;
    if (d.comment !== undefined) sub.cancellation_details.comment = d.comment;
    if (d.feedback !== undefined) sub.cancellation_details.feedback = d.feedback;
  }
  sub.metadata = mergeMetadata(sub.metadata, p.metadata);
  const prev = previousAttributes(before, sub);
  if (Object.keys(prev).length > 0) core.emit("customer.subscription.updated", sub, prev);
  return sub;
}

export const subscriptionRoutes: Route[] = [
  {
    method: "POST",
    path: "/v1/subscriptions",
    fields: {
      customer: s.req(s.str()),
      items: s.req(s.arr(s.obj({ price: s.req(s.str()), quantity: s.int({ min: 1 }), metadata: s.meta() }))),
      metadata: s.meta(),
      description: s.str(),
      payment_behavior: s.enum(["allow_incomplete", "error_if_incomplete"]),
      proration_behavior: s.ignored(),
    },
    handler: (ctx) => {
      const p = input<{
        customer: string;
        items: { price: string; quantity?: number; metadata?: Metadata }[];
        metadata?: Metadata;
        description?: string;
        payment_behavior?: string;
      }>(ctx);
      const customer = ctx.core.store.customers.find(p.customer, "customer");
      if (p.payment_behavior === "error_if_incomplete" && ctx.core.store.decliningCustomers.has(customer.id)) throw cardDeclined();
      const items = p.items.map((item, i) => ({
        price: ctx.core.store.prices.find(item.price, `items[${i}][price]`),
        quantity: item.quantity ?? 1,
        metadata: mergeMetadata({}, item.metadata),
      }));
      return createSubscription(ctx.core, customer, items, mergeMetadata({}, p.metadata), p.description ?? null);
    },
  },
  {
    method: "GET",
    path: "/v1/subscriptions/:id",
    fields: {},
    handler: (ctx) => findSubscription(ctx.core, ctx.params.id),
  },
  {
    method: "GET",
    path: "/v1/subscriptions",
    fields: {
      ...LIST_FIELDS,
      customer: s.str(),
      price: s.str(),
      status: s.enum(["active", "all", "canceled", "ended", "incomplete", "past_due", "trialing", "unpaid"]),
    },
    handler: (ctx) => {
      const p = input<ListParams & { customer?: string; price?: string; status?: string }>(ctx);
      const statusOk = (status: string) =>
        p.status === "all" ||
        (p.status === undefined
          ? status !== "canceled" && status !== "incomplete_expired"
          : p.status === "ended"
            ? status === "canceled"
            : status === p.status);
      const rows = ctx.core.store.subscriptions.newestFirst(
        (x) =>
          statusOk(x.status) &&
          (p.customer === undefined || x.customer === p.customer) &&
          (p.price === undefined || x.items.data.some((i) => i.price.id === p.price)),
      );
      return paginate(rows, p, "/v1/subscriptions");
    },
  },
  {
    method: "POST",
    path: "/v1/subscriptions/:id",
    fields: {
      items: s.arr(itemFields),
      proration_behavior: s.enum(PRORATION),
      proration_date: s.ts(),
      cancel_at_period_end: s.bool(),
      cancel_at: s.ts({ emptyable: true }),
      metadata: s.meta(),
      description: s.str({ emptyable: true }),
      cancellation_details: cancellationFields,
      default_payment_method: s.str({ emptyable: true }),
      payment_behavior: s.ignored(),
    },
    handler: (ctx) => updateSubscription(ctx.core, findSubscription(ctx.core, ctx.params.id), input<UpdateParams>(ctx)),
  },
  {
    method: "DELETE",
    path: "/v1/subscriptions/:id",
    fields: { invoice_now: s.bool(), prorate: s.bool(), cancellation_details: cancellationFields },
    handler: (ctx) => {
      const sub = findSubscription(ctx.core, ctx.params.id);
      const p = input<{
        invoice_now?: boolean;
        prorate?: boolean;
        cancellation_details?: { comment?: string | null; feedback?: string | null };
      }>(ctx);
      if (p.cancellation_details && sub.cancellation_details) {
        sub.cancellation_details.comment = p.cancellation_details.comment ?? sub.cancellation_details.comment;
      }
      cancelNow(ctx.core, sub, { reason: "cancellation_requested", prorate: p.prorate, invoiceNow: p.invoice_now });
      return sub;
    },
  },
];
