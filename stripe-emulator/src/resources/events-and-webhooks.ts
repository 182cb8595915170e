import type Stripe from "stripe";
import { API_VERSION, type Core } from "../core";
import { randomToken, newId } from "../ids";
import { type ListParams, paginate } from "../list";
import { LIST_FIELDS, mergeMetadata, s } from "../params";
import { input, type Route } from "../routes";
import type { WebhookEndpointRow } from "../store";

export interface EndpointInput {
  url: string;
  enabledEvents: string[];
  secret?: string;
  description?: string | null;
  metadata?: Record<string, string>;
}

/** Registers an endpoint; its signing secret (`whsec_…`) is given back only now, as in Stripe. */
export function createWebhookEndpoint(core: Core, input: EndpointInput): WebhookEndpointRow {
  return core.store.webhookEndpoints.insert({
    id: newId("we"),
    object: "webhook_endpoint",
    api_version: API_VERSION,
    application: null,
    created: core.now(),
    description: input.description ?? null,
    enabled_events: input.enabledEvents,
    livemode: false,
    metadata: input.metadata ?? {},
    secret: input.secret ?? `whsec_${randomToken(32)}`,
    status: "enabled",
    url: input.url,
  } satisfies WebhookEndpointRow);
}

/** Every answer but the creation leaves the secret out. */
function withoutSecret(row: WebhookEndpointRow): Stripe.WebhookEndpoint {
  const { secret: _secret, ...rest } = row;
  return rest;
}

const endpointFields = {
  url: s.str(),
  enabled_events: s.arr(s.str()),
  description: s.str({ emptyable: true }),
  metadata: s.meta(),
};

export const eventAndWebhookRoutes: Route[] = [
  { method: "GET", path: "/v1/events/:id", fields: {}, handler: (ctx) => ctx.core.store.events.find(ctx.params.id) },
  {
    method: "GET",
    path: "/v1/events",
    fields: { ...LIST_FIELDS, type: s.str(), types: s.arr(s.str()), delivery_success: s.bool() },
    handler: (ctx) => {
      const p = input<ListParams & { type?: string; types?: string[]; delivery_success?: boolean }>(ctx);
      const typeOk = (t: string) => {
        if (p.types) return p.types.includes(t);
        if (p.type === undefined) return true;
        // `type` may end in a wildcard: `invoice.*`.
        return p.type.endsWith("*") ? t.startsWith(p.type.slice(0, -1)) : t === p.type;
      };
      const rows = ctx.core.store.events.newestFirst(
        (e) => typeOk(e.type) && (p.delivery_success === undefined || (e.pending_webhooks === 0) === p.delivery_success),
      );
      return paginate(rows, p, "/v1/events");
    },
  },
  {
    method: "POST",
    path: "/v1/webhook_endpoints",
    fields: {
      ...endpointFields,
      url: s.req(s.str()),
      enabled_events: s.req(s.arr(s.str())),
      api_version: s.str(),
      connect: s.ignored(),
    },
    handler: (ctx) => {
      const p = input<{
        url: string;
        enabled_events: string[];
        description?: string | null;
        metadata?: Record<string, string | null> | null;
      }>(ctx);
      return createWebhookEndpoint(ctx.core, {
        url: p.url,
        enabledEvents: p.enabled_events,
        description: p.description,
        metadata: mergeMetadata({}, p.metadata),
      });
    },
  },
  {
    method: "GET",
    path: "/v1/webhook_endpoints",
    fields: LIST_FIELDS,
    handler: (ctx) => {
      const list = paginate(ctx.core.store.webhookEndpoints.newestFirst(), input<ListParams>(ctx), "/v1/webhook_endpoints");
      return { ...list, data: list.data.map(withoutSecret) };
    },
  },
  {
    method: "GET",
    path: "/v1/webhook_endpoints/:id",
    fields: {},
    handler: (ctx) => withoutSecret(ctx.core.store.webhookEndpoints.find(ctx.params.id)),
  },
  {
    method: "POST",
    path: "/v1/webhook_endpoints/:id",
    fields: { ...endpointFields, disabled: s.bool() },
    handler: (ctx) => {
      const row = ctx.core.store.webhookEndpoints.find(ctx.params.id);
      const p = input<{
        url?: string;
        enabled_events?: string[];
        description?: string | null;
        metadata?: Record<string, string | null> | null;
        disabled?: boolean;
      }>(ctx);
      if (p.url !== undefined) row.url = p.url;
      if (p.enabled_events !== undefined) row.enabled_events = p.enabled_events;
      if (p.description !== undefined) row.description = p.description;
      if (p.disabled !== undefined) row.status = p.disabled ? "disabled" : "enabled";
      row.metadata = mergeMetadata(row.metadata, p.metadata);
      return withoutSecret(row);
    },
  },
  {
    method: "DELETE",
    path: "/v1/webhook_endpoints/:id",
    fields: {},
    handler: (ctx) => {
      const row = ctx.core.store.webhookEndpoints.find(ctx.params.id);
      ctx.core.store.webhookEndpoints.delete(row.id);
      return { id: row.id, object: "webhook_endpoint", deleted: true } satisfies Stripe.DeletedWebhookEndpoint;
    },
  },
  {
    method: "GET",
    path: "/v1/invoiceitems/:id",
    fields: {},
    handler: (ctx) => ctx.core.store.invoiceItems.find(ctx.params.id),
  },
  {
    method: "GET",
    path: "/v1/invoiceitems",
    fields: { ...LIST_FIELDS, customer: s.str(), pending: s.bool(), invoice: s.str() },
    handler: (ctx) => {
      const p = input<ListParams & { customer?: string; pending?: boolean; invoice?: string }>(ctx);
      const rows = ctx.core.store.invoiceItems.newestFirst(
        (ii) =>
          (p.customer === undefined || ii.customer === p.customer) &&
          (p.pending === undefined || (ii.invoice === null) === p.pending) &&
          (p.invoice === undefined || ii.invoice === p.invoice),
      );
      return paginate(rows, p, "/v1/invoiceitems");
    },
  },
  {
    method: "GET",
    path: "/v1/payment_intents/:id",
    fields: {},
    handler: (ctx) => ctx.core.store.paymentIntents.find(ctx.params.id),
  },
  {
    method: "GET",
    path: "/v1/invoice_payments/:id",
    fields: {},
    handler: (ctx) => ctx.core.store.invoicePayments.find(ctx.params.id),
  },
  {
    method: "GET",
    path: "/v1/invoice_payments",
    fields: { ...LIST_FIELDS, invoice: s.str() },
    handler: (ctx) => {
      const p = input<ListParams & { invoice?: string }>(ctx);
      return paginate(
        ctx.core.store.invoicePayments.newestFirst((x) => p.invoice === undefined || x.invoice === p.invoice),
        p,
        "/v1/invoice_payments",
      );
    },
  },
];
