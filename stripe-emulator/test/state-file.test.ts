import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type Stripe from "stripe";
import { checkoutSubscription, DAY, type Harness, startHarness, WebhookReceiver } from "./helpers";

/** `stateFile`: an emulator restarted on its file carries on where it stopped. */
describe("the state file", () => {
  let dir: string;
  let file: string;
  let receiver: WebhookReceiver;
  const running: Harness[] = [];
  const start = async (opts: { startTime?: Date } = {}) => {
    const h = await startHarness({ stateFile: file, startTime: opts.startTime ?? new Date("2025-03-10T12:00:00Z") });
    running.push(h);
    return h;
  };

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), "emulator-state-"));
    file = join(dir, "stripe.json");
    receiver = await new WebhookReceiver().start();
  });
  afterEach(async () => {
    for (const h of running.splice(0)) await h.close();
    await receiver.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("keeps customers, subscriptions, invoices, the clock and idempotency keys, and bills on from there", async () => {
    const first = await start();
    receiver.secret = first.emulator.addWebhookEndpoint(receiver.url).secret;
    const customer = await first.stripe.customers.create({ email: "keep@example.com" }, { idempotencyKey: "customer-once" });
    const { subscription } = await checkoutSubscription(first, [
      { lookupKey: "team_base_monthly", quantity: 1 },
      { lookupKey: "team_seat_monthly", quantity: 3 },
    ]);
    await first.emulator.advanceClock(new Date(first.emulator.now().getTime() + 32 * DAY * 1000));
    const before = {
      now: first.emulator.now().toISOString(),
      subscription: await first.stripe.subscriptions.retrieve(subscription.id),
      invoices: (await first.stripe.invoices.list({ subscription: subscription.id })).data,
      prices: (await first.stripe.prices.list({ limit: 100 })).data.map((p) => p.id).sort(),
    };
    expect(before.invoices.map((i) => i.billing_reason)).toEqual(["subscription_cycle", "subscription_create"]);
    await first.close();
    running.length = 0;

    // Started again on the file (and told a start time before the saved clock, which it does not go back to).
    const second = await start({ startTime: new Date("2025-03-10T12:00:00Z") });
    expect(second.emulator.now().toISOString()).toBe(before.now);
    expect(await second.stripe.subscriptions.retrieve(subscription.id)).toEqual(before.subscription);
    expect((await second.stripe.invoices.list({ subscription: subscription.id })).data).toEqual(before.invoices);
    expect((await second.stripe.prices.list({ limit: 100 })).data.map((p) => p.id).sort()).toEqual(before.prices);
    const replay = await second.stripe.customers.create({ email: "keep@example.com" }, { idempotencyKey: "customer-once" });
    expect(replay.id).toBe(customer.id);
    expect(replay.lastResponse.headers["idempotent-replayed"]).toBe("true");
    // The same endpoint and secret for the same URL: no second endpoint signing with another secret.
    expect(second.emulator.addWebhookEndpoint(receiver.url).secret).toBe(receiver.secret);

    // Billing goes on: a seat change with its proration, then the next renewal, numbered after the last.
    const seatItem = before.subscription.items.data.find((i) => i.price.lookup_key === "team_seat_monthly") as Stripe.SubscriptionItem;
    await second.stripe.subscriptionItems.update(seatItem.id, { quantity: 4, proration_behavior: "create_prorations" });
    await second.emulator.advanceClock(new Date(second.emulator.now().getTime() + 31 * DAY * 1000));
    const [latest, previous] = (await second.stripe.invoices.list({ subscription: subscription.id })).data;
    expect(latest.billing_reason).toBe("subscription_cycle");
    expect(latest.lines.data.some((l) => l.parent?.subscription_item_details?.proration)).toBe(true);
    const sequence = (n: string | null) => Number(n?.split("-").pop());
    expect(sequence(latest.number)).toBe(sequence(previous.number) + 1);
    await receiver.waitFor(() =>
      receiver.received.some((r) => r.event.type === "invoice.paid" && (r.event.data.object as Stripe.Invoice).id === latest.id),
    );
    expect(receiver.rejected).toEqual([]);
  });

  it("keeps events for 30 days, as Stripe does", async () => {
    const h = await start();
    const first = await h.stripe.customers.create({ email: "old@example.com" });
    const [created] = (await h.stripe.events.list({ limit: 1 })).data;
    expect((created.data.object as Stripe.Customer).id).toBe(first.id);
    await h.emulator.advanceClock(new Date(h.emulator.now().getTime() + 29 * DAY * 1000));
    await h.stripe.customers.create({ email: "new@example.com" });
    expect((await h.stripe.events.retrieve(created.id)).id).toBe(created.id);
    await h.emulator.advanceClock(new Date(h.emulator.now().getTime() + 2 * DAY * 1000));
    await h.stripe.customers.create({ email: "newer@example.com" });
    await expect(h.stripe.events.retrieve(created.id)).rejects.toMatchObject({ statusCode: 404 });
    const saved = JSON.parse(readFileSync(file, "utf8"));
    expect(saved.tables.events.map((e: Stripe.Event) => e.id)).not.toContain(created.id);
    expect(saved.tables.events).toHaveLength(2);
    // The customer itself is kept: only the event log is trimmed.
    expect((await h.stripe.customers.retrieve(first.id)).id).toBe(first.id);
  });

  it("sends again what it had not delivered when it stopped", async () => {
    const first = await start();
    receiver.secret = first.emulator.addWebhookEndpoint(receiver.url).secret;
    first.emulator.setDeliveryMode("queued");
    const customer = await first.stripe.customers.create({ email: "late@example.com" });
    await first.close();
    running.length = 0;
    expect(receiver.received).toEqual([]);

    await start();
    await receiver.waitFor(() => receiver.received.some((r) => r.event.type === "customer.created"));
    expect((receiver.received[0].event.data.object as Stripe.Customer).id).toBe(customer.id);
  });

  it("is written on every change, and a damaged file stops the start with a clear error", async () => {
    const h = await start();
    await h.stripe.customers.create({ email: "a@example.com" });
    const saved = JSON.parse(readFileSync(file, "utf8"));
    expect(saved.tables.customers.map((c: Stripe.Customer) => c.email)).toEqual(["a@example.com"]);
    await h.close();
    running.length = 0;

    writeFileSync(file, '{"format": 1, "tables": {"customers": [');
    await expect(start()).rejects.toThrow(/not readable JSON/);
  });

  it("keeps charges, refunds and a bank debit waiting to settle", async () => {
    const first = await start();
    const { subscription } = await checkoutSubscription(first, [{ lookupKey: "pro_monthly", quantity: 1 }]);
    const payment = (await first.stripe.invoicePayments.list({ invoice: subscription.latest_invoice as string })).data[0];
    const refund = await first.stripe.refunds.create({ payment_intent: payment.payment.payment_intent as string, amount: 700 });
    const debit = await first.stripe.checkout.sessions.create({
      mode: "subscription",
      line_items: [{ price: (subscription.items.data[0].price as Stripe.Price).id, quantity: 1 }],
      customer_email: "debit@example.com",
    });
    await first.emulator.payCheckoutSession(debit.id, { method: "bank_debit" });
    await first.close();
    running.length = 0;

    const second = await start();
    expect(await second.stripe.refunds.retrieve(refund.id)).toMatchObject({ amount: 700, status: "succeeded" });
    expect(await second.stripe.charges.retrieve(refund.charge as string)).toMatchObject({ amount_refunded: 700, refunded: false });
    await second.emulator.settleCheckoutPayment(debit.id, { succeed: true });
    const settled = await second.stripe.checkout.sessions.retrieve(debit.id, { expand: ["subscription"] });
    expect(settled.payment_status).toBe("paid");
    expect((settled.subscription as Stripe.Subscription).status).toBe("active");
  });
});
