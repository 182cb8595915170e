import type Stripe from "stripe";
import { checkoutSubscription, type Harness, startHarness, WebhookReceiver } from "./helpers";

/** POSTs the hosted page's form as a browser would; answers the status and where it redirects. */
async function submitPage(url: string, fields: Record<string, string>): Promise<{ status: number; location: string | null; html: string }> {
  const res = await fetch(`${url}/pay`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields).toString(),
  });
  return { status: res.status, location: res.headers.get("location"), html: await res.text() };
}

describe("payment methods: subscription checkouts and setup mode", () => {
  let h: Harness;
  let receiver: WebhookReceiver;
  beforeAll(async () => {
    h = await startHarness({ startTime: new Date("2025-01-15T12:00:00Z") });
    receiver = await new WebhookReceiver().start();
    h.emulator.addWebhookEndpoint(receiver.url, { secret: receiver.secret });
  });
  afterAll(async () => {
    await h.close();
    await receiver.close();
  });

  async function paidTeam() {
    const customer = await h.stripe.customers.create({ name: "Acme", email: "owner@acme.test" });
    const { subscription } = await checkoutSubscription(
      h,
      [
        { lookupKey: "team_base_monthly", quantity: 1 },
        { lookupKey: "team_seat_monthly", quantity: 3 },
      ],
      { customer: customer.id, customer_email: undefined },
    );
    return { customer, subscription };
  }

  function setupSession(customer: string, extra: Partial<Stripe.Checkout.SessionCreateParams> = {}) {
    return h.stripe.checkout.sessions.create({
      mode: "setup",
      currency: "usd",
      customer,
      metadata: { org_id: "org_acme", merchant_name: "Team Billing", org_name: "Acme" },
      setup_intent_data: { metadata: { org_id: "org_acme" } },
      success_url: "http://app.test/billing?session_id={CHECKOUT_SESSION_ID}",
      cancel_url: "http://app.test/billing",
      ...extra,
    });
  }

  it("a paid subscription checkout leaves the test Visa as the subscription's default card", async () => {
    const { customer, subscription } = await paidTeam();
    expect(subscription.default_payment_method).toMatch(/^pm_/);
    const pm = await h.stripe.paymentMethods.retrieve(subscription.default_payment_method as string);
    expect(pm).toMatchObject({ object: "payment_method", type: "card", customer: customer.id });
    expect(pm.card).toMatchObject({ brand: "visa", last4: "4242", exp_month: 12, exp_year: 2034 });
    const listed = await h.stripe.customers.listPaymentMethods(customer.id);
    expect(listed.data.map((p) => p.id)).toEqual([pm.id]);
  });

  it("shows a card form with no amount, naming the merchant and the org, a way back and a favicon", async () => {
    const { customer } = await paidTeam();
    const session = await setupSession(customer.id);
    expect(session).toMatchObject({ mode: "setup", status: "open", amount_total: null, payment_status: "no_payment_required" });
    const html = await (await fetch(session.url as string)).text();
    expect(html).toContain('Save a card for <span class="merchant">Team Billing</span> to charge for <strong>Acme</strong>');
    expect(html).toContain('href="http://app.test/billing">← Back to Team Billing</a>');
    expect(html).toContain('name="card_number"');
    expect(html).toContain(">Save card</button>");
    expect(html).not.toContain("Total due today");
    expect(html).not.toContain("Bank debit");
    const icon = await fetch(`${h.emulator.url}/favicon.ico`);
    expect(icon.status).toBe(200);
    expect(icon.headers.get("content-type")).toBe("image/svg+xml");
  });

  it("a payment page without merchant metadata names the host the buyer came from and the customer", async () => {
    const customer = await h.stripe.customers.create({ name: "Globex", email: "o@globex.test" });
    const session = await setupSession(customer.id, { metadata: {} });
    const html = await (await fetch(session.url as string)).text();
    expect(html).toContain('Save a card for <span class="merchant">app.test</span> to charge for <strong>Globex</strong>');
  });

  it("saving a card makes a PaymentMethod from the number typed and a succeeded SetupIntent, then completes the session", async () => {
    const { customer, subscription } = await paidTeam();
    const session = await setupSession(customer.id);
    const done = await submitPage(session.url as string, { card_number: "5555 5555 5555 4444", card_expiry: "08 / 29", method: "card" });
    expect(done.status).toBe(303);
    expect(done.location).toBe(`http://app.test/billing?session_id=${session.id}`);

    const completed = await h.stripe.checkout.sessions.retrieve(session.id);
    expect(completed).toMatchObject({ status: "complete", mode: "setup", url: null });
    const intent = await h.stripe.setupIntents.retrieve(completed.setup_intent as string);
    expect(intent).toMatchObject({ status: "succeeded", customer: customer.id, metadata: { org_id: "org_acme" }, usage: "off_session" });
    const pm = await h.stripe.paymentMethods.retrieve(intent.payment_method as string);
    expect(pm.card).toMatchObject({ brand: "mastercard", last4: "4444", exp_month: 8, exp_year: 2029 });
    expect(pm.customer).toBe(customer.id);

    // The integration makes it the default, on the customer and on the subscription.
    await h.stripe.customers.update(customer.id, { invoice_settings: { default_payment_method: pm.id } });
    await h.stripe.subscriptions.update(subscription.id, { default_payment_method: pm.id });
    const expanded = await h.stripe.customers.retrieve(customer.id, { expand: ["invoice_settings.default_payment_method"] });
    const defaultPm = (expanded as Stripe.Customer).invoice_settings.default_payment_method as Stripe.PaymentMethod;
    expect(defaultPm.card?.last4).toBe("4444");
    expect((await h.stripe.subscriptions.retrieve(subscription.id)).default_payment_method).toBe(pm.id);

    await h.emulator.flushWebhooks();
    const types = receiver.received.map((r) => r.event.type);
    expect(types).toEqual(expect.arrayContaining(["setup_intent.succeeded", "payment_method.attached"]));
    const completedEvent = receiver.received.find(
      (r) => r.event.type === "checkout.session.completed" && (r.event.data.object as { id: string }).id === session.id,
    );
    expect(completedEvent?.event.data.object).toMatchObject({ mode: "setup", setup_intent: intent.id });
  });

  it("a bad or declined card leaves the session open and says why on the page", async () => {
    const { customer } = await paidTeam();
    const session = await setupSession(customer.id);
    const bad = await submitPage(session.url as string, { card_number: "4242 4242 4242 4241", card_expiry: "12 / 34" });
    expect(bad.status).toBe(402);
    expect(bad.html).toContain("Your card number is invalid.");
    const expired = await submitPage(session.url as string, { card_number: "4242424242424242", card_expiry: "12 / 20" });
    expect(expired.html).toContain("Your card has expired.");
    const declined = await submitPage(session.url as string, { card_number: "4000 0000 0000 0002", card_expiry: "12 / 34" });
    expect(declined.html).toContain("Your card was declined.");
    expect((await h.stripe.checkout.sessions.retrieve(session.id)).status).toBe("open");
    expect((await h.stripe.customers.listPaymentMethods(customer.id)).data).toHaveLength(1); // the checkout's card only
  });

  it("refuses a default payment method the customer does not hold, and line items in setup mode", async () => {
    const { customer } = await paidTeam();
    const other = await paidTeam();
    const othersCard = other.subscription.default_payment_method as string;
    await expect(
      h.stripe.customers.update(customer.id, { invoice_settings: { default_payment_method: othersCard } }),
    ).rejects.toMatchObject({
      statusCode: 400,
      param: "invoice_settings[default_payment_method]",
    });
    await expect(
      setupSession(customer.id, {
        line_items: [{ price_data: { currency: "usd", unit_amount: 100, product_data: { name: "x" } }, quantity: 1 }],
      }),
    ).rejects.toMatchObject({ statusCode: 400, param: "line_items" });
  });

  it("previews the next renewal, due at the period's end", async () => {
    const { subscription } = await paidTeam();
    const preview = await h.stripe.invoices.createPreview({ subscription: subscription.id });
    const periodEnd = subscription.items.data[0].current_period_end;
    expect(preview.amount_due).toBe(4_900 + 3 * 1_200);
    expect(preview.next_payment_attempt).toBe(periodEnd);
    expect(preview.lines.data.map((l) => l.amount)).toEqual([4_900, 3_600]);
    await h.stripe.subscriptions.update(subscription.id, { cancel_at_period_end: true });
    await expect(h.stripe.invoices.createPreview({ subscription: subscription.id })).rejects.toMatchObject({
      statusCode: 404,
      code: "invoice_upcoming_none",
    });
  });
});
