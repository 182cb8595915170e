import type Stripe from "stripe";
import { type Harness, priceId, startHarness, WebhookReceiver } from "./helpers";

const AUTH = { Authorization: "Bearer sk_test_async", "Content-Type": "application/json" };

/** "Bank debit" on the hosted page: the session completes unpaid, the money settles later. */
describe("async payments (bank debit)", () => {
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

  const eventsFor = (type: string, sessionId: string) =>
    receiver.received.filter((r) => r.event.type === type && (r.event.data.object as { id: string }).id === sessionId);

  async function teamSession(): Promise<Stripe.Checkout.Session> {
    return h.stripe.checkout.sessions.create({
      mode: "subscription",
      line_items: [
        { price: await priceId(h.stripe, "team_base_monthly"), quantity: 1 },
        { price: await priceId(h.stripe, "team_seat_monthly"), quantity: 2 },
      ],
      customer_email: "owner@acme.test",
      success_url: "http://app.test/billing/success?session_id={CHECKOUT_SESSION_ID}",
      cancel_url: "http://app.test/billing",
    });
  }

  it("subscription: the page's Bank debit completes the session unpaid; settling pays the first invoice and activates the subscription", async () => {
    const session = await teamSession();
    const page = await (await fetch(session.url as string)).text();
    expect(page).toMatch(/<button[^>]*name="method" value="bank_debit"[^>]*>Bank debit<\/button>/);
    expect(page).toMatch(/<button[^>]*>Pay<\/button>/);

    // What the browser sends when "Bank debit" is clicked: the form with the button's name and value.
    const res = await fetch(`${session.url}/pay`, {
      method: "POST",
      redirect: "manual",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: h.emulator.url },
      body: "method=bank_debit",
    });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`http://app.test/billing/success?session_id=${session.id}`);

    const done = await h.stripe.checkout.sessions.retrieve(session.id, { expand: ["subscription", "invoice"] });
    expect(done).toMatchObject({ status: "complete", payment_status: "unpaid", url: null });
    expect((done.subscription as Stripe.Subscription).status).toBe("incomplete");
    const invoice = done.invoice as Stripe.Invoice;
    expect(invoice).toMatchObject({ status: "open", amount_paid: 0, amount_due: 7_300 });
    const payment = (await h.stripe.invoicePayments.list({ invoice: invoice.id })).data[0];
    const intent = await h.stripe.paymentIntents.retrieve(payment.payment.payment_intent as string, { expand: ["latest_charge"] });
    expect(intent).toMatchObject({ status: "processing", payment_method_types: ["us_bank_account"] });
    expect(intent.latest_charge).toMatchObject({ status: "pending", paid: false });
    await receiver.waitFor(() => eventsFor("checkout.session.completed", session.id).length === 1);
    expect(eventsFor("checkout.session.completed", session.id)[0].event.data.object).toMatchObject({ payment_status: "unpaid" });

    const settled = await fetch(`${h.emulator.url}/_emulator/checkout/${session.id}/settle`, {
      method: "POST",
      headers: AUTH,
      body: JSON.stringify({ succeed: true }),
    });
    expect(settled.status).toBe(200);
    await receiver.waitFor(() => eventsFor("checkout.session.async_payment_succeeded", session.id).length === 1);
    expect(eventsFor("checkout.session.async_payment_succeeded", session.id)[0].event.data.object).toMatchObject({
      payment_status: "paid",
    });
    const after = await h.stripe.checkout.sessions.retrieve(session.id, { expand: ["subscription", "invoice"] });
    expect(after.payment_status).toBe("paid");
    expect((after.subscription as Stripe.Subscription).status).toBe("active");
    expect(after.invoice).toMatchObject({ status: "paid", amount_paid: 7_300 });
    expect(await h.stripe.charges.retrieve((intent.latest_charge as Stripe.Charge).id)).toMatchObject({
      status: "succeeded",
      paid: true,
    });
    expect(receiver.types()).toContain("invoice.paid");

    // Settled once: a second settlement is refused and changes nothing.
    const again = await fetch(`${h.emulator.url}/_emulator/checkout/${session.id}/settle`, {
      method: "POST",
      headers: AUTH,
      body: JSON.stringify({ succeed: false }),
    });
    expect(again.status).toBe(400);
    expect((await h.stripe.checkout.sessions.retrieve(session.id)).payment_status).toBe("paid");
  });

  it("payment mode: a failed debit sends async_payment_failed and leaves the session unpaid", async () => {
    const session = await h.stripe.checkout.sessions.create({
      mode: "payment",
      line_items: [{ price_data: { currency: "usd", unit_amount: 2_500, product_data: { name: "Credits" } }, quantity: 1 }],
      customer_email: "buyer@example.com",
      success_url: "http://app.test/ok",
    });
    // The HTTP control pays by bank debit too.
    const paid = await fetch(`${h.emulator.url}/_emulator/checkout/${session.id}/pay`, {
      method: "POST",
      headers: AUTH,
      body: JSON.stringify({ method: "bank_debit" }),
    });
    expect(await paid.json()).toEqual({ redirect: "http://app.test/ok" });
    const done = await h.stripe.checkout.sessions.retrieve(session.id);
    expect(done).toMatchObject({ status: "complete", payment_status: "unpaid" });
    expect((await h.stripe.paymentIntents.retrieve(done.payment_intent as string)).status).toBe("processing");
    // Not yet settled: nothing to refund.
    await expect(h.stripe.refunds.create({ payment_intent: done.payment_intent as string })).rejects.toMatchObject({ statusCode: 400 });

    await h.emulator.settleCheckoutPayment(session.id, { succeed: false });
    await receiver.waitFor(() => eventsFor("checkout.session.async_payment_failed", session.id).length === 1);
    expect(eventsFor("checkout.session.async_payment_succeeded", session.id)).toHaveLength(0);
    expect((await h.stripe.checkout.sessions.retrieve(session.id)).payment_status).toBe("unpaid");
    const intent = await h.stripe.paymentIntents.retrieve(done.payment_intent as string, { expand: ["latest_charge"] });
    expect(intent.status).toBe("requires_payment_method");
    expect(intent.latest_charge).toMatchObject({ status: "failed", failure_code: "insufficient_funds" });
    expect(receiver.types()).toContain("payment_intent.payment_failed");
  });

  it("pays by card through the control as before, and only a pending debit can settle", async () => {
    const session = await teamSession();
    await h.emulator.payCheckoutSession(session.id);
    expect(await h.stripe.checkout.sessions.retrieve(session.id)).toMatchObject({ status: "complete", payment_status: "paid" });
    await expect(h.emulator.settleCheckoutPayment(session.id, { succeed: true })).rejects.toThrow(/no bank debit waiting/);
    const bad = await fetch(`${h.emulator.url}/_emulator/checkout/${session.id}/settle`, { method: "POST", headers: AUTH, body: "{}" });
    expect(bad.status).toBe(400);
  });
});
