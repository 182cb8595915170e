import type Stripe from "stripe";
import { checkoutSubscription, type Harness, priceId, startHarness, WebhookReceiver } from "./helpers";

describe("checkout sessions and the hosted page", () => {
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

  async function teamSession(extra: Partial<Stripe.Checkout.SessionCreateParams> = {}) {
    return h.stripe.checkout.sessions.create({
      mode: "subscription",
      line_items: [
        { price: await priceId(h.stripe, "team_base_monthly"), quantity: 1 },
        { price: await priceId(h.stripe, "team_seat_monthly"), quantity: 3 },
      ],
      customer_email: "owner@acme.test",
      client_reference_id: "org_acme",
      metadata: { org_id: "org_acme", kind: "upgrade" },
      subscription_data: { metadata: { org_id: "org_acme", plan: "TEAM" } },
      success_url: "http://app.test/billing/success?session_id={CHECKOUT_SESSION_ID}",
      cancel_url: "http://app.test/billing/canceled",
      ...extra,
    });
  }

  it("creates an open session whose url is the emulator's hosted page", async () => {
    const session = await teamSession();
    expect(session).toMatchObject({
      object: "checkout.session",
      mode: "subscription",
      status: "open",
      payment_status: "unpaid",
      client_reference_id: "org_acme",
      metadata: { org_id: "org_acme", kind: "upgrade" },
      customer_email: "owner@acme.test",
      amount_total: 4_900 + 3 * 1_200,
      currency: "usd",
      subscription: null,
    });
    expect(session.id).toMatch(/^cs_test_/);
    expect(session.url).toBe(`${h.emulator.url}/checkout/${session.id}`);
  });

  it("shows what is bought, the total, and Pay and Cancel buttons", async () => {
    const session = await teamSession();
    const res = await fetch(session.url as string);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/text\/html/);
    const html = await res.text();
    expect(html).toMatch(/<td>Team<\/td><td class="num">1 × \$49\.00 \/ month<\/td><td class="num">\$49\.00<\/td>/);
    expect(html).toMatch(/<td>Team seat<\/td><td class="num">3 × \$12\.00 \/ month<\/td><td class="num">\$36\.00<\/td>/);
    expect(html).toMatch(/data-testid="total">\$85\.00</);
    expect(html).toContain(`action="/checkout/${session.id}/pay"`);
    expect(html).toContain(`action="/checkout/${session.id}/cancel"`);
    expect(html).toMatch(/<button[^>]*>Pay<\/button>/);
    expect(html).toMatch(/<button[^>]*>Cancel<\/button>/);
  });

  it("pays through the page: 303 to the success URL with the session id, a subscription, a paid invoice, and the events", async () => {
    const session = await teamSession();
    const res = await fetch(`${session.url}/pay`, { method: "POST", redirect: "manual" });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`http://app.test/billing/success?session_id=${session.id}`);

    const done = await h.stripe.checkout.sessions.retrieve(session.id, { expand: ["subscription", "line_items"] });
    expect(done).toMatchObject({ status: "complete", payment_status: "paid" });
    const sub = done.subscription as Stripe.Subscription;
    expect(sub).toMatchObject({
      status: "active",
      metadata: { org_id: "org_acme", plan: "TEAM" },
      customer: done.customer,
    });
    expect(sub.items.data.map((i) => [i.price.lookup_key, i.quantity])).toEqual([
      ["team_base_monthly", 1],
      ["team_seat_monthly", 3],
    ]);
    expect(done.line_items?.data.map((li) => [li.description, li.quantity, li.amount_total])).toEqual([
      ["Team", 1, 4_900],
      ["Team seat", 3, 3_600],
    ]);
    const customer = (await h.stripe.customers.retrieve(done.customer as string)) as Stripe.Customer;
    expect(customer.email).toBe("owner@acme.test");
    const invoice = await h.stripe.invoices.retrieve(done.invoice as string);
    expect(invoice).toMatchObject({
      status: "paid",
      billing_reason: "subscription_create",
      total: 8_500,
      amount_paid: 8_500,
      customer_email: "owner@acme.test",
    });

    await receiver.waitFor(() =>
      receiver.received.some(
        (r) => r.event.type === "checkout.session.completed" && (r.event.data.object as { id: string }).id === session.id,
      ),
    );
    const types = receiver.received
      .filter((r) => JSON.stringify(r.event.data.object).includes(done.customer as string))
      .map((r) => r.event.type);
    for (const t of [
      "customer.created",
      "customer.subscription.created",
      "invoice.created",
      "invoice.finalized",
      "invoice.paid",
      "invoice.payment_succeeded",
      "customer.subscription.updated",
      "checkout.session.completed",
    ]) {
      expect(types).toContain(t);
    }
    expect(types.indexOf("customer.created")).toBeLessThan(types.indexOf("checkout.session.completed"));
    const completed = receiver.received.find(
      (r) => r.event.type === "checkout.session.completed" && (r.event.data.object as { id: string }).id === session.id,
    );
    expect(completed?.event.data.object).toMatchObject({
      client_reference_id: "org_acme",
      subscription: sub.id,
      metadata: { org_id: "org_acme" },
    });
  });

  it("cancels through the page: 303 to the cancel URL, the session stays open", async () => {
    const session = await teamSession();
    const res = await fetch(`${session.url}/cancel`, { method: "POST", redirect: "manual" });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("http://app.test/billing/canceled");
    expect((await h.stripe.checkout.sessions.retrieve(session.id)).status).toBe("open");
  });

  it("cannot be paid twice", async () => {
    const session = await teamSession();
    await h.emulator.payCheckoutSession(session.id);
    const again = await fetch(`${session.url}/pay`, { method: "POST", redirect: "manual" });
    expect(again.status).toBe(400);
    expect(await again.text()).toMatch(/no longer active/);
    await expect(h.emulator.payCheckoutSession(session.id)).rejects.toThrow(/no longer active/);
  });

  it("takes a one-off payment with price_data (a top-up): a payment intent with its metadata, no subscription", async () => {
    const { subscription } = await checkoutSubscription(h, [{ lookupKey: "pro_monthly", quantity: 1 }]);
    const session = await h.stripe.checkout.sessions.create({
      mode: "payment",
      customer: subscription.customer as string,
      line_items: [{ price_data: { currency: "usd", unit_amount: 5_000, product_data: { name: "5,000 credits" } }, quantity: 1 }],
      metadata: { org_id: "org_acme", kind: "topup", credits: "5000" },
      payment_intent_data: { metadata: { org_id: "org_acme", credits: "5000" } },
      success_url: "http://app.test/topup/done?cs={CHECKOUT_SESSION_ID}",
    });
    expect(session.amount_total).toBe(5_000);
    const location = await h.emulator.payCheckoutSession(session.id);
    expect(location).toBe(`http://app.test/topup/done?cs=${session.id}`);
    const done = await h.stripe.checkout.sessions.retrieve(session.id, { expand: ["payment_intent"] });
    expect(done).toMatchObject({
      status: "complete",
      payment_status: "paid",
      subscription: null,
      invoice: null,
      metadata: { kind: "topup" },
    });
    expect(done.payment_intent).toMatchObject({
      object: "payment_intent",
      status: "succeeded",
      amount: 5_000,
      metadata: { credits: "5000" },
    });
    // Inline prices are not listed among the catalog's prices.
    const listed = await h.stripe.prices.list({ limit: 100 });
    expect(listed.data.every((p) => p.unit_amount !== 5_000 || p.lookup_key !== null)).toBe(true);
  });

  it("issues a paid invoice for a one-off payment with invoice_creation", async () => {
    const customer = await h.stripe.customers.create({ email: "invoiced@example.com" });
    const session = await h.stripe.checkout.sessions.create({
      mode: "payment",
      customer: customer.id,
      line_items: [{ price_data: { currency: "usd", unit_amount: 1_000, product_data: { name: "1,000 credits" } }, quantity: 2 }],
      invoice_creation: { enabled: true },
      success_url: "http://app.test/ok",
    });
    await h.emulator.payCheckoutSession(session.id);
    const done = await h.stripe.checkout.sessions.retrieve(session.id);
    const invoice = await h.stripe.invoices.retrieve(done.invoice as string);
    expect(invoice).toMatchObject({
      status: "paid",
      total: 2_000,
      amount_paid: 2_000,
      customer_email: "invoiced@example.com",
      billing_reason: "manual",
    });
    expect(invoice.lines.data.map((l) => [l.description, l.quantity, l.amount])).toEqual([["1,000 credits", 2, 2_000]]);
  });

  it("leaves the session open when an existing customer's card declines", async () => {
    const customer = await h.stripe.customers.create({ email: "declined@example.com" });
    h.emulator.setCardDeclines(customer.id, true);
    const session = await teamSession({ customer: customer.id, customer_email: undefined });
    const res = await fetch(`${session.url}/pay`, { method: "POST", redirect: "manual" });
    expect(res.status).toBe(402);
    expect(await res.text()).toContain("Your card was declined.");
    expect((await h.stripe.checkout.sessions.retrieve(session.id)).status).toBe("open");
    expect((await h.stripe.subscriptions.list({ customer: customer.id })).data).toHaveLength(0);
    h.emulator.setCardDeclines(customer.id, false);
    await h.emulator.payCheckoutSession(session.id);
    expect((await h.stripe.subscriptions.list({ customer: customer.id })).data).toHaveLength(1);
  });

  it("asks for an email on the page when it knows none, and uses it", async () => {
    const session = await teamSession({ customer_email: undefined });
    expect(await (await fetch(session.url as string)).text()).toContain('name="email"');
    await fetch(`${session.url}/pay`, {
      method: "POST",
      redirect: "manual",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: "email=typed%40example.com",
    });
    const done = await h.stripe.checkout.sessions.retrieve(session.id, { expand: ["customer"] });
    expect((done.customer as Stripe.Customer).email).toBe("typed@example.com");
    expect(done.customer_details?.email).toBe("typed@example.com");
  });

  it("refuses inconsistent sessions", async () => {
    const seat = await priceId(h.stripe, "team_seat_monthly");
    const customer = await h.stripe.customers.create({});
    await expect(h.stripe.checkout.sessions.create({ mode: "payment", line_items: [{ price: seat, quantity: 1 }] })).rejects.toMatchObject({
      statusCode: 400,
      message: expect.stringMatching(/recurring price/),
    });
    await expect(
      h.stripe.checkout.sessions.create({
        mode: "subscription",
        customer: customer.id,
        customer_email: "a@b.c",
        line_items: [{ price: seat, quantity: 1 }],
      }),
    ).rejects.toMatchObject({ param: "customer_email" });
    await expect(
      h.stripe.checkout.sessions.create({ mode: "subscription", line_items: [{ price: "price_nope", quantity: 1 }] }),
    ).rejects.toMatchObject({
      statusCode: 400,
      code: "resource_missing",
      param: "line_items[0][price]",
    });
    await expect(h.stripe.checkout.sessions.create({ mode: "subscription", line_items: [{ price: seat }] })).rejects.toMatchObject({
      code: "parameter_missing",
      param: "line_items[0][quantity]",
    });
  });

  it("expires sessions, by request or after expires_at", async () => {
    const session = await teamSession();
    expect((await h.stripe.checkout.sessions.expire(session.id)).status).toBe("expired");
    await expect(h.emulator.payCheckoutSession(session.id)).rejects.toThrow(/no longer active/);
    const later = await teamSession();
    await h.emulator.advanceClock(new Date(later.expires_at * 1000 + 1000));
    expect((await h.stripe.checkout.sessions.retrieve(later.id)).status).toBe("expired");
  });
});
