import type Stripe from "stripe";
import { attemptPayment, draftInvoice, finalize, pullPendingItems, voidInvoice } from "../billing/invoicing";
import { type PreviewParams, previewInvoice } from "../billing/preview";
import { settleStatus, subscriptionIdOf } from "../billing/subscriptions";
import { type Core, previousAttributes, snapshot } from "../core";
import { cardDeclined, invalidRequest } from "../errors";
import { type ListParams, paginate } from "../list";
import { LIST_FIELDS, mergeMetadata, s } from "../params";
import { input, type Route } from "../routes";
import { PRORATION } from "./subscriptions";

type Metadata = Record<string, string | null> | null;

function findInvoice(core: Core, id: string): Stripe.Invoice {
  return core.store.invoices.find(id);
}

function requireStatus(invoice: Stripe.Invoice, allowed: string[], action: string): void {
  if (!allowed.includes(invoice.status ?? "")) {
    throw invalidRequest(
      `You can only ${action} an invoice whose status is ${allowed.join(" or ")}; this one is ${invoice.status}.`,
      undefined,
      "invoice_not_editable",
    );
  }
}

export const invoiceRoutes: Route[] = [
  {
    method: "POST",
    path: "/v1/invoices/create_preview",
    fields: {
      customer: s.str(),
      subscription: s.str(),
      subscription_details: s.obj({
        items: s.arr(s.obj({ id: s.str(), price: s.str(), quantity: s.int({ min: 0 }), deleted: s.bool(), metadata: s.meta() })),
        proration_behavior: s.enum(PRORATION),
        proration_date: s.ts(),
      }),
    },
    handler: (ctx) => previewInvoice(ctx.core, input<PreviewParams>(ctx)),
  },
  {
    method: "GET",
    path: "/v1/invoices",
    fields: {
      ...LIST_FIELDS,
      customer: s.str(),
      subscription: s.str(),
      status: s.enum(["draft", "open", "paid", "uncollectible", "void"]),
    },
    handler: (ctx) => {
      const p = input<ListParams & { customer?: string; subscription?: string; status?: string }>(ctx);
      const rows = ctx.core.store.invoices.newestFirst(
        (x) =>
          (p.customer === undefined || x.customer === p.customer) &&
          (p.subscription === undefined || subscriptionIdOf(x) === p.subscription) &&
          (p.status === undefined || x.status === p.status),
      );
      return paginate(rows, p, "/v1/invoices");
    },
  },
  { method: "GET", path: "/v1/invoices/:id", fields: {}, handler: (ctx) => findInvoice(ctx.core, ctx.params.id) },
  {
    method: "GET",
    path: "/v1/invoices/:id/lines",
    fields: LIST_FIELDS,
    handler: (ctx) => {
      const invoice = findInvoice(ctx.core, ctx.params.id);
      return paginate([...invoice.lines.data], input<ListParams>(ctx), `/v1/invoices/${invoice.id}/lines`);
    },
  },
  {
    method: "POST",
    path: "/v1/invoices",
    fields: {
      customer: s.req(s.str()),
      description: s.str(),
      metadata: s.meta(),
      pending_invoice_items_behavior: s.enum(["include", "exclude"]),
      auto_advance: s.bool(),
      collection_method: s.enum(["charge_automatically"]),
    },
    handler: (ctx) => {
      const p = input<{
        customer: string;
        description?: string;
        metadata?: Metadata;
        pending_invoice_items_behavior?: string;
        auto_advance?: boolean;
      }>(ctx);
      const customer = ctx.core.store.customers.find(p.customer, "customer");
      const now = ctx.core.now();
      const invoice = draftInvoice(ctx.core, {
        customer,
        currency: customer.currency ?? "usd",
        billingReason: "manual",
        subscription: null,
        periodStart: now,
        periodEnd: now,
        metadata: mergeMetadata({}, p.metadata),
        description: p.description ?? null,
      });
      if (p.auto_advance !== undefined) invoice.auto_advance = p.auto_advance;
      if (p.pending_invoice_items_behavior === "include") pullPendingItems(ctx.core, invoice, null);
      ctx.core.emit("invoice.created", invoice);
      return invoice;
    },
  },
  {
    method: "POST",
    path: "/v1/invoices/:id",
    fields: { description: s.str({ emptyable: true }), metadata: s.meta() },
    handler: (ctx) => {
      const invoice = findInvoice(ctx.core, ctx.params.id);
      const p = input<{ description?: string | null; metadata?: Metadata }>(ctx);
      const before = snapshot(invoice);
      if (p.description !== undefined) {
        requireStatus(invoice, ["draft"], "change the description of");
        invoice.description = p.description;
      }
      invoice.metadata = mergeMetadata(invoice.metadata ?? {}, p.metadata);
      ctx.core.emit("invoice.updated", invoice, previousAttributes(before, invoice));
      return invoice;
    },
  },
  {
    method: "DELETE",
    path: "/v1/invoices/:id",
    fields: {},
    handler: (ctx) => {
      const invoice = findInvoice(ctx.core, ctx.params.id);
      requireStatus(invoice, ["draft"], "delete");
      for (const ii of ctx.core.store.invoiceItems.all()) if (ii.invoice === invoice.id) ii.invoice = null;
      ctx.core.store.invoices.delete(invoice.id);
      ctx.core.emit("invoice.deleted", invoice);
      return { id: invoice.id, object: "invoice", deleted: true } satisfies Stripe.DeletedInvoice;
    },
  },
  {
    method: "POST",
    path: "/v1/invoices/:id/finalize",
    fields: { auto_advance: s.bool() },
    handler: (ctx) => {
      const invoice = findInvoice(ctx.core, ctx.params.id);
      requireStatus(invoice, ["draft"], "finalize");
      finalize(ctx.core, invoice);
      return invoice;
    },
  },
  {
    method: "POST",
    path: "/v1/invoices/:id/pay",
    fields: { paid_out_of_band: s.bool(), forgive: s.ignored(), off_session: s.ignored() },
    handler: (ctx) => {
      const invoice = findInvoice(ctx.core, ctx.params.id);
      const p = input<{ paid_out_of_band?: boolean }>(ctx);
      if (invoice.status === "draft") finalize(ctx.core, invoice);
      requireStatus(invoice, ["open"], "pay");
      if (p.paid_out_of_band) {
        invoice.amount_paid_off_stripe = (invoice.amount_paid_off_stripe ?? 0) + invoice.amount_remaining;
        invoice.amount_remaining = 0;
        invoice.status = "paid";
        invoice.next_payment_attempt = null;
        invoice.status_transitions.paid_at = ctx.core.now();
        ctx.core.emit("invoice.paid", invoice);
      } else if (!attemptPayment(ctx.core, invoice)) {
        throw cardDeclined();
      }
      const subId = subscriptionIdOf(invoice);
      const sub = subId ? ctx.core.store.subscriptions.get(subId) : undefined;
      if (sub && sub.status !== "canceled") settleStatus(ctx.core, sub, true);
      return invoice;
    },
  },
  {
    method: "POST",
    path: "/v1/invoices/:id/void",
    fields: {},
    handler: (ctx) => {
      const invoice = findInvoice(ctx.core, ctx.params.id);
      requireStatus(invoice, ["open", "uncollectible"], "void");
      voidInvoice(ctx.core, invoice);
      return invoice;
    },
  },
  {
    method: "POST",
    path: "/v1/invoices/:id/mark_uncollectible",
    fields: {},
    handler: (ctx) => {
      const invoice = findInvoice(ctx.core, ctx.params.id);
      requireStatus(invoice, ["open"], "mark as uncollectible");
      invoice.status = "uncollectible";
      invoice.next_payment_attempt = null;
      invoice.status_transitions.marked_uncollectible_at = ctx.core.now();
      ctx.core.emit("invoice.marked_uncollectible", invoice);
      return invoice;
    },
  },
];
