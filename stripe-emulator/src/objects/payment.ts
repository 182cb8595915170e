import type Stripe from "stripe";
import { newId, randomToken } from "../ids";
import type { PaymentMethodKind } from "../store";

export interface PaymentIntentInput {
  amount: number;
  currency: string;
  customer: string | null;
  description?: string | null;
  metadata?: Record<string, string>;
  receiptEmail?: string | null;
  declined: boolean;
  /** Default "card". A bank debit does not settle at once: the intent stays `processing`. */
  method?: PaymentMethodKind;
  now: number;
}

/** A card payment that succeeded at once, or failed with `card_declined`; or a bank debit, `processing` until it settles. */
export function buildPaymentIntent(input: PaymentIntentInput): Stripe.PaymentIntent {
  const id = newId("pi");
  return {
    id,
    object: "payment_intent",
    allowed_payment_method_types: null,
    amount: input.amount,
    amount_capturable: 0,
    amount_received: input.declined || input.method === "bank_debit" ? 0 : input.amount,
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
    payment_method_types: [input.method === "bank_debit" ? "us_bank_account" : "card"],
    payment_record: null,
    processing: null,
    receipt_email: input.receiptEmail ?? null,
    review: null,
    setup_future_usage: null,
    shipping: null,
    source: null,
    statement_descriptor: null,
    statement_descriptor_suffix: null,
    status: input.declined ? "requires_payment_method" : input.method === "bank_debit" ? "processing" : "succeeded",
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

/** The charge of a payment intent: `succeeded` for a card, `pending` for a bank debit until it settles. */
export function buildCharge(intent: Stripe.PaymentIntent, method: PaymentMethodKind, paymentMethod: string, now: number): Stripe.Charge {
  const pending = intent.status !== "succeeded";
  const id = newId("ch");
  return {
    id,
    object: "charge",
    amount: intent.amount,
    amount_captured: pending ? 0 : intent.amount,
    amount_refunded: 0,
    application: null,
    application_fee: null,
    application_fee_amount: null,
    balance_transaction: null,
    billing_details: { address: null, email: intent.receipt_email, name: null, phone: null, tax_id: null },
    calculated_statement_descriptor: "STRIPE EMULATOR",
    captured: !pending,
    created: now,
    currency: intent.currency,
    customer: intent.customer,
    description: intent.description,
    disputed: false,
    failure_balance_transaction: null,
    failure_code: null,
    failure_message: null,
    fraud_details: {},
    livemode: false,
    metadata: { ...intent.metadata },
    on_behalf_of: null,
    outcome: {
      advice_code: null,
      network_advice_code: null,
      network_decline_code: null,
      network_status: "approved_by_network",
      reason: null,
      risk_level: "normal",
      seller_message: "Payment complete.",
      type: "authorized",
    },
    paid: !pending,
    payment_intent: intent.id,
    payment_method: paymentMethod,
    payment_method_details: method === "bank_debit" ? bankDebitDetails() : cardDetails(intent.amount),
    receipt_email: intent.receipt_email,
    receipt_number: null,
    receipt_url: null,
    refunded: false,
    review: null,
    shipping: null,
    source: null,
    source_transfer: null,
    statement_descriptor: null,
    statement_descriptor_suffix: null,
    status: pending ? "pending" : "succeeded",
    transfer_data: null,
    transfer_group: null,
  } satisfies Stripe.Charge;
}

function cardDetails(amount: number): Stripe.Charge.PaymentMethodDetails {
  return {
    type: "card",
    card: {
      amount_authorized: amount,
      authorization_code: null,
      brand: "visa",
      checks: { address_line1_check: null, address_postal_code_check: null, cvc_check: "pass" },
      country: "US",
      electronic_commerce_indicator: null,
      exp_month: 12,
      exp_year: 2034,
      funding: "credit",
      installments: null,
      last4: "4242",
      mandate: null,
      network: "visa",
      network_transaction_id: null,
      regulated_status: null,
      three_d_secure: null,
      transaction_link_id: null,
      wallet: null,
    },
  };
}

function bankDebitDetails(): Stripe.Charge.PaymentMethodDetails {
  return {
    type: "us_bank_account",
    us_bank_account: {
      account_holder_type: "individual",
      account_type: "checking",
      bank_name: "STRIPE TEST BANK",
      fingerprint: null,
      last4: "6789",
      payment_reference: null,
      routing_number: "110000000",
    },
  };
}

export interface RefundInput {
  charge: Stripe.Charge;
  amount: number;
  reason: Stripe.Refund.Reason | null;
  metadata: Record<string, string>;
  now: number;
}

/** A refund of (part of) a charge; card and bank refunds both succeed at once here. */
export function buildRefund(input: RefundInput): Stripe.Refund {
  const { charge } = input;
  return {
    id: newId("re"),
    object: "refund",
    amount: input.amount,
    balance_transaction: null,
    charge: charge.id,
    created: input.now,
    currency: charge.currency,
    customer: charge.customer,
    customer_account: null,
    destination_details:
      charge.payment_method_details?.type === "card"
        ? { type: "card", card: { reference_status: "pending", reference_type: "acquirer_reference_number", type: "refund" } }
        : { type: "us_bank_transfer", us_bank_transfer: { reference: null, reference_status: null } },
    metadata: input.metadata,
    payment_intent: charge.payment_intent,
    payment_method: charge.payment_method,
    reason: input.reason,
    receipt_number: null,
    source_transfer_reversal: null,
    status: "succeeded",
    transfer_reversal: null,
  } satisfies Stripe.Refund;
}
