import type Stripe from "stripe";
import { checkoutSubscription, errorOf, type Harness, priceId, startHarness, WebhookReceiver } from "./helpers";

/** Differences from Stripe found by validating responses against Stripe's OpenAPI spec. */
describe("fidelity to Stripe", () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ startTime: new Date("2025-01-15T12:00:00Z") });
  });
  afterEach(() => h.close());

  it("invoices carry amount_paid_off_stripe: 0, or what was paid out of band", async () => {
    const { subscription } = await checkoutSubscription(h, [{ lookupKey: "pro_monthly", quantity: 1 }]);
    const paid = await h.stripe.invoices.retrieve(subscription.latest_invoice as string);
    expect(paid.amount_paid_off_stripe).toBe(0);

    const customer = await h.stripe.customers.create({ email: "oob@example.com" });
    h.emulator.setCardDeclines(customer.id, true);
    const declined = await h.stripe.subscriptions.create({
      customer: customer.id,
      items: [{ price: await priceId(h.stripe, "pro_monthly") }],
    });
    const open = await h.stripe.invoices.retrieve(declined.latest_invoice as string);
    expect(open).toMatchObject({ status: "open", amount_paid_off_stripe: 0 });
    const outOfBand = await h.stripe.invoices.pay(open.id, { paid_out_of_band: true });
    expect(outOfBand).toMatchObject({ status: "paid", amount_paid_off_stripe: 2_000, amount_remaining: 0 });
  });

  it("a completed session's url is null; an open one keeps the hosted page", async () => {
    const { session } = await checkoutSubscription(h, [{ lookupKey: "pro_monthly", quantity: 1 }]);
    expect(session).toMatchObject({ status: "complete", url: null });
    const listed = await h.stripe.checkout.sessions.list({ status: "complete" });
    expect(listed.data[0]).toMatchObject({ id: session.id, url: null });
  });

  it("expires an open session (url null, checkout.session.expired); a complete one gets Stripe's error", async () => {
    const receiver = await new WebhookReceiver().start();
    try {
      h.emulator.addWebhookEndpoint(receiver.url, { secret: receiver.secret });
      const session = await h.stripe.checkout.sessions.create({
        mode: "subscription",
        line_items: [{ price: await priceId(h.stripe, "pro_monthly"), quantity: 1 }],
        customer_email: "e@example.com",
        success_url: "http://app.test/ok",
      });
      expect(session.url).toBe(`${h.emulator.url}/checkout/${session.id}`);
      const expired = await h.stripe.checkout.sessions.expire(session.id);
      expect(expired).toMatchObject({ status: "expired", url: null });
      await receiver.waitFor(() => receiver.types().includes("checkout.session.expired"));
      expect(receiver.received.find((r) => r.event.type === "checkout.session.expired")?.event.data.object).toMatchObject({
        id: session.id,
        status: "expired",
      });
      await expect(h.stripe.checkout.sessions.expire(session.id)).rejects.toMatchObject({
        statusCode: 400,
        type: "StripeInvalidRequestError",
        message: 'Only Checkout Sessions with a status in ["open"] can be expired. This Checkout Session has a status of `expired`.',
      });
      // A paid session cannot be expired either, and stays complete.
      const { session: complete } = await checkoutSubscription(h, [{ lookupKey: "pro_monthly", quantity: 1 }]);
      await expect(h.stripe.checkout.sessions.expire(complete.id)).rejects.toMatchObject({
        statusCode: 400,
        message: expect.stringContaining("This Checkout Session has a status of `complete`."),
      });
      expect((await h.stripe.checkout.sessions.retrieve(complete.id)).status).toBe("complete");
      // Paying an expired session is refused too.
      await expect(h.emulator.payCheckoutSession(session.id)).rejects.toThrow(/no longer active/);
    } finally {
      await receiver.close();
    }
  });

  it("an unknown id inside the request body answers 400 resource_missing with the param; in the URL, 404", async () => {
    const customer = await h.stripe.customers.create({ email: "p@example.com" });
    await expect(h.stripe.subscriptions.create({ customer: customer.id, items: [{ price: "price_nope" }] })).rejects.toMatchObject({
      statusCode: 400,
      code: "resource_missing",
      param: "items[0][price]",
      message: "No such price: 'price_nope'",
    });
    const res = await fetch(`${h.emulator.url}/v1/checkout/sessions`, {
      method: "POST",
      headers: { Authorization: "Bearer sk_test_x", "Content-Type": "application/x-www-form-urlencoded" },
      body: "mode=subscription&line_items[0][price]=price_nope&line_items[0][quantity]=1",
    });
    expect(res.status).toBe(400);
    expect(await errorOf(res)).toMatchObject({ code: "resource_missing", param: "line_items[0][price]" });
    await expect(h.stripe.prices.retrieve("price_nope")).rejects.toMatchObject({ statusCode: 404, code: "resource_missing" });
    expect((await h.stripe.subscriptions.list({ customer: customer.id })).data).toHaveLength(0);
  });

  it("a paid payment intent names its payment method and latest charge, retrievable at /v1/charges/:id", async () => {
    const session = await h.stripe.checkout.sessions.create({
      mode: "payment",
      line_items: [{ price_data: { currency: "usd", unit_amount: 900, product_data: { name: "Top-up" } }, quantity: 2 }],
      customer_email: "t@example.com",
      success_url: "http://app.test/ok",
    });
    await h.emulator.payCheckoutSession(session.id);
    const done = await h.stripe.checkout.sessions.retrieve(session.id, { expand: ["payment_intent"] });
    const intent = done.payment_intent as Stripe.PaymentIntent;
    expect(intent).toMatchObject({ status: "succeeded", amount_received: 1_800 });
    expect(intent.payment_method).toMatch(/^pm_/);
    expect(intent.latest_charge).toMatch(/^ch_/);
    const charge = await h.stripe.charges.retrieve(intent.latest_charge as string);
    expect(charge).toMatchObject({
      id: intent.latest_charge,
      amount: 1_800,
      amount_captured: 1_800,
      captured: true,
      status: "succeeded",
      payment_intent: intent.id,
      payment_method: intent.payment_method,
      receipt_email: "t@example.com",
    });
  });
});
