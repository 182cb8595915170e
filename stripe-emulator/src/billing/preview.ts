import type Stripe from "stripe";
import { type Core, snapshot } from "../core";
import { ApiError, invalidRequest } from "../errors";
import { randomToken } from "../ids";
import { buildInvoice, buildInvoiceLine } from "../objects/invoice";
import { changeItems, type ItemChange, type ProrationBehavior } from "./changes";
import { recurringLine } from "./descriptions";
import { recompute } from "./invoicing";
import { periodContaining } from "./periods";
import { currentPeriod, recurringOf } from "./subscriptions";

export interface PreviewParams {
  customer?: string;
  subscription?: string;
  subscription_details?: {
    items?: ItemChange[];
    proration_behavior?: ProrationBehavior;
    proration_date?: number;
  };
}

/**
 * `POST /v1/invoices/create_preview`: the next invoice, nothing stored. For a subscription it
 * is the renewal at period end (pending prorations, then the next period at the quantities
 * then in force, after any scheduled phase change); with `subscription_details[items]` the
 * change is simulated first (its prorations included), or with `always_invoice` the invoice
 * that change would bill at once.
 */
export function previewInvoice(core: Core, p: PreviewParams): Stripe.Invoice {
  const sub = p.subscription ? core.store.subscriptions.find(p.subscription, "subscription") : undefined;
  const customerId = sub ? (sub.customer as string) : p.customer;
  if (!customerId) throw invalidRequest("Missing required param: customer.", "customer", "parameter_missing");
  if (p.customer && sub && p.customer !== sub.customer)
    throw invalidRequest("The subscription does not belong to that customer.", "subscription");
  const customer = core.store.customers.find(customerId, "customer");
  const id = `upcoming_in_${randomToken(24)}`;
  const pending = core.store.invoiceItems
    .all()
    .filter((ii) => ii.invoice === null && ii.customer === customer.id)
    .filter((ii) => (ii.parent?.subscription_details?.subscription ?? null) === (sub?.id ?? null) || !ii.parent);
  if (!sub) {
    if (pending.length === 0) throw noUpcoming(customer.id);
    return assemble(core, customer, null, "manual", id, pending, [], { start: core.now(), end: core.now() });
  }
  if (sub.status === "canceled") throw noUpcoming(customer.id);
  const details = p.subscription_details ?? {};
  const simulated = snapshot(sub);
  const prorations: Stripe.InvoiceItem[] = [];
  const behavior = details.proration_behavior ?? "create_prorations";
  if (details.items) {
    const asPending = behavior === "always_invoice" ? "create_prorations" : behavior;
    changeItems(core, simulated, details.items, asPending, details.proration_date, "subscription_details[items]", (item) =>
      prorations.push(item),
    );
  }
  const period = currentPeriod(sub);
  if (behavior === "always_invoice" && details.items) {
    const now = core.now();
    return assemble(
      core,
      customer,
      simulated,
      "subscription_update",
      id,
      [...pending, ...prorations],
      [],
      { start: now, end: now },
      details.proration_date,
    );
  }
  const endsAtPeriodEnd = sub.cancel_at !== null && sub.cancel_at <= period.end;
  const renewal = endsAtPeriodEnd ? [] : renewalLines(core, simulated, period.end, id);
  if (renewal.length === 0 && pending.length + prorations.length === 0) throw noUpcoming(customer.id);
  const upcoming = assemble(
    core,
    customer,
    simulated,
    "upcoming",
    id,
    [...pending, ...prorations],
    renewal,
    period,
    details.proration_date,
  );
  // Billed when the period ends (Stripe tries the payment about an hour after it is finalized).
  upcoming.next_payment_attempt = period.end;
  return upcoming;
}

function noUpcoming(customer: string): ApiError {
  return new ApiError(404, "invalid_request_error", `No upcoming invoices for customer: ${customer}`, {
    code: "invoice_upcoming_none",
  });
}

/** The lines of the renewal at `at`: the items then in force (a schedule's next phase, if it starts then). */
function renewalLines(core: Core, sub: Stripe.Subscription, at: number, invoiceId: string): Stripe.InvoiceLineItem[] {
  const schedule = sub.schedule ? core.store.schedules.get(sub.schedule as string) : undefined;
  const nextPhase = schedule?.status === "active" ? schedule.phases.find((ph) => ph.start_date === at) : undefined;
  const items = nextPhase
    ? nextPhase.items.map((i) => ({
        price: core.store.prices.find(i.price as string),
        quantity: i.quantity ?? 1,
        id: null as string | null,
      }))
    : sub.items.data.map((i) => ({
        price: core.store.prices.find(i.price.id),
        quantity: i.quantity ?? 1,
        id: i.id as string | null,
      }));
  if (items.length === 0) return [];
  const { interval, count } = recurringOf(items[0].price, "items");
  const sameInterval = recurringOf(sub.items.data[0].price, "items");
  const anchor = sameInterval.interval === interval && sameInterval.count === count ? sub.billing_cycle_anchor : at;
  const next = periodContaining(anchor, interval, count, at);
  return items.map((i) =>
    buildInvoiceLine({
      invoice: invoiceId,
      amount: (i.price.unit_amount ?? 0) * i.quantity,
      currency: i.price.currency,
      description: recurringLine(core.store, i.price, i.quantity),
      price: i.price,
      quantity: i.quantity,
      period: next,
      subscription: sub.id,
      subscriptionItem: i.id ?? `si_upcoming_${i.price.id}`,
      invoiceItem: null,
    }),
  );
}

function assemble(
  core: Core,
  customer: Stripe.Customer,
  sub: Stripe.Subscription | null,
  reason: Stripe.Invoice.BillingReason,
  id: string,
  items: Stripe.InvoiceItem[],
  recurring: Stripe.InvoiceLineItem[],
  period: { start: number; end: number },
  prorationDate?: number,
): Stripe.Invoice {
  const invoice = buildInvoice({
    id,
    customer,
    currency: sub?.currency ?? items[0]?.currency ?? "usd",
    billingReason: reason,
    subscription: sub,
    prorationDate,
    periodStart: period.start,
    periodEnd: period.end,
    now: core.now(),
  });
  invoice.customer_tax_ids = core.store.taxIds
    .all()
    .filter((t) => t.customer === customer.id)
    .map((t) => ({ type: t.type, value: t.value }));
  for (const ii of items) {
    const priceRef = ii.pricing?.price_details?.price;
    const price = core.store.prices.find(typeof priceRef === "string" ? priceRef : (priceRef?.id ?? ""));
    const details = ii.parent?.subscription_details;
    invoice.lines.data.push(
      buildInvoiceLine({
        invoice: id,
        amount: ii.amount,
        currency: ii.currency,
        description: ii.description ?? "",
        price,
        quantity: ii.quantity,
        period: ii.period,
        subscription: details?.subscription ?? null,
        subscriptionItem: details?.subscription_item ?? null,
        invoiceItem: ii,
      }),
    );
  }
  invoice.lines.data.push(...recurring);
  recompute(invoice);
  // What the customer's credit balance would take off.
  if (customer.balance < 0 && invoice.total > 0) invoice.amount_due = Math.max(0, invoice.total + customer.balance);
  invoice.amount_remaining = invoice.amount_due;
  invoice.starting_balance = customer.balance;
  return invoice;
}
