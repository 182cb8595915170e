import type Stripe from "stripe";
import { checkoutSubscription, errorOf, type Harness, priceId, startHarness, WebhookReceiver } from "./helpers";

/** Charges and refunds: what the server uses to undo a duplicate subscription. */
describe("charges and refunds", () => {
  let h: Harness;
  let receiver: WebhookReceiver;
  beforeEach(async () => {
    h = await startHarness({ startTime: new Date("2025-01-15T12:00:00Z") });
    receiver = await new WebhookReceiver().start();
    h.emulator.addWebhookEndpoint(receiver.url, { secret: receiver.secret });
  });
  afterEach(async () => {
    await h.close();
    await receiver.close();
  });

  async function oneOffPayment(amountCents = 1_500): Promise<Stripe.Checkout.Session> {
    const session = await h.stripe.checkout.sessions.create({
      mode: "payment",
      line_items: [{ price_data: { currency: "usd", unit_amount: amountCents, product_data: { name: "Credits" } }, quantity: 1 }],
      customer_email: "buyer@example.com",
      success_url: "http://app.test/ok",
    });
    await h.emulator.payCheckoutSession(session.id);
    return h.stripe.checkout.sessions.retrieve(session.id);
  }

  it("undoes a duplicate subscription: cancel it at once, find its paid invoice's payment, refund it whole", async () => {
    const { subscription } = await checkoutSubscription(h, [{ lookupKey: "pro_monthly", quantity: 1 }]);
    const canceled = await h.stripe.subscriptions.cancel(subscription.id);
    expect(canceled).toMatchObject({ id: subscription.id, status: "canceled" });
    expect(canceled.ended_at).not.toBeNull();

    // This API version has no invoice.charge / invoice.payment_intent: payments are listed.
    const invoice = await h.stripe.invoices.retrieve(subscription.latest_invoice as string, { expand: ["payments"] });
    expect(invoice.status).toBe("paid");
    const payments = await h.stripe.invoicePayments.list({ invoice: invoice.id });
    expect(payments.data).toHaveLength(1);
    expect(invoice.payments?.data.map((p) => p.id)).toEqual(payments.data.map((p) => p.id));
    const paymentIntentId = payments.data[0].payment.payment_intent as string;

    const intent = await h.stripe.paymentIntents.retrieve(paymentIntentId, { expand: ["latest_charge"] });
    expect(intent.status).toBe("succeeded");
    expect(intent.payment_method).toMatch(/^pm_/);
    const charge = intent.latest_charge as Stripe.Charge;
    expect(charge).toMatchObject({
      object: "charge",
      amount: invoice.amount_paid,
      status: "succeeded",
      paid: true,
      payment_intent: intent.id,
      payment_method: intent.payment_method,
      amount_refunded: 0,
      refunded: false,
    });
    expect(charge.payment_method_details?.type).toBe("card");

    const refund = await h.stripe.refunds.create({ payment_intent: intent.id, reason: "duplicate" });
    expect(refund).toMatchObject({
      object: "refund",
      amount: 2_000,
      currency: "usd",
      status: "succeeded",
      charge: charge.id,
      payment_intent: intent.id,
      reason: "duplicate",
    });
    expect(await h.stripe.charges.retrieve(charge.id)).toMatchObject({ amount_refunded: 2_000, refunded: true });
    expect((await h.stripe.refunds.retrieve(refund.id)).id).toBe(refund.id);
    expect((await h.stripe.refunds.list({ payment_intent: intent.id })).data.map((r) => r.id)).toEqual([refund.id]);

    await receiver.waitFor(() => receiver.types().includes("charge.refunded"));
    const created = receiver.received.find((r) => r.event.type === "refund.created");
    expect(created?.event.data.object).toMatchObject({ id: refund.id, amount: 2_000 });
    const refunded = receiver.received.find((r) => r.event.type === "charge.refunded");
    expect(refunded?.event.data.object).toMatchObject({ id: charge.id, amount_refunded: 2_000, refunded: true });
    expect(refunded?.event.data.previous_attributes).toEqual({ amount_refunded: 0, refunded: false });

    await expect(h.stripe.refunds.create({ payment_intent: intent.id })).rejects.toMatchObject({
      statusCode: 400,
      code: "charge_already_refunded",
    });
  });

  it("refunds in parts by charge; refuses more than is left and changes nothing", async () => {
    const session = await oneOffPayment(1_500);
    const intent = await h.stripe.paymentIntents.retrieve(session.payment_intent as string);
    const chargeId = intent.latest_charge as string;
    expect(chargeId).toMatch(/^ch_/);

    const first = await h.stripe.refunds.create({ charge: chargeId, amount: 500, metadata: { ticket: "T-1" } });
    expect(first).toMatchObject({ amount: 500, charge: chargeId, payment_intent: intent.id, metadata: { ticket: "T-1" } });
    expect(await h.stripe.charges.retrieve(chargeId)).toMatchObject({ amount_refunded: 500, refunded: false });

    await expect(h.stripe.refunds.create({ charge: chargeId, amount: 1_001 })).rejects.toMatchObject({
      statusCode: 400,
      code: "amount_too_large",
      param: "amount",
    });
    expect(await h.stripe.charges.retrieve(chargeId)).toMatchObject({ amount_refunded: 500, refunded: false });

    const rest = await h.stripe.refunds.create({ payment_intent: intent.id });
    expect(rest.amount).toBe(1_000);
    const charge = await h.stripe.charges.retrieve(chargeId, { expand: ["refunds"] });
    expect(charge).toMatchObject({ amount_refunded: 1_500, refunded: true });
    expect(charge.refunds?.data.map((r) => r.id)).toEqual([rest.id, first.id]);
    expect((await h.stripe.refunds.list({ charge: chargeId })).data).toHaveLength(2);
    expect((await h.stripe.charges.list({ payment_intent: intent.id })).data.map((c) => c.id)).toEqual([chargeId]);
  });

  it("answers Stripe's errors for what cannot be refunded", async () => {
    const res = await fetch(`${h.emulator.url}/v1/refunds`, {
      method: "POST",
      headers: { Authorization: "Bearer sk_test_x", "Content-Type": "application/x-www-form-urlencoded" },
      body: "amount=100",
    });
    expect(res.status).toBe(400);
    expect(await errorOf(res)).toMatchObject({ type: "invalid_request_error", code: "parameter_missing" });
    await expect(h.stripe.refunds.create({ payment_intent: "pi_missing" })).rejects.toMatchObject({
      statusCode: 400,
      code: "resource_missing",
      param: "payment_intent",
    });
    await expect(h.stripe.refunds.retrieve("re_missing")).rejects.toMatchObject({ statusCode: 404, code: "resource_missing" });
    await expect(h.stripe.charges.retrieve("ch_missing")).rejects.toMatchObject({ statusCode: 404 });

    // A declined card leaves a payment intent without a charge: nothing to refund.
    const customer = await h.stripe.customers.create({ email: "d@example.com" });
    h.emulator.setCardDeclines(customer.id, true);
    const sub = await h.stripe.subscriptions.create({ customer: customer.id, items: [{ price: await priceId(h.stripe, "pro_monthly") }] });
    const declined = (await h.stripe.invoicePayments.list({ invoice: sub.latest_invoice as string })).data[0];
    const intentId = declined.payment.payment_intent as string;
    expect(await h.stripe.paymentIntents.retrieve(intentId)).toMatchObject({ status: "requires_payment_method", latest_charge: null });
    await expect(h.stripe.refunds.create({ payment_intent: intentId })).rejects.toMatchObject({
      statusCode: 400,
      code: "charge_not_refundable",
    });
    expect((await h.stripe.refunds.list()).data).toHaveLength(0);
  });
});
