import type Stripe from "stripe";
import { at, DAY, type Harness, iso, priceId, startHarness, WebhookReceiver } from "./helpers";

/** Team subscriptions: seats changed with prorations, cancellation, listing. */
describe("subscriptions and prorations", () => {
  let h: Harness;
  let receiver: WebhookReceiver;

  beforeEach(async () => {
    h = await startHarness({ startTime: new Date("2025-01-01T00:00:00Z") });
    receiver = await new WebhookReceiver().start();
    h.emulator.addWebhookEndpoint(receiver.url, { secret: receiver.secret });
  });
  afterEach(async () => {
    await h.close();
    await receiver.close();
  });

  async function team(interval: "monthly" | "yearly", seats: number): Promise<Stripe.Subscription> {
    const customer = await h.stripe.customers.create({ email: "owner@acme.test", name: "Acme" });
    return h.stripe.subscriptions.create({
      customer: customer.id,
      items: [
        { price: await priceId(h.stripe, `team_base_${interval}`), quantity: 1 },
        { price: await priceId(h.stripe, `team_seat_${interval}`), quantity: seats },
      ],
      metadata: { org_id: "org_acme" },
    });
  }
  const seatItem = (sub: Stripe.Subscription) =>
    sub.items.data.find((i) => i.price.lookup_key?.startsWith("team_seat")) as Stripe.SubscriptionItem;
  const pending = async (customer: string) => (await h.stripe.invoiceItems.list({ customer, pending: true })).data;

  it("starts active with items carrying their current period", async () => {
    const sub = await team("monthly", 3);
    expect(sub.status).toBe("active");
    expect(sub.items.data.map((i) => [iso(i.current_period_start), iso(i.current_period_end)])).toEqual([
      ["2025-01-01T00:00:00.000Z", "2025-02-01T00:00:00.000Z"],
      ["2025-01-01T00:00:00.000Z", "2025-02-01T00:00:00.000Z"],
    ]);
    const invoice = await h.stripe.invoices.retrieve(sub.latest_invoice as string);
    expect(invoice).toMatchObject({ status: "paid", total: 4_900 + 3 * 1_200, billing_reason: "subscription_create" });
  });

  it("monthly 3 → 4 seats at $12 with 16 of 31 days left nets +619 cents (−1858, +2477) on the next invoice", async () => {
    const sub = await team("monthly", 3);
    await h.emulator.advanceClock(new Date("2025-01-16T09:30:00Z"));
    const item = await h.stripe.subscriptionItems.update(seatItem(sub).id, {
      quantity: 4,
      proration_behavior: "create_prorations",
      proration_date: at("2025-01-16T00:00:00Z"),
    });
    expect(item.quantity).toBe(4);
    const items = await pending(sub.customer as string);
    expect(items.map((i) => [i.amount, i.description, i.proration]).sort()).toEqual(
      [
        [-1_858, "Unused time on 3 × Team seat after 16 Jan 2025", true],
        [2_477, "Remaining time on 4 × Team seat after 16 Jan 2025", true],
      ].sort(),
    );
    expect(items.every((i) => iso(i.period.start) === "2025-01-16T00:00:00.000Z" && iso(i.period.end) === "2025-02-01T00:00:00.000Z")).toBe(
      true,
    );
    expect((await h.stripe.invoices.list({ subscription: sub.id })).data).toHaveLength(1);

    await h.emulator.advanceClock(new Date("2025-02-01T00:00:00Z"));
    const renewal = (await h.stripe.invoices.list({ subscription: sub.id, limit: 1 })).data[0];
    expect(renewal.billing_reason).toBe("subscription_cycle");
    expect(renewal.lines.data.map((l) => l.amount).sort((a, b) => a - b)).toEqual([-1_858, 2_477, 4_800, 4_900]);
    expect(renewal.total).toBe(4_900 + 4 * 1_200 + 619);
    const credit = renewal.lines.data.find((l) => l.amount === -1_858);
    expect(credit?.parent?.subscription_item_details).toMatchObject({
      proration: true,
      subscription: sub.id,
      subscription_item: seatItem(sub).id,
    });
    expect(credit?.parent?.subscription_item_details?.proration_details?.credited_items?.invoice).toBe(sub.latest_invoice);
    expect(await pending(sub.customer as string)).toHaveLength(0);
  });

  it("yearly 5 → 6 seats at $120/yr with 200 of 365 days left nets +6575 (changed through items[0][id] on the subscription)", async () => {
    await h.emulator.advanceClock(new Date("2025-03-01T00:00:00Z"));
    const sub = await team("yearly", 5);
    const end = seatItem(sub).current_period_end;
    expect(iso(end)).toBe("2026-03-01T00:00:00.000Z");
    const prorationDate = end - 200 * DAY;
    await h.emulator.advanceClock(new Date(prorationDate * 1000 + 3_600_000));
    const updated = await h.stripe.subscriptions.update(sub.id, {
      items: [{ id: seatItem(sub).id, quantity: 6 }],
      proration_behavior: "create_prorations",
      proration_date: prorationDate,
    });
    expect(seatItem(updated).quantity).toBe(6);
    const amounts = (await pending(sub.customer as string)).map((i) => i.amount).sort((a, b) => a - b);
    expect(amounts).toEqual([-32_877, 39_452]);
    expect(amounts[0] + amounts[1]).toBe(6_575);
  });

  it("announces the change as customer.subscription.updated with the previous items", async () => {
    const sub = await team("monthly", 3);
    await h.stripe.subscriptionItems.update(seatItem(sub).id, { quantity: 5 });
    const withItems = () =>
      receiver.received
        .map((r) => r.event)
        .filter((e) => e.type === "customer.subscription.updated" && "items" in (e.data.previous_attributes ?? {}));
    await receiver.waitFor(() => withItems().length > 0);
    expect(withItems()).toHaveLength(1);
    const updated = withItems()[0];
    const object = updated.data.object as Stripe.Subscription;
    const previous = updated.data.previous_attributes as { items: Stripe.ApiList<Stripe.SubscriptionItem> };
    expect(seatItem(object).quantity).toBe(5);
    expect(previous.items.data.find((i) => i.id === seatItem(sub).id)?.quantity).toBe(3);
  });

  it("bills prorations at once with always_invoice", async () => {
    const sub = await team("monthly", 3);
    await h.emulator.advanceClock(new Date("2025-01-16T12:00:00Z"));
    await h.stripe.subscriptions.update(sub.id, {
      items: [{ id: seatItem(sub).id, quantity: 4 }],
      proration_behavior: "always_invoice",
      proration_date: at("2025-01-16T00:00:00Z"),
    });
    const latest = (await h.stripe.invoices.list({ subscription: sub.id, limit: 1 })).data[0];
    expect(latest).toMatchObject({
      billing_reason: "subscription_update",
      total: 619,
      amount_paid: 619,
      status: "paid",
    });
    expect(await pending(sub.customer as string)).toHaveLength(0);
  });

  it("skips prorations with proration_behavior none", async () => {
    const sub = await team("monthly", 3);
    await h.stripe.subscriptionItems.update(seatItem(sub).id, { quantity: 4, proration_behavior: "none" });
    expect(await pending(sub.customer as string)).toHaveLength(0);
    await h.emulator.advanceClock(new Date("2025-02-01T00:00:00Z"));
    const renewal = (await h.stripe.invoices.list({ subscription: sub.id, limit: 1 })).data[0];
    expect(renewal.total).toBe(4_900 + 4 * 1_200);
  });

  it("credits a removed item and debits an added one", async () => {
    const sub = await team("monthly", 3);
    const pro = await priceId(h.stripe, "pro_monthly");
    await h.emulator.advanceClock(new Date("2025-01-16T00:00:00Z"));
    await h.stripe.subscriptions.update(sub.id, {
      items: [
        { id: seatItem(sub).id, deleted: true },
        { price: pro, quantity: 1 },
      ],
    });
    const amounts = (await pending(sub.customer as string)).map((i) => i.amount).sort((a, b) => a - b);
    // 16 of 31 days: −3 × 1200 × 16/31 and +2000 × 16/31.
    expect(amounts).toEqual([-1_858, 1_032]);
  });

  it("refuses a proration_date outside the current period, mixed intervals, and unknown items, changing nothing", async () => {
    const sub = await team("monthly", 3);
    await expect(
      h.stripe.subscriptionItems.update(seatItem(sub).id, { quantity: 4, proration_date: at("2024-12-31T00:00:00Z") }),
    ).rejects.toMatchObject({ statusCode: 400, param: "proration_date" });
    const yearly = await priceId(h.stripe, "team_seat_yearly");
    await expect(
      h.stripe.subscriptions.update(sub.id, { items: [{ id: seatItem(sub).id, quantity: 9 }, { price: yearly }] }),
    ).rejects.toMatchObject({
      statusCode: 400,
      message: "Currency and interval fields must match across all plans on this subscription.",
    });
    await expect(h.stripe.subscriptions.update(sub.id, { items: [{ id: "si_missing", quantity: 2 }] })).rejects.toMatchObject({
      statusCode: 400,
      code: "resource_missing",
      param: "items[0][id]",
    });
    expect(seatItem(await h.stripe.subscriptions.retrieve(sub.id)).quantity).toBe(3);
    expect(await pending(sub.customer as string)).toHaveLength(0);
  });

  it("cancels at period end: no renewal, status canceled and customer.subscription.deleted then", async () => {
    const sub = await team("monthly", 3);
    const set = await h.stripe.subscriptions.update(sub.id, { cancel_at_period_end: true });
    expect(set).toMatchObject({
      cancel_at_period_end: true,
      cancel_at: seatItem(sub).current_period_end,
      status: "active",
    });
    await h.emulator.advanceClock(new Date("2025-01-31T23:59:59Z"));
    expect((await h.stripe.subscriptions.retrieve(sub.id)).status).toBe("active");
    await h.emulator.advanceClock(new Date("2025-03-15T00:00:00Z"));
    const ended = await h.stripe.subscriptions.retrieve(sub.id);
    expect(ended).toMatchObject({ status: "canceled", ended_at: at("2025-02-01T00:00:00Z") });
    expect(ended.cancellation_details?.reason).toBe("cancellation_requested");
    expect((await h.stripe.invoices.list({ subscription: sub.id })).data).toHaveLength(1);
    await receiver.waitFor(() => receiver.types().includes("customer.subscription.deleted"));
  });

  it("renews normally when cancel_at_period_end is turned off again", async () => {
    const sub = await team("monthly", 3);
    await h.stripe.subscriptions.update(sub.id, { cancel_at_period_end: true });
    const back = await h.stripe.subscriptions.update(sub.id, { cancel_at_period_end: false });
    expect(back).toMatchObject({ cancel_at_period_end: false, cancel_at: null, canceled_at: null });
    await h.emulator.advanceClock(new Date("2025-02-02T00:00:00Z"));
    expect((await h.stripe.subscriptions.retrieve(sub.id)).status).toBe("active");
    expect((await h.stripe.invoices.list({ subscription: sub.id })).data).toHaveLength(2);
  });

  it("cancels immediately, and stops renewing", async () => {
    const sub = await team("monthly", 3);
    await h.emulator.advanceClock(new Date("2025-01-10T00:00:00Z"));
    const canceled = await h.stripe.subscriptions.cancel(sub.id);
    expect(canceled).toMatchObject({
      status: "canceled",
      ended_at: at("2025-01-10T00:00:00Z"),
      canceled_at: at("2025-01-10T00:00:00Z"),
    });
    await h.emulator.advanceClock(new Date("2025-04-01T00:00:00Z"));
    expect((await h.stripe.invoices.list({ subscription: sub.id })).data).toHaveLength(1);
    await expect(h.stripe.subscriptions.cancel(sub.id)).rejects.toMatchObject({ statusCode: 404 });
  });

  it("lists a customer's subscriptions, leaving canceled ones out unless asked", async () => {
    const a = await team("monthly", 1);
    const customer = a.customer as string;
    const b = await h.stripe.subscriptions.create({
      customer,
      items: [{ price: await priceId(h.stripe, "pro_monthly") }],
    });
    await h.stripe.subscriptions.cancel(a.id);
    expect((await h.stripe.subscriptions.list({ customer })).data.map((s) => s.id)).toEqual([b.id]);
    expect((await h.stripe.subscriptions.list({ customer, status: "all" })).data.map((s) => s.id)).toEqual([b.id, a.id]);
    expect((await h.stripe.subscriptions.list({ customer, status: "canceled" })).data.map((s) => s.id)).toEqual([a.id]);
  });

  it("starts incomplete with an open invoice when the first charge declines", async () => {
    const customer = await h.stripe.customers.create({ email: "broke@example.com" });
    h.emulator.setCardDeclines(customer.id, true);
    const price = await priceId(h.stripe, "pro_monthly");
    const sub = await h.stripe.subscriptions.create({ customer: customer.id, items: [{ price }] });
    expect(sub.status).toBe("incomplete");
    expect(await h.stripe.invoices.retrieve(sub.latest_invoice as string)).toMatchObject({
      status: "open",
      next_payment_attempt: null,
    });
    h.emulator.setCardDeclines(customer.id, false);
    expect((await h.stripe.invoices.pay(sub.latest_invoice as string)).status).toBe("paid");
    expect((await h.stripe.subscriptions.retrieve(sub.id)).status).toBe("active");
    h.emulator.setCardDeclines(customer.id, true);
    await expect(
      h.stripe.subscriptions.create({
        customer: customer.id,
        items: [{ price }],
        payment_behavior: "error_if_incomplete",
      }),
    ).rejects.toMatchObject({
      statusCode: 402,
      code: "card_declined",
    });
  });
});
