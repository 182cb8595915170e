import type Stripe from "stripe";
import type { Core } from "../core";
import { cardDeclined, invalidRequest } from "../errors";
import { buildCustomer } from "../objects/customer";
import { customerDetails } from "../objects/checkout-session";
import { buildInvoiceItem } from "../objects/invoice";
import { buildInvoicePayment, buildPaymentIntent } from "../objects/payment";
import { type CardInput, DEFAULT_CARD } from "../objects/payment-method";
import type { PaymentMethodKind } from "../store";
import { draftInvoice, finalize, markPaid, pullPendingItems } from "./invoicing";
import { chargeIntent, settleIntent } from "./payments";
import { completeSetup, saveCard } from "./setup";
import { createSubscription, type NewItem, settleStatus, subscriptionIdOf } from "./subscriptions";

/**
 * What the hosted page's "Pay" button does: find or create the customer, then either start
 * the subscription (first invoice paid) or take the one-off payment (and, with
 * `invoice_creation`, a paid invoice for it); complete the session and answer where to go.
 * A declining card leaves the session open and answers 402 `card_declined`.
 *
 * "Bank debit" (`method` "bank_debit") is an asynchronous payment, as ACH or SEPA debits are in
 * Stripe: the session completes `unpaid` (the subscription `incomplete`, its first invoice open)
 * and the money arrives, or not, later: `settleCheckout`.
 *
 * A card payment or setup saves `card` (the page's form; Stripe's test Visa by default) as a
 * PaymentMethod: in subscription mode it becomes the subscription's default; in setup mode
 * (`completeSetup`) it is what the SetupIntent saved.
 */
export function completeCheckout(
  core: Core,
  session: Stripe.Checkout.Session,
  email?: string,
  method: PaymentMethodKind = "card",
  card: CardInput = DEFAULT_CARD,
): string {
  assertPayable(core, session);
  const extras = core.store.sessionExtras.get(session.id);
  if (!extras) throw new Error(`no line items recorded for ${session.id}`);
  const existing = typeof session.customer === "string" ? core.store.customers.get(session.customer) : undefined;
  if (session.mode === "setup") {
    if (method !== "card") throw invalidRequest("Setup mode saves a card; bank debits are not offered here.");
    completeSetup(core, session, extras, card, existing?.email ?? session.customer_email ?? email ?? null);
    return finish(core, session, existing?.email ?? session.customer_email ?? email ?? null, existing ?? undefined);
  }
  if (method === "card" && existing && core.store.decliningCustomers.has(existing.id)) throw cardDeclined();
  extras.paymentMethod = method;
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
    const pm = method === "card" ? saveCard(core, card, customer, contact) : null;
    const sub = createSubscription(core, customer, recurring, extras.subscriptionMetadata, extras.subscriptionDescription, method, pm?.id);
    session.subscription = sub.id;
    session.invoice = typeof sub.latest_invoice === "string" ? sub.latest_invoice : null;
  } else {
    session.payment_intent = takePayment(core, session, extras, customer ?? null, contact, method);
  }
  const due = (session.amount_total ?? 0) !== 0;
  if (!due) extras.paymentMethod = "card"; // nothing to debit: nothing to settle later
  session.payment_status = !due ? "no_payment_required" : method === "bank_debit" ? "unpaid" : "paid";
  return finish(core, session, contact, customer);
}

/** Completes the session (the hosted page comes down), sends `checkout.session.completed`, answers where to go. */
function finish(core: Core, session: Stripe.Checkout.Session, contact: string | null, customer: Stripe.Customer | undefined): string {
  session.customer = customer?.id ?? null;
  session.customer_details = customerDetails(contact, customer?.name ?? null);
  session.status = "complete";
  // Stripe takes the hosted page down once the session is complete (or expired).
  session.url = null;
  core.emit("checkout.session.completed", session);
  return successRedirect(core, session);
}

/**
 * A bank debit started by the hosted page settles: on success the payment succeeds (in
 * subscription mode the first invoice is paid and the subscription becomes active), the
 * session turns `paid` and `checkout.session.async_payment_succeeded` follows; on failure the
 * payment fails (the invoice stays open, the subscription `incomplete`) and
 * `checkout.session.async_payment_failed` follows.
 */
export function settleCheckout(core: Core, session: Stripe.Checkout.Session, succeed: boolean): void {
  const extras = core.store.sessionExtras.get(session.id);
  if (session.status !== "complete" || extras?.paymentMethod !== "bank_debit" || session.payment_status !== "unpaid") {
    throw invalidRequest(
      `Checkout Session ${session.id} has no bank debit waiting to settle (status: ${session.status}, payment_status: ${session.payment_status}).`,
    );
  }
  const now = core.now();
  if (session.mode === "subscription") {
    const invoice = core.store.invoices.find(String(session.invoice), "invoice");
    const payment = core.store.invoicePayments
      .newestFirst((p) => p.invoice === invoice.id)
      .find((p) => core.store.paymentIntents.get(String(p.payment.payment_intent))?.status === "processing");
    if (!payment) throw invalidRequest(`Invoice ${invoice.id} has no bank debit waiting to settle.`);
    const intent = core.store.paymentIntents.find(String(payment.payment.payment_intent), "payment_intent");
    settleIntent(core, intent, succeed);
    const subId = subscriptionIdOf(invoice);
    const sub = subId ? core.store.subscriptions.get(subId) : undefined;
    if (succeed) {
      payment.status = "paid";
      payment.amount_paid = intent.amount;
      payment.status_transitions.paid_at = now;
      invoice.amount_paid = invoice.amount_due;
      markPaid(core, invoice, now);
      if (sub && sub.status !== "canceled") settleStatus(core, sub, true);
    } else {
      core.emit("invoice.payment_failed", invoice);
    }
  } else {
    const intent = core.store.paymentIntents.find(String(session.payment_intent), "payment_intent");
    settleIntent(core, intent, succeed);
    const customer = typeof session.customer === "string" ? core.store.customers.get(session.customer) : undefined;
    if (succeed && session.invoice_creation?.enabled && customer) {
      session.invoice = paidInvoiceFor(core, session, extras, customer, intent).id;
    }
  }
  if (succeed) session.payment_status = "paid";
  core.emit(succeed ? "checkout.session.async_payment_succeeded" : "checkout.session.async_payment_failed", session);
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
  if (session.status !== "open") {
    throw invalidRequest(
      `Only Checkout Sessions with a status in ["open"] can be expired. This Checkout Session has a status of \`${session.status}\`.`,
    );
  }
  session.status = "expired";
  session.url = null;
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
  method: PaymentMethodKind,
): string {
  const intent = core.store.paymentIntents.insert(
    buildPaymentIntent({
      amount: session.amount_total ?? 0,
      currency: session.currency ?? "usd",
      customer: customer?.id ?? null,
      description: extras.paymentIntentDescription,
      metadata: extras.paymentIntentMetadata,
      receiptEmail: email,
      declined: false,
      method,
      now: core.now(),
    }),
  );
  core.emit("payment_intent.created", intent);
  chargeIntent(core, intent, method);
  if (intent.status === "processing") {
    // The invoice (with `invoice_creation`) is made once the debit has settled.
    core.emit("payment_intent.processing", intent);
    return intent.id;
  }
  core.emit("payment_intent.succeeded", intent);
  if (session.invoice_creation?.enabled && customer) session.invoice = paidInvoiceFor(core, session, extras, customer, intent).id;
  return intent.id;
}

/** Payment mode with `invoice_creation`: an invoice for the purchase, paid by the checkout's payment. */
function paidInvoiceFor(
  core: Core,
  session: Stripe.Checkout.Session,
  extras: { lineItems: Stripe.LineItem[] },
  customer: Stripe.Customer,
  intent: Stripe.PaymentIntent,
): Stripe.Invoice {
  const now = core.now();
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
    metadata: session.invoice_creation?.invoice_data.metadata ?? {},
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
  return invoice;
}

function successRedirect(core: Core, session: Stripe.Checkout.Session): string {
  if (!session.success_url) return `${core.publicUrl}/checkout/${session.id}`;
  return session.success_url.replace(/\{CHECKOUT_SESSION_ID\}/g, session.id);
}
