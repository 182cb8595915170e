import type Stripe from "stripe";
import type { Core } from "../core";
import { invalidRequest } from "../errors";
import { type ListParams, paginate } from "../list";
import { LIST_FIELDS, s } from "../params";
import { input, type Route } from "../routes";

function findPaymentMethod(core: Core, id: string): Stripe.PaymentMethod {
  return core.store.paymentMethods.find(id);
}

/**
 * Cards saved by the hosted page (a subscription's payment, or setup mode). They are read,
 * listed and detached here; made the default through the customer (`invoice_settings`) or
 * the subscription (`default_payment_method`).
 */
export const paymentMethodRoutes: Route[] = [
  {
    method: "GET",
    path: "/v1/payment_methods/:id",
    fields: {},
    handler: (ctx) => findPaymentMethod(ctx.core, ctx.params.id),
  },
  {
    method: "GET",
    path: "/v1/payment_methods",
    fields: { ...LIST_FIELDS, customer: s.str(), type: s.str() },
    handler: (ctx) => {
      const p = input<ListParams & { customer?: string; type?: string }>(ctx);
      if (p.customer === undefined) throw invalidRequest("Missing required param: customer.", "customer", "parameter_missing");
      const rows = ctx.core.store.paymentMethods.newestFirst(
        (pm) => pm.customer === p.customer && (p.type === undefined || pm.type === p.type),
      );
      return paginate(rows, p, "/v1/payment_methods");
    },
  },
  {
    method: "GET",
    path: "/v1/customers/:id/payment_methods",
    fields: { ...LIST_FIELDS, type: s.str() },
    handler: (ctx) => {
      const customer = ctx.core.store.customers.find(ctx.params.id);
      const p = input<ListParams & { type?: string }>(ctx);
      const rows = ctx.core.store.paymentMethods.newestFirst(
        (pm) => pm.customer === customer.id && (p.type === undefined || pm.type === p.type),
      );
      return paginate(rows, p, `/v1/customers/${customer.id}/payment_methods`);
    },
  },
  {
    method: "POST",
    path: "/v1/payment_methods/:id/detach",
    fields: {},
    handler: (ctx) => {
      const pm = findPaymentMethod(ctx.core, ctx.params.id);
      if (!pm.customer)
        throw invalidRequest(`The payment method ${pm.id} is not attached to a customer.`, undefined, "payment_method_unexpected_state");
      const customer = ctx.core.store.customers.get(String(pm.customer));
      if (customer?.invoice_settings.default_payment_method === pm.id) customer.invoice_settings.default_payment_method = null;
      for (const sub of ctx.core.store.subscriptions.all()) if (sub.default_payment_method === pm.id) sub.default_payment_method = null;
      pm.customer = null;
      ctx.core.emit("payment_method.detached", pm);
      return pm;
    },
  },
  {
    method: "GET",
    path: "/v1/setup_intents/:id",
    fields: {},
    handler: (ctx) => ctx.core.store.setupIntents.find(ctx.params.id),
  },
];
