import type Stripe from "stripe";
import { invoicePrefix, newId } from "../ids";

export interface CustomerInput {
  email?: string | null;
  name?: string | null;
  description?: string | null;
  phone?: string | null;
  metadata?: Record<string, string>;
}

export function buildCustomer(input: CustomerInput, now: number): Stripe.Customer {
  return {
    id: newId("cus"),
    object: "customer",
    address: null,
    balance: 0,
    created: now,
    currency: null,
    default_source: null,
    delinquent: false,
    description: input.description ?? null,
    discount: null,
    email: input.email ?? null,
    invoice_prefix: invoicePrefix(),
    invoice_settings: { custom_fields: null, default_payment_method: null, footer: null, rendering_options: null },
    livemode: false,
    metadata: input.metadata ?? {},
    name: input.name ?? null,
    next_invoice_sequence: 1,
    phone: input.phone ?? null,
    preferred_locales: [],
    shipping: null,
    tax_exempt: "none",
    test_clock: null,
  } satisfies Stripe.Customer;
}

export function buildTaxId(customer: string, type: string, value: string, now: number): Stripe.TaxId {
  return {
    id: newId("txi"),
    object: "tax_id",
    country: taxIdCountry(type, value),
    created: now,
    customer,
    customer_account: null,
    livemode: false,
    owner: { customer, customer_account: null, type: "customer" },
    type,
    value,
    verification: { status: "unverified", verified_address: null, verified_name: null },
  } satisfies Stripe.TaxId;
}

/** `eu_vat` ids carry their country in the value (`DE123…`); other types in their prefix (`gb_vat`). */
function taxIdCountry(type: string, value: string): string | null {
  if (type === "eu_vat" || type === "eu_oss_vat") {
    const prefix = value.slice(0, 2).toUpperCase();
    return prefix === "EL" ? "GR" : /^[A-Z]{2}$/.test(prefix) ? prefix : null;
  }
  const m = /^([a-z]{2})_/.exec(type);
  return m ? m[1].toUpperCase() : null;
}
