import type Stripe from "stripe";
import { type Core, snapshot } from "../core";
import { invalidRequest } from "../errors";
import { newId } from "../ids";
import { buildCharge, buildRefund } from "../objects/payment";
import type { PaymentMethodKind } from "../store";

/**
 * Gives a payment intent that went through (or, for a bank debit, started) its charge:
 * `latest_charge` and `payment_method` are set, as Stripe sets them, and the charge is
 * announced (`charge.succeeded`, or `charge.pending` for a debit). Call before the intent's
 * own event, so its snapshot names the charge.
 */
export function chargeIntent(core: Core, intent: Stripe.PaymentIntent, method: PaymentMethodKind): Stripe.Charge {
  const paymentMethod = newId("pm");
  const charge = core.store.charges.insert(buildCharge(intent, method, paymentMethod, core.now()));
  intent.payment_method = paymentMethod;
  intent.latest_charge = charge.id;
  core.emit(charge.status === "succeeded" ? "charge.succeeded" : "charge.pending", charge);
  return charge;
}

/** A bank debit settles: the intent and its charge succeed, or fail as an unpaid debit does. */
export function settleIntent(core: Core, intent: Stripe.PaymentIntent, succeed: boolean): void {
  if (intent.status !== "processing") {
    throw invalidRequest(`This PaymentIntent is not processing (status: ${intent.status}); only a pending bank debit can settle.`);
  }
  const charge = core.store.charges.find(String(intent.latest_charge), "charge");
  if (succeed) {
    intent.status = "succeeded";
    intent.amount_received = intent.amount;
    charge.status = "succeeded";
    charge.paid = true;
    charge.captured = true;
    charge.amount_captured = charge.amount;
    core.emit("charge.succeeded", charge);
    core.emit("payment_intent.succeeded", intent);
    return;
  }
  intent.status = "requires_payment_method";
  intent.last_payment_error = {
    type: "card_error",
    code: "insufficient_funds",
    message: "The customer's account has insufficient funds to cover this payment.",
  };
  charge.status = "failed";
  charge.failure_code = "insufficient_funds";
  charge.failure_message = "The customer's account has insufficient funds to cover this payment.";
  charge.outcome = {
    advice_code: null,
    network_advice_code: null,
    network_decline_code: null,
    network_status: "declined_by_network",
    reason: "insufficient_funds",
    seller_message: "The customer's bank declined this debit.",
    type: "issuer_declined",
  };
  core.emit("charge.failed", charge);
  core.emit("payment_intent.payment_failed", intent);
}

export interface RefundParams {
  payment_intent?: string;
  charge?: string;
  amount?: number;
  reason?: Stripe.Refund.Reason;
  metadata?: Record<string, string>;
}

/**
 * `POST /v1/refunds`: refunds (part of) a succeeded charge, named by itself or by its payment
 * intent. The charge shows it (`amount_refunded`, `refunded` once whole); `refund.created`
 * and `charge.refunded` follow. Everything is checked before anything changes.
 */
export function createRefund(core: Core, p: RefundParams): Stripe.Refund {
  if (p.payment_intent === undefined && p.charge === undefined) {
    throw invalidRequest(
      "One of the following params should be provided for this request: payment_intent or charge.",
      undefined,
      "parameter_missing",
    );
  }
  let charge: Stripe.Charge;
  if (p.payment_intent !== undefined) {
    const intent = core.store.paymentIntents.find(p.payment_intent, "payment_intent");
    if (intent.status !== "succeeded" || typeof intent.latest_charge !== "string") {
      throw invalidRequest(
        `This PaymentIntent (${intent.id}) does not have a successful charge to refund.`,
        "payment_intent",
        "charge_not_refundable",
      );
    }
    charge = core.store.charges.find(intent.latest_charge, "payment_intent");
    if (p.charge !== undefined && p.charge !== charge.id) {
      throw invalidRequest(`The charge ${p.charge} does not belong to the PaymentIntent ${intent.id}.`, "charge");
    }
  } else {
    charge = core.store.charges.find(p.charge as string, "charge");
  }
  if (charge.status !== "succeeded") {
    throw invalidRequest(`Charge ${charge.id} has not succeeded and cannot be refunded.`, "charge", "charge_not_refundable");
  }
  const left = charge.amount - charge.amount_refunded;
  if (left === 0) throw invalidRequest(`Charge ${charge.id} has already been refunded.`, undefined, "charge_already_refunded");
  const amount = p.amount ?? left;
  if (amount > left) {
    throw invalidRequest(
      `Refund amount (${money(amount, charge.currency)}) is greater than unrefunded amount on charge (${money(left, charge.currency)})`,
      "amount",
      "amount_too_large",
    );
  }
  const refund = core.store.refunds.insert(
    buildRefund({ charge, amount, reason: p.reason ?? null, metadata: p.metadata ?? {}, now: core.now() }),
  );
  const before = snapshot(charge);
  charge.amount_refunded += amount;
  charge.refunded = charge.amount_refunded === charge.amount;
  core.emit("refund.created", refund);
  core.emit("charge.refunded", charge, { amount_refunded: before.amount_refunded, refunded: before.refunded });
  return refund;
}

function money(cents: number, currency: string): string {
  return `${currency === "usd" ? "$" : `${currency.toUpperCase()} `}${(cents / 100).toFixed(2)}`;
}
