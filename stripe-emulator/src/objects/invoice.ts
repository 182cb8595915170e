import Stripe from "stripe";
import { newId } from "../ids";
import { embeddedList } from "../list";

export interface InvoiceInput {
  id?: string;
  customer: Stripe.Customer;
  currency: string;
  billingReason: Stripe.Invoice.BillingReason;
  subscription: Stripe.Subscription | null;
  prorationDate?: number;
  periodStart: number;
  periodEnd: number;
  metadata?: Record<string, string>;
  description?: string | null;
  now: number;
}

export function buildInvoice(input: InvoiceInput): Stripe.Invoice {
  const id = input.id ?? newId("in");
  const sub = input.subscription;
  return {
    id,
    object: "invoice",
    account_country: "US",
    account_name: "Stripe emulator",
    account_tax_ids: null,
    amount_due: 0,
    amount_overpaid: 0,
    amount_paid: 0,
    amount_paid_off_stripe: 0,
    amount_remaining: 0,
    amount_shipping: 0,
    application: null,
    attempt_count: 0,
    attempted: false,
    auto_advance: true,
    automatic_tax: { disabled_reason: null, enabled: false, liability: null, provider: null, status: null },
    automatically_finalizes_at: null,
    billing_reason: input.billingReason,
    collection_method: "charge_automatically",
    created: input.now,
    currency: input.currency,
    custom_fields: null,
    customer: input.customer.id,
    customer_account: null,
    customer_address: null,
    customer_email: input.customer.email,
    customer_name: input.customer.name ?? null,
    customer_phone: input.customer.phone ?? null,
    customer_shipping: null,
    customer_tax_exempt: "none",
    customer_tax_ids: [],
    default_payment_method: null,
    default_source: null,
    default_tax_rates: [],
    description: input.description ?? null,
    discounts: [],
    due_date: null,
    effective_at: null,
    ending_balance: null,
    footer: null,
    from_invoice: null,
    hosted_invoice_url: null,
    invoice_pdf: null,
    issuer: { type: "self" },
    last_finalization_error: null,
    latest_revision: null,
    lines: embeddedList<Stripe.InvoiceLineItem>([], `/v1/invoices/${id}/lines`),
    livemode: false,
    metadata: input.metadata ?? {},
    next_payment_attempt: null,
    number: null,
    on_behalf_of: null,
    parent: sub
      ? {
          type: "subscription_details",
          quote_details: null,
          subscription_details: {
            metadata: { ...sub.metadata },
            subscription: sub.id,
            ...(input.prorationDate !== undefined ? { subscription_proration_date: input.prorationDate } : {}),
          },
        }
      : null,
    payment_settings: { default_mandate: null, payment_method_options: null, payment_method_types: null },
    period_end: input.periodEnd,
    period_start: input.periodStart,
    post_payment_credit_notes_amount: 0,
    pre_payment_credit_notes_amount: 0,
    receipt_number: null,
    rendering: null,
    shipping_cost: null,
    shipping_details: null,
    starting_balance: 0,
    statement_descriptor: null,
    status: "draft",
    status_transitions: { finalized_at: null, marked_uncollectible_at: null, paid_at: null, voided_at: null },
    subtotal: 0,
    subtotal_excluding_tax: 0,
    test_clock: null,
    total: 0,
    total_discount_amounts: [],
    total_excluding_tax: 0,
    total_pretax_credit_amounts: [],
    total_taxes: [],
    webhooks_delivered_at: null,
  } satisfies Stripe.Invoice;
}

/** What a line bills: a price for a period, or a pending invoice item (proration or one-off). */
export interface LineInput {
  invoice: string | null;
  amount: number;
  currency: string;
  description: string;
  price: Stripe.Price;
  quantity: number;
  period: { start: number; end: number };
  subscription: string | null;
  subscriptionItem: string | null;
  invoiceItem: Stripe.InvoiceItem | null;
  metadata?: Record<string, string>;
}

export function buildInvoiceLine(input: LineInput): Stripe.InvoiceLineItem {
  const proration = input.invoiceItem?.proration ?? false;
  const credited = input.invoiceItem?.proration_details?.credited_items?.invoice_line_item_details ?? null;
  const details = credited ? { credited_items: credited } : null;
  const parent: Stripe.InvoiceLineItem.Parent = input.subscriptionItem
    ? {
        type: "subscription_item_details",
        invoice_item_details: null,
        subscription_item_details: {
          invoice_item: input.invoiceItem?.id ?? null,
          proration,
          proration_details: proration ? (details ?? { credited_items: null }) : null,
          subscription: input.subscription,
          subscription_item: input.subscriptionItem,
        },
      }
    : {
        type: "invoice_item_details",
        subscription_item_details: null,
        invoice_item_details: {
          invoice_item: input.invoiceItem?.id ?? "",
          proration,
          proration_details: proration ? (details ?? { credited_items: null }) : null,
          subscription: input.subscription,
        },
      };
  return {
    id: newId("il"),
    object: "line_item",
    amount: input.amount,
    currency: input.currency,
    description: input.description,
    discount_amounts: [],
    discountable: !proration,
    discounts: [],
    invoice: input.invoice,
    livemode: false,
    metadata: input.metadata ?? {},
    parent,
    period: { start: input.period.start, end: input.period.end },
    pretax_credit_amounts: [],
    pricing: {
      type: "price_details",
      price_details: { price: input.price.id, product: productId(input.price) },
      unit_amount_decimal: input.price.unit_amount_decimal,
    },
    quantity: input.quantity,
    quantity_decimal: Stripe.Decimal.from(input.quantity),
    subscription: input.subscription,
    subtotal: input.amount,
    taxes: [],
  } satisfies Stripe.InvoiceLineItem;
}

export interface InvoiceItemInput {
  customer: string;
  amount: number;
  currency: string;
  description: string;
  price: Stripe.Price;
  quantity: number;
  period: { start: number; end: number };
  subscription: string | null;
  subscriptionItem: string | null;
  proration: boolean;
  credited: { invoice: string; line: string } | null;
  now: number;
}

export function buildInvoiceItem(input: InvoiceItemInput): Stripe.InvoiceItem {
  return {
    id: newId("ii"),
    object: "invoiceitem",
    amount: input.amount,
    currency: input.currency,
    customer: input.customer,
    customer_account: null,
    date: input.now,
    description: input.description,
    discountable: !input.proration,
    discounts: [],
    invoice: null,
    livemode: false,
    metadata: {},
    net_amount: input.amount,
    parent: input.subscription
      ? {
          type: "subscription_details",
          subscription_details: {
            subscription: input.subscription,
            ...(input.subscriptionItem ? { subscription_item: input.subscriptionItem } : {}),
          },
        }
      : null,
    period: { start: input.period.start, end: input.period.end },
    pricing: {
      type: "price_details",
      price_details: { price: input.price.id, product: productId(input.price) },
      unit_amount_decimal: input.price.unit_amount_decimal,
    },
    proration: input.proration,
    proration_details: {
      credited_items: input.credited
        ? {
            type: "invoice_line_items",
            invoice_line_item_details: { invoice: input.credited.invoice, invoice_line_items: [input.credited.line] },
          }
        : null,
      discount_amounts: [],
    },
    quantity: input.quantity,
    quantity_decimal: Stripe.Decimal.from(input.quantity),
    tax_rates: [],
    test_clock: null,
  } satisfies Stripe.InvoiceItem;
}

export function productId(price: Stripe.Price): string {
  return typeof price.product === "string" ? price.product : price.product.id;
}
