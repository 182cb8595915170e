import type Stripe from "stripe";
import { customersPaymentMethod } from "../billing/setup";
import { cancelNow } from "../billing/subscriptions";
import { type Core, previousAttributes, snapshot } from "../core";
import { invalidRequest, notFound } from "../errors";
import { paginate, type ListParams } from "../list";
import { buildCustomer, buildTaxId } from "../objects/customer";
import { LIST_FIELDS, mergeMetadata, s } from "../params";
import { input, type Route } from "../routes";

type Metadata = Record<string, string | null> | null;

interface CustomerParams {
  email?: string | null;
  name?: string | null;
  description?: string | null;
  phone?: string | null;
  metadata?: Metadata;
  tax_id_data?: { type: string; value: string }[];
  invoice_settings?: { default_payment_method?: string | null };
}

const taxIdFields = { type: s.req(s.str()), value: s.req(s.str()) };

export function findCustomer(core: Core, id: string, param = "id"): Stripe.Customer {
  return core.store.customers.find(id, param);
}

/** Stripe checks tax ID formats; the emulator checks EU VAT numbers and non-empty values. */
function checkTaxId(type: string, value: string, param: string): void {
  if (!/^([a-z]{2}_[a-z_]+|unknown)$/.test(type)) throw invalidRequest(`Invalid value for type: ${type}`, `${param}type`);
  const compact = value.replace(/\s/g, "");
  if (!compact || (type === "eu_vat" && !/^[A-Z]{2}[0-9A-Z+*]{2,13}$/.test(compact))) {
    throw invalidRequest(`Invalid value for ${type}.`, `${param}value`, "tax_id_invalid");
  }
}

export function addTaxId(core: Core, customer: Stripe.Customer, type: string, value: string): Stripe.TaxId {
  const taxId = core.store.taxIds.insert(buildTaxId(customer.id, type, value, core.now()));
  core.emit("customer.tax_id.created", taxId);
  return taxId;
}

export const customerRoutes: Route[] = [
  {
    method: "POST",
    path: "/v1/customers",
    fields: {
      email: s.str({ emptyable: true }),
      name: s.str({ emptyable: true }),
      description: s.str({ emptyable: true }),
      phone: s.str({ emptyable: true }),
      metadata: s.meta(),
      tax_id_data: s.arr(s.obj(taxIdFields)),
    },
    handler: (ctx) => {
      const p = input<CustomerParams>(ctx);
      for (const [i, t] of (p.tax_id_data ?? []).entries()) checkTaxId(t.type, t.value, `tax_id_data[${i}][`);
      const customer = ctx.core.store.customers.insert(buildCustomer({ ...p, metadata: mergeMetadata({}, p.metadata) }, ctx.core.now()));
      ctx.core.emit("customer.created", customer);
      for (const t of p.tax_id_data ?? []) addTaxId(ctx.core, customer, t.type, t.value);
      return customer;
    },
  },
  {
    method: "GET",
    path: "/v1/customers/:id",
    fields: {},
    handler: (ctx) => {
      const id = ctx.params.id;
      if (ctx.core.store.deletedCustomers.has(id)) return { id, object: "customer", deleted: true } satisfies Stripe.DeletedCustomer;
      return findCustomer(ctx.core, id);
    },
  },
  {
    method: "POST",
    path: "/v1/customers/:id",
    fields: {
      email: s.str({ emptyable: true }),
      name: s.str({ emptyable: true }),
      description: s.str({ emptyable: true }),
      phone: s.str({ emptyable: true }),
      metadata: s.meta(),
      invoice_settings: s.obj({ default_payment_method: s.str({ emptyable: true }) }),
    },
    handler: (ctx) => {
      const customer = findCustomer(ctx.core, ctx.params.id);
      const p = input<CustomerParams>(ctx);
      const pm = p.invoice_settings?.default_payment_method;
      if (pm) customersPaymentMethod(ctx.core, customer.id, pm, "invoice_settings[default_payment_method]");
      const before = snapshot(customer);
      if (pm !== undefined) customer.invoice_settings.default_payment_method = pm;
      if (p.email !== undefined) customer.email = p.email;
      if (p.name !== undefined) customer.name = p.name;
      if (p.description !== undefined) customer.description = p.description;
      if (p.phone !== undefined) customer.phone = p.phone;
      customer.metadata = mergeMetadata(customer.metadata, p.metadata);
      const prev = previousAttributes(before, customer);
      if (Object.keys(prev).length > 0) ctx.core.emit("customer.updated", customer, prev);
      return customer;
    },
  },
  {
    method: "DELETE",
    path: "/v1/customers/:id",
    fields: {},
    handler: (ctx) => {
      const customer = findCustomer(ctx.core, ctx.params.id);
      for (const sub of ctx.core.store.subscriptions.all()) {
        if (sub.customer === customer.id && sub.status !== "canceled") cancelNow(ctx.core, sub, { reason: "cancellation_requested" });
      }
      ctx.core.store.customers.delete(customer.id);
      ctx.core.store.deletedCustomers.add(customer.id);
      ctx.core.emit("customer.deleted", customer);
      return { id: customer.id, object: "customer", deleted: true } satisfies Stripe.DeletedCustomer;
    },
  },
  {
    method: "GET",
    path: "/v1/customers",
    fields: { ...LIST_FIELDS, email: s.str() },
    handler: (ctx) => {
      const p = input<ListParams & { email?: string }>(ctx);
      const rows = ctx.core.store.customers.newestFirst((c) => p.email === undefined || c.email === p.email);
      return paginate(rows, p, "/v1/customers");
    },
  },
  {
    method: "POST",
    path: "/v1/customers/:id/tax_ids",
    fields: taxIdFields,
    handler: (ctx) => {
      const customer = findCustomer(ctx.core, ctx.params.id);
      const p = input<{ type: string; value: string }>(ctx);
      checkTaxId(p.type, p.value, "");
      return addTaxId(ctx.core, customer, p.type, p.value);
    },
  },
  {
    method: "GET",
    path: "/v1/customers/:id/tax_ids",
    fields: LIST_FIELDS,
    handler: (ctx) => {
      const customer = findCustomer(ctx.core, ctx.params.id);
      const rows = ctx.core.store.taxIds.newestFirst((t) => t.customer === customer.id);
      return paginate(rows, input<ListParams>(ctx), `/v1/customers/${customer.id}/tax_ids`);
    },
  },
  {
    method: "GET",
    path: "/v1/customers/:id/tax_ids/:tax_id",
    fields: {},
    handler: (ctx) => customerTaxId(ctx.core, ctx.params.id, ctx.params.tax_id),
  },
  {
    method: "DELETE",
    path: "/v1/customers/:id/tax_ids/:tax_id",
    fields: {},
    handler: (ctx) => {
      const taxId = customerTaxId(ctx.core, ctx.params.id, ctx.params.tax_id);
      ctx.core.store.taxIds.delete(taxId.id);
      ctx.core.emit("customer.tax_id.deleted", taxId);
      return { id: taxId.id, object: "tax_id", deleted: true } satisfies Stripe.DeletedTaxId;
    },
  },
];

function customerTaxId(core: Core, customerId: string, taxIdId: string): Stripe.TaxId {
  const customer = findCustomer(core, customerId);
  const taxId = core.store.taxIds.get(taxIdId);
  if (!taxId || taxId.customer !== customer.id) throw notFound("tax_id", taxIdId);
  return taxId;
}
