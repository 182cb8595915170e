import type Stripe from "stripe";
import type { Core } from "../core";
import { invalidRequest } from "../errors";
import { buildPaymentMethod, buildSetupIntent, type CardInput } from "../objects/payment-method";
import type { SessionExtras } from "../store";

/** A card saved to the customer (attached, `payment_method.attached`); an unattached one without a customer. */
export function saveCard(core: Core, card: CardInput, customer: Stripe.Customer | null, email: string | null): Stripe.PaymentMethod {
  const pm = core.store.paymentMethods.insert(buildPaymentMethod(card, customer?.id ?? null, email, core.now()));
  if (customer) core.emit("payment_method.attached", pm);
  return pm;
}

/**
 * Setup mode's "Save card": the card becomes a PaymentMethod (attached to the session's
 * customer), confirmed by a succeeded SetupIntent carrying `setup_intent_data`. As in
 * Stripe, nothing is made the default here: the integration does that on
 * `checkout.session.completed` (`invoice_settings.default_payment_method`).
 */
export function completeSetup(
  core: Core,
  session: Stripe.Checkout.Session,
  extras: SessionExtras,
  card: CardInput,
  email: string | null,
): void {
  const customer = typeof session.customer === "string" ? (core.store.customers.get(session.customer) ?? null) : null;
  const pm = saveCard(core, card, customer, customer?.email ?? email);
  const intent = core.store.setupIntents.insert(
    buildSetupIntent({
      customer: customer?.id ?? null,
      paymentMethod: pm.id,
      metadata: extras.setupIntentMetadata ?? {},
      description: extras.setupIntentDescription ?? null,
      now: core.now(),
    }),
  );
  core.emit("setup_intent.created", intent);
  core.emit("setup_intent.succeeded", intent);
  session.setup_intent = intent.id;
}

/** A payment method the customer holds, for `default_payment_method` parameters. */
export function customersPaymentMethod(core: Core, customer: string, id: string, param: string): Stripe.PaymentMethod {
  const pm = core.store.paymentMethods.get(id);
  if (!pm || pm.customer !== customer) {
    throw invalidRequest(
      `The customer does not have a payment method with the ID ${id}. The payment method must be attached to the customer.`,
      param,
    );
  }
  return pm;
}
