import type Stripe from "stripe";
import { createRefund, type RefundParams } from "../billing/payments";
import { type ListParams, paginate } from "../list";
import { LIST_FIELDS, mergeMetadata, s } from "../params";
import { input, type Route } from "../routes";

type Metadata = Record<string, string | null> | null;

export const refundAndChargeRoutes: Route[] = [
  {
    method: "POST",
    path: "/v1/refunds",
    fields: {
      payment_intent: s.str(),
      charge: s.str(),
      amount: s.int({ min: 1 }),
      reason: s.enum(["duplicate", "fraudulent", "requested_by_customer"]),
      metadata: s.meta(),
      // Accepted and ignored: there are no Connect transfers or application fees here.
      refund_application_fee: s.ignored(),
      reverse_transfer: s.ignored(),
    },
    handler: (ctx) => {
      const p = input<Omit<RefundParams, "metadata"> & { metadata?: Metadata }>(ctx);
      return createRefund(ctx.core, { ...p, metadata: mergeMetadata({}, p.metadata) });
    },
  },
  {
    method: "GET",
    path: "/v1/refunds",
    fields: { ...LIST_FIELDS, charge: s.str(), payment_intent: s.str() },
    handler: (ctx) => {
      const p = input<ListParams & { charge?: string; payment_intent?: string }>(ctx);
      const rows = ctx.core.store.refunds.newestFirst(
        (r) =>
          (p.charge === undefined || r.charge === p.charge) && (p.payment_intent === undefined || r.payment_intent === p.payment_intent),
      );
      return paginate(rows, p, "/v1/refunds");
    },
  },
  { method: "GET", path: "/v1/refunds/:id", fields: {}, handler: (ctx) => ctx.core.store.refunds.find(ctx.params.id) },
  {
    method: "POST",
    path: "/v1/refunds/:id",
    fields: { metadata: s.meta() },
    handler: (ctx): Stripe.Refund => {
      const refund = ctx.core.store.refunds.find(ctx.params.id);
      refund.metadata = mergeMetadata(refund.metadata ?? {}, input<{ metadata?: Metadata }>(ctx).metadata);
      return refund;
    },
  },
  {
    method: "GET",
    path: "/v1/charges",
    fields: { ...LIST_FIELDS, customer: s.str(), payment_intent: s.str() },
    handler: (ctx) => {
      const p = input<ListParams & { customer?: string; payment_intent?: string }>(ctx);
      const rows = ctx.core.store.charges.newestFirst(
        (c) =>
          (p.customer === undefined || c.customer === p.customer) &&
          (p.payment_intent === undefined || c.payment_intent === p.payment_intent),
      );
      return paginate(rows, p, "/v1/charges");
    },
  },
  { method: "GET", path: "/v1/charges/:id", fields: {}, handler: (ctx) => ctx.core.store.charges.find(ctx.params.id) },
];
