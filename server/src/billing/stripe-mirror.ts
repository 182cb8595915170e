import { type BillingInterval, PRICE_LOOKUP_KEYS, type Plan } from "@team-billing/shared";
import type Stripe from "stripe";
import type { InvoiceEntity, SubscriptionEntity } from "../entities";
import type { InvoiceLine } from "../entities/invoice.entity";

/**
 * Pure functions from Stripe objects to our rows: handlers re-fetch the object and
 * upsert what these return, keyed by the Stripe id, so event order does not matter.
 */

const SEAT_KEYS: string[] = [PRICE_LOOKUP_KEYS.TEAM_SEAT_MONTHLY, PRICE_LOOKUP_KEYS.TEAM_SEAT_YEARLY];
const PLAN_OF_KEY: Record<string, Plan> = {
  [PRICE_LOOKUP_KEYS.TEAM_BASE_MONTHLY]: "TEAM",
  [PRICE_LOOKUP_KEYS.TEAM_BASE_YEARLY]: "TEAM",
  [PRICE_LOOKUP_KEYS.STARTER_MONTHLY]: "STARTER",
  [PRICE_LOOKUP_KEYS.PRO_MONTHLY]: "PRO",
};

export const idOf = (ref: string | { id: string } | null | undefined): string | null =>
  ref === null || ref === undefined ? null : typeof ref === "string" ? ref : ref.id;

export type SubscriptionRow = Omit<SubscriptionEntity, "accountType" | "accountId" | "pendingPlan" | "updatedAt">;

/** Our row for a subscription; `null` when it sells nothing we know (not ours). */
export function subscriptionRow(sub: Stripe.Subscription): SubscriptionRow | null {
  const items = sub.items.data;
  const plan = items.map((i) => PLAN_OF_KEY[i.price.lookup_key ?? ""]).find(Boolean);
  if (!plan || items.length === 0) return null;
  const seat = items.find((i) => SEAT_KEYS.includes(i.price.lookup_key ?? ""));
  const first = items[0];
  const interval: BillingInterval = first.price.recurring?.interval === "year" ? "YEARLY" : "MONTHLY";
  return {
    id: sub.id,
    customerId: idOf(sub.customer) as string,
    plan,
    interval,
    status: sub.status,
    currentPeriodStart: new Date(first.current_period_start * 1000),
    currentPeriodEnd: new Date(first.current_period_end * 1000),
    cancelAtPeriodEnd: sub.cancel_at_period_end,
    scheduleId: idOf(sub.schedule as string | { id: string } | null),
    seatItemId: seat?.id ?? null,
    seatQuantity: seat?.quantity ?? 0,
    startedAt: new Date(sub.start_date * 1000),
  };
}

/** Kept with the entity, so that teams read it without importing billing. */
export { LIVE_STATUSES } from "../entities/subscription.entity";

export type { InvoiceLine };

/** Stored lines with their periods as dates (as GraphQL shows them). */
export const datedLines = (lines: readonly InvoiceLine[]) =>
  lines.map((line) => ({
    ...line,
    periodStart: line.periodStart ? new Date(line.periodStart) : null,
    periodEnd: line.periodEnd ? new Date(line.periodEnd) : null,
  }));

/** Our row for an invoice. Its period is the one its lines bill (a renewal's own period fields name the one that ended). */
export type InvoiceRow = Omit<InvoiceEntity, "accountType" | "accountId" | "syncedAt"> & { customerId: string };

export function invoiceRow(invoice: Stripe.Invoice): InvoiceRow {
  const lines: InvoiceLine[] = invoice.lines.data.map((line) => ({
    description: line.description ?? "",
    amount: line.amount,
    quantity: line.quantity ?? null,
    proration: Boolean(line.parent?.subscription_item_details?.proration ?? line.parent?.invoice_item_details?.proration),
    periodStart: line.period?.start ? new Date(line.period.start * 1000).toISOString() : null,
    periodEnd: line.period?.end ? new Date(line.period.end * 1000).toISOString() : null,
  }));
  const starts = invoice.lines.data.map((l) => l.period?.start).filter((n): n is number => typeof n === "number");
  const ends = invoice.lines.data.map((l) => l.period?.end).filter((n): n is number => typeof n === "number");
  return {
    id: invoice.id as string,
    customerId: idOf(invoice.customer) as string,
    number: invoice.number ?? null,
    status: String(invoice.status ?? "draft"),
    currency: invoice.currency,
    amountDue: invoice.amount_due,
    amountPaid: invoice.amount_paid,
    subtotal: invoice.subtotal,
    tax: (invoice.total_taxes ?? []).reduce((sum, t) => sum + t.amount, 0),
    total: invoice.total,
    customerEmail: invoice.customer_email ?? null,
    customerTaxIds: (invoice.customer_tax_ids ?? []).map(({ type, value }) => ({ type, value: value ?? "" })),
    periodStart: starts.length ? new Date(Math.min(...starts) * 1000) : null,
    periodEnd: ends.length ? new Date(Math.max(...ends) * 1000) : null,
    createdAt: new Date(invoice.created * 1000),
    hostedUrl: invoice.hosted_invoice_url ?? null,
    pdfUrl: invoice.invoice_pdf ?? null,
    lines,
  };
}
