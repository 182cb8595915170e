import type Stripe from "stripe";
import { newId, randomToken } from "../ids";

export interface PaymentIntentInput {
  amount: number;
  currency: string;
  customer: string | null;
  description?: string | null;
  metadata?: Record<string, string>;
  receiptEmail?: string | null;
  declined: boolean;
  now: number;
}

/** A card payment that succeeded at once, or failed with `card_declined`. */
export function buildPaymentIntent(input: PaymentIntentInput): Stripe.PaymentIntent {
  const id = newId("pi");
  return {
    id,
    object: "payment_intent",
    allowed_payment_method_types: null,
    amount: input.amount,
    amount_capturable: 0,
    amount_received: input.declined ? 0 : input.amount,
    application: null,
    application_fee_amount: null,
    automatic_payment_methods: null,
    canceled_at: null,
    cancellation_reason: null,
    capture_method: "automatic",
    client_secret: `${id}_secret_${randomToken(24)}`,
    confirmation_method: "automatic",
    created: input.now,
    currency: input.currency,
    customer: input.customer,
    customer_account: null,
    description: input.description ?? null,
    excluded_payment_method_types: null,
    last_payment_error: input.declined
      ? {
          type: "card_error",
          code: "card_declined",
          decline_code: "generic_decline",
          message: "Your card was declined.",
        }
      : null,
    latest_charge: null,
    livemode: false,
    managed_payments: null,
    metadata: input.metadata ?? {},
    next_action: null,
    on_behalf_of: null,
    payment_method: null,
    payment_method_configuration_details: null,
    payment_method_options: null,
    payment_method_types: ["card"],
    payment_record: null,
    processing: null,
    receipt_email: input.receiptEmail ?? null,
    review: null,
    setup_future_usage: null,
    shipping: null,
    source: null,
    statement_descriptor: null,
    statement_descriptor_suffix: null,
    status: input.declined ? "requires_payment_method" : "succeeded",
    transfer_group: null,
  } satisfies Stripe.PaymentIntent;
}

export function buildInvoicePayment(invoice: Stripe.Invoice, intent: Stripe.PaymentIntent, now: number): Stripe.InvoicePayment {
  const paid = intent.status === "succeeded";
  return {
    id: newId("inpay"),
    object: "invoice_payment",
    amount_paid: paid ? intent.amount : null,
    amount_requested: intent.amount,
    created: now,
    currency: intent.currency,
    invoice: invoice.id,
    is_default: true,
    livemode: false,
    payment: { type: "payment_intent", payment_intent: intent.id },
    status: paid ? "paid" : "open",
    status_transitions: { canceled_at: null, paid_at: paid ? now : null },
  } satisfies Stripe.InvoicePayment;
}
