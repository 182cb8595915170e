import type Stripe from "stripe";
import type { Core } from "../core";
import { buildInvoice, buildInvoiceLine, type InvoiceInput } from "../objects/invoice";
import { buildInvoicePayment, buildPaymentIntent } from "../objects/payment";
import type { PaymentMethodKind } from "../store";
import { recurringLine } from "./descriptions";
import { chargeIntent } from "./payments";

const DAY = 86_400;
/** Smart-retry stand-in: after a failed charge, retry 3, then 5, then 7 days later; then give up. */
export const RETRY_DAYS = [3, 5, 7];

export function customerOf(core: Core, invoiceOrSub: { customer: string | { id: string } | null }): Stripe.Customer {
  const c = invoiceOrSub.customer;
  return core.store.customers.find(typeof c === "string" ? c : (c?.id ?? ""), "customer");
}

/** A new draft invoice (no event yet: `issue` announces it once its lines are in). */
export function draftInvoice(core: Core, input: Omit<InvoiceInput, "now">): Stripe.Invoice {
  return core.store.invoices.insert(buildInvoice({ ...input, now: core.now() }));
}

/** Bills each subscription item for `period` at its current quantity. */
export function addRecurringLines(
  core: Core,
  invoice: Stripe.Invoice,
  sub: Stripe.Subscription,
  period: { start: number; end: number },
): void {
  for (const item of sub.items.data) {
    const quantity = item.quantity ?? 1;
    const line = buildInvoiceLine({
      invoice: invoice.id,
      amount: (item.price.unit_amount ?? 0) * quantity,
      currency: item.price.currency,
      description: recurringLine(core.store, item.price, quantity),
      price: item.price,
      quantity,
      period,
      subscription: sub.id,
      subscriptionItem: item.id,
      invoiceItem: null,
    });
    invoice.lines.data.push(line);
    core.store.lastBilledLine.set(item.id, { invoice: invoice.id, line: line.id });
  }
  recompute(invoice);
}

/**
 * Moves the customer's pending invoice items onto the invoice: those of `subscription`, and
 * with `includeUnattached` (or for an invoice outside subscriptions) those tied to none.
 */
export function pullPendingItems(core: Core, invoice: Stripe.Invoice, subscription: string | null, includeUnattached = false): number {
  const customer = invoice.customer as string;
  const pending = core.store.invoiceItems
    .all()
    .filter((ii) => ii.invoice === null && ii.customer === customer)
    .filter((ii) => {
      const owner = ii.parent?.subscription_details?.subscription ?? null;
      return owner === null ? subscription === null || includeUnattached : owner === subscription;
    });
  for (const ii of pending) {
    ii.invoice = invoice.id;
    const priceId = ii.pricing?.price_details?.price;
    const price = core.store.prices.find(typeof priceId === "string" ? priceId : (priceId?.id ?? ""), "price");
    const sub = ii.parent?.subscription_details;
    invoice.lines.data.push(
      buildInvoiceLine({
        invoice: invoice.id,
        amount: ii.amount,
        currency: ii.currency,
        description: ii.description ?? "",
        price,
        quantity: ii.quantity,
        period: ii.period,
        subscription: sub?.subscription ?? null,
        subscriptionItem: sub?.subscription_item ?? null,
        invoiceItem: ii,
      }),
    );
  }
  recompute(invoice);
  return pending.length;
}

export function recompute(invoice: Stripe.Invoice): void {
  const total = invoice.lines.data.reduce((sum, l) => sum + l.amount, 0);
  invoice.subtotal = total;
  invoice.subtotal_excluding_tax = total;
  invoice.total = total;
  invoice.total_excluding_tax = total;
  invoice.amount_due = Math.max(0, total);
  invoice.amount_remaining = invoice.amount_due - invoice.amount_paid;
}

/**
 * Announces the draft, finalizes it and charges it: the path of every automatic invoice.
 * Returns whether it ended paid.
 */
export function issue(core: Core, invoice: Stripe.Invoice, method: PaymentMethodKind = "card"): boolean {
  core.emit("invoice.created", invoice);
  finalize(core, invoice);
  return attemptPayment(core, invoice, method);
}

/**
 * Draft → open: assigns the number and freezes the customer's billing details (email,
 * name, tax IDs) onto the invoice, applies any credit balance, and publishes the hosted
 * page and PDF.
 */
export function finalize(core: Core, invoice: Stripe.Invoice): void {
  const customer = customerOf(core, invoice);
  const now = core.now();
  const sequence = customer.next_invoice_sequence ?? 1;
  customer.next_invoice_sequence = sequence + 1;
  invoice.number = `${customer.invoice_prefix}-${String(sequence).padStart(4, "0")}`;
  invoice.customer_email = customer.email;
  invoice.customer_name = customer.name ?? null;
  invoice.customer_phone = customer.phone ?? null;
  invoice.customer_tax_ids = core.store.taxIds
    .all()
    .filter((t) => t.customer === customer.id)
    .map((t) => ({ type: t.type, value: t.value }));
  applyBalance(customer, invoice);
  invoice.status = "open";
  invoice.effective_at = now;
  invoice.status_transitions.finalized_at = now;
  invoice.hosted_invoice_url = `${core.publicUrl}/invoices/${invoice.id}`;
  invoice.invoice_pdf = `${core.publicUrl}/invoices/${invoice.id}/pdf`;
  if (customer.currency === null) customer.currency = invoice.currency;
  core.emit("invoice.finalized", invoice);
}

// A negative customer balance is credit: it pays down what the invoice asks for; a negative
// invoice total adds to it.
function applyBalance(customer: Stripe.Customer, invoice: Stripe.Invoice): void {
  invoice.starting_balance = customer.balance;
  if (invoice.total < 0) {
    customer.balance += invoice.total;
  } else if (customer.balance < 0) {
    const used = Math.min(-customer.balance, invoice.total);
    customer.balance += used;
    invoice.amount_due = invoice.total - used;
  }
  invoice.amount_remaining = invoice.amount_due;
  invoice.ending_balance = customer.balance;
}

/**
 * Charges an open invoice to the customer's card (or starts a bank debit, which leaves it open
 * until the debit settles: `settleInvoiceDebit`). Returns whether it is now paid.
 */
export function attemptPayment(core: Core, invoice: Stripe.Invoice, method: PaymentMethodKind = "card"): boolean {
  if (invoice.status !== "open") return invoice.status === "paid";
  const customer = customerOf(core, invoice);
  const now = core.now();
  if (invoice.amount_due === 0) {
    markPaid(core, invoice, now);
    return true;
  }
  // Only the card declines; a bank debit fails (or not) when it settles.
  const declined = method === "card" && core.store.decliningCustomers.has(customer.id);
  const intent = core.store.paymentIntents.insert(
    buildPaymentIntent({
      amount: invoice.amount_due,
      currency: invoice.currency,
      customer: customer.id,
      description: invoice.billing_reason === "subscription_create" ? "Subscription creation" : "Subscription update",
      declined,
      method,
      now,
    }),
  );
  if (!declined) chargeIntent(core, intent, method);
  core.store.invoicePayments.insert(buildInvoicePayment(invoice, intent, now));
  invoice.attempt_count += 1;
  invoice.attempted = true;
  if (intent.status === "processing") {
    core.emit("payment_intent.processing", intent);
    return false;
  }
  if (declined) {
    core.emit("payment_intent.payment_failed", intent);
    // A subscription's first invoice is not retried: the subscription stays `incomplete` until it is paid.
    const retryIn = invoice.billing_reason === "subscription_create" ? undefined : RETRY_DAYS[invoice.attempt_count - 1];
    invoice.next_payment_attempt = retryIn === undefined ? null : now + retryIn * DAY;
    customer.delinquent = true;
    core.emit("invoice.payment_failed", invoice);
    return false;
  }
  core.emit("payment_intent.succeeded", intent);
  invoice.amount_paid = invoice.amount_due;
  markPaid(core, invoice, now);
  return true;
}

export function markPaid(core: Core, invoice: Stripe.Invoice, now: number): void {
  invoice.status = "paid";
  invoice.amount_remaining = 0;
  invoice.next_payment_attempt = null;
  invoice.status_transitions.paid_at = now;
  const customer = customerOf(core, invoice);
  customer.delinquent = core.store.invoices.all().some((i) => i.customer === customer.id && i.status === "open" && i.attempted);
  core.emit("invoice.paid", invoice);
  core.emit("invoice.payment_succeeded", invoice);
}

export function voidInvoice(core: Core, invoice: Stripe.Invoice): void {
  invoice.status = "void";
  invoice.amount_remaining = 0;
  invoice.next_payment_attempt = null;
  invoice.status_transitions.voided_at = core.now();
  core.emit("invoice.voided", invoice);
}
