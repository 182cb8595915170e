import type Stripe from "stripe";
import type { Core } from "../core";
import { cardDeclined, invalidRequest } from "../errors";
import { buildCustomer } from "../objects/customer";
import { customerDetails } from "../objects/checkout-session";
import { buildInvoiceItem } from "../objects/invoice";
import { buildInvoicePayment, buildPaymentIntent } from "../objects/payment";
import { draftInvoice, finalize, pullPendingItems } from "./invoicing";
import { createSubscription, type NewItem } from "./subscriptions";

/**
 * What the hosted page's "Pay" button does: find or create the customer, then either start
 * the subscription (first invoice paid) or take the one-off payment (and, with
 * `invoice_creation`, a paid invoice for it); complete the session and answer where to go.
 * A declining card leaves the session open and answers 402 `card_declined`.
 */
export function completeCheckout(core: Core, session: Stripe.Checkout.Session, email?: string): string {
  assertPayable(core, session);
  const extras = core.store.sessionExtras.get(session.id);
  if (!extras) throw new Error(`no line items recorded for ${session.id}`);
  const existing = typeof session.customer === "string" ? core.store.customers.get(session.customer) : undefined;
  if (existing && core.store.decliningCustomers.has(existing.id)) throw cardDeclined();
  const contact = existing?.email ?? session.customer_email ?? email ?? null;
  const needsCustomer =
    session.mode === "subscription" || session.invoice_creation?.enabled === true || session.customer_creation === "always";
  let customer = existing;
  if (!customer && needsCustomer) {
    customer = core.store.customers.insert(buildCustomer({ email: contact }, core.now()));
    core.emit("customer.created", customer);
  }
  if (session.mode === "subscription") {
    if (!customer) throw new Error("unreachable: subscription checkout without customer");
    const recurring: NewItem[] = [];
    for (const li of extras.lineItems) {
      if (!li.price) continue;
      if (li.price.recurring) recurring.push({ price: li.price, quantity: li.quantity ?? 1 });
      else addOneOff(core, customer.id, li.price, li.quantity ?? 1, li.description ?? "");
    }
    const sub = createSubscription(core, customer, recurring, extras.subscriptionMetadata, extras.subscriptionDescription);
    session.subscription = sub.id;
    session.invoice = typeof sub.latest_invoice === "string" ? sub.latest_invoice : null;
  } else {
    session.payment_intent = takePayment(core, session, extras, customer ?? null, contact);
  }
  session.customer = customer?.id ?? null;
  session.customer_details = customerDetails(contact, customer?.name ?? null);
  session.status = "complete";
  session.payment_status = (session.amount_total ?? 0) === 0 ? "no_payment_required" : "paid";
  core.emit("checkout.session.completed", session);
  return successRedirect(core, session);
}

/** Sessions expire lazily: when next looked at after `expires_at`. */
export function refreshSession(core: Core, session: Stripe.Checkout.Session): Stripe.Checkout.Session {
  if (session.status === "open" && session.expires_at <= core.now()) expireSession(core, session);
  return session;
}

function assertPayable(core: Core, session: Stripe.Checkout.Session): void {
  refreshSession(core, session);
  if (session.status !== "open") {
    throw invalidRequest(`This Checkout Session is no longer active (status: ${session.status}).`, undefined, "checkout_session_inactive");
  }
}

export function expireSession(core: Core, session: Stripe.Checkout.Session): void {
  if (session.status !== "open") throw invalidRequest("Only Checkout Sessions with a status of `open` can be expired.");
  session.status = "expired";
  core.emit("checkout.session.expired", session);
}

function addOneOff(core: Core, customer: string, price: Stripe.Price, quantity: number, description: string): Stripe.InvoiceItem {
  const now = core.now();
  const item = core.store.invoiceItems.insert(
    buildInvoiceItem({
      customer,
      amount: (price.unit_amount ?? 0) * quantity,
      currency: price.currency,
      description,
      price,
      quantity,
      period: { start: now, end: now },
      subscription: null,
      subscriptionItem: null,
      proration: false,
      credited: null,
      now,
    }),
  );
  core.emit("invoiceitem.created", item);
  return item;
}

function takePayment(
  core: Core,
  session: Stripe.Checkout.Session,
  extras: {
    lineItems: Stripe.LineItem[];
    paymentIntentMetadata: Record<string, string>;
    paymentIntentDescription: string | null;
  },
  customer: Stripe.Customer | null,
  email: string | null,
): string {
  const now = core.now();
  const intent = core.store.paymentIntents.insert(
    buildPaymentIntent({
      amount: session.amount_total ?? 0,
      currency: session.currency ?? "usd",
      customer: customer?.id ?? null,
      description: extras.paymentIntentDescription,
      metadata: extras.paymentIntentMetadata,
      receiptEmail: email,
      declined: false,
      now,
    }),
  );
  core.emit("payment_intent.created", intent);
  core.emit("payment_intent.succeeded", intent);
  if (session.invoice_creation?.enabled && customer) {
    for (const li of extras.lineItems) {
      if (li.price) addOneOff(core, customer.id, li.price, li.quantity ?? 1, li.description ?? "");
    }
    const invoice = draftInvoice(core, {
      customer,
      currency: session.currency ?? "usd",
      billingReason: "manual",
      subscription: null,
      periodStart: now,
      periodEnd: now,
      metadata: session.invoice_creation.invoice_data.metadata ?? {},
    });
    pullPendingItems(core, invoice, null);
    core.emit("invoice.created", invoice);
    finalize(core, invoice);
    // Paid by the checkout's payment, not charged again.
    core.store.invoicePayments.insert(buildInvoicePayment(invoice, intent, now));
    invoice.amount_paid = invoice.amount_due;
    invoice.amount_remaining = 0;
    invoice.attempted = true;
    invoice.attempt_count = 1;
    invoice.status = "paid";
    invoice.status_transitions.paid_at = now;
    core.emit("invoice.paid", invoice);
    core.emit("invoice.payment_succeeded", invoice);
    session.invoice = invoice.id;
  }
  return intent.id;
}

function successRedirect(core: Core, session: Stripe.Checkout.Session): string {
  if (!session.success_url) return `${core.publicUrl}/checkout/${session.id}`;
  return session.success_url.replace(/\{CHECKOUT_SESSION_ID\}/g, session.id);
}
