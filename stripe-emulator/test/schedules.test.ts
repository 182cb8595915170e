import type Stripe from "stripe";
import { type Harness, iso, priceId, startHarness, WebhookReceiver } from "./helpers";

/** A Team → Pro downgrade as the server does it: a subscription schedule whose second phase is Pro. */
describe("subscription schedules (downgrade at period end)", () => {
  let h: Harness;
  let receiver: WebhookReceiver;
  beforeEach(async () => {
    h = await startHarness({ startTime: new Date("2025-01-15T00:00:00Z") });
    receiver = await new WebhookReceiver().start();
    h.emulator.addWebhookEndpoint(receiver.url, { secret: receiver.secret });
  });
  afterEach(async () => {
    await h.close();
    await receiver.close();
  });

  async function team(interval: "monthly" | "yearly" = "monthly", seats = 3): Promise<Stripe.Subscription> {
    const customer = await h.stripe.customers.create({ email: "owner@acme.test" });
    return h.stripe.subscriptions.create({
      customer: customer.id,
      items: [
        { price: await priceId(h.stripe, `team_base_${interval}`), quantity: 1 },
        { price: await priceId(h.stripe, `team_seat_${interval}`), quantity: seats },
      ],
    });
  }

  async function scheduleDowngrade(sub: Stripe.Subscription): Promise<Stripe.SubscriptionSchedule> {
    const created = await h.stripe.subscriptionSchedules.create({ from_subscription: sub.id });
    const current = created.phases[0];
    return h.stripe.subscriptionSchedules.update(created.id, {
      end_behavior: "release",
      phases: [
        {
          items: current.items.map((i) => ({ price: i.price as string, quantity: i.quantity })),
          start_date: current.start_date,
          end_date: current.end_date,
        },
        { items: [{ price: await priceId(h.stripe, "pro_monthly"), quantity: 1 }], duration: { interval: "month" } },
      ],
    });
  }

  const lookupKeys = (sub: Stripe.Subscription) => sub.items.data.map((i) => [i.price.lookup_key, i.quantity]);

  it("is created from the subscription with one phase: the current period and items", async () => {
    const sub = await team();
    const schedule = await h.stripe.subscriptionSchedules.create({ from_subscription: sub.id });
    expect(schedule).toMatchObject({
      object: "subscription_schedule",
      status: "active",
      subscription: sub.id,
      end_behavior: "release",
    });
    expect(schedule.phases).toHaveLength(1);
    expect([iso(schedule.phases[0].start_date), iso(schedule.phases[0].end_date)]).toEqual([
      "2025-01-15T00:00:00.000Z",
      "2025-02-15T00:00:00.000Z",
    ]);
    expect(schedule.phases[0].items.map((i) => i.quantity)).toEqual([1, 3]);
    expect((await h.stripe.subscriptions.retrieve(sub.id)).schedule).toBe(schedule.id);
    await expect(h.stripe.subscriptionSchedules.create({ from_subscription: sub.id })).rejects.toMatchObject({
      statusCode: 400,
    });
  });

  it("changes nothing until the period ends, then bills Pro on the same subscription", async () => {
    const sub = await team();
    await h.emulator.advanceClock(new Date("2025-01-20T00:00:00Z"));
    const schedule = await scheduleDowngrade(sub);
    expect(schedule.phases.map((p) => iso(p.start_date))).toEqual(["2025-01-15T00:00:00.000Z", "2025-02-15T00:00:00.000Z"]);
    expect(iso(schedule.phases[1].end_date)).toBe("2025-03-15T00:00:00.000Z");

    const preview = await h.stripe.invoices.createPreview({ subscription: sub.id });
    expect(preview.lines.data.map((l) => [l.description, l.amount])).toEqual([["1 × Pro (at $20.00 / month)", 2_000]]);

    await h.emulator.advanceClock(new Date("2025-02-14T23:59:59Z"));
    const before = await h.stripe.subscriptions.retrieve(sub.id);
    expect(lookupKeys(before)).toEqual([
      ["team_base_monthly", 1],
      ["team_seat_monthly", 3],
    ]);

    await h.emulator.advanceClock(new Date("2025-02-15T00:00:00Z"));
    const after = await h.stripe.subscriptions.retrieve(sub.id);
    expect(after.id).toBe(sub.id);
    expect(after.status).toBe("active");
    expect(lookupKeys(after)).toEqual([["pro_monthly", 1]]);
    expect([iso(after.items.data[0].current_period_start), iso(after.items.data[0].current_period_end)]).toEqual([
      "2025-02-15T00:00:00.000Z",
      "2025-03-15T00:00:00.000Z",
    ]);
    const invoice = await h.stripe.invoices.retrieve(after.latest_invoice as string);
    expect(invoice).toMatchObject({ billing_reason: "subscription_cycle", total: 2_000, status: "paid" });
    const during = await h.stripe.subscriptionSchedules.retrieve(schedule.id);
    expect(during.current_phase).toEqual({
      start_date: schedule.phases[1].start_date,
      end_date: schedule.phases[1].end_date,
    });

    await h.emulator.advanceClock(new Date("2025-04-16T00:00:00Z"));
    const done = await h.stripe.subscriptionSchedules.retrieve(schedule.id);
    expect(done).toMatchObject({ status: "released", released_subscription: sub.id, subscription: null });
    const later = await h.stripe.subscriptions.retrieve(sub.id);
    expect(later.schedule).toBeNull();
    expect(lookupKeys(later)).toEqual([["pro_monthly", 1]]);
    const totals = (await h.stripe.invoices.list({ subscription: sub.id })).data.map((i) => i.total);
    expect(totals).toEqual([2_000, 2_000, 2_000, 4_900 + 3 * 1_200]);
    await receiver.waitFor(() =>
      ["subscription_schedule.created", "subscription_schedule.updated", "subscription_schedule.released"].every((t) =>
        receiver.types().includes(t),
      ),
    );
  });

  it("is cancelled by releasing the schedule before the period ends: Team renews", async () => {
    const sub = await team();
    const schedule = await scheduleDowngrade(sub);
    const released = await h.stripe.subscriptionSchedules.release(schedule.id);
    expect(released).toMatchObject({ status: "released", released_subscription: sub.id, subscription: null });
    expect((await h.stripe.subscriptions.retrieve(sub.id)).schedule).toBeNull();
    await h.emulator.advanceClock(new Date("2025-02-16T00:00:00Z"));
    const renewed = await h.stripe.subscriptions.retrieve(sub.id);
    expect(lookupKeys(renewed)).toEqual([
      ["team_base_monthly", 1],
      ["team_seat_monthly", 3],
    ]);
    expect((await h.stripe.invoices.retrieve(renewed.latest_invoice as string)).total).toBe(8_500);
    await expect(h.stripe.subscriptionSchedules.release(schedule.id)).rejects.toMatchObject({ statusCode: 400 });
  });

  it("follows seat changes made while the downgrade is pending", async () => {
    const sub = await team();
    const schedule = await scheduleDowngrade(sub);
    const seat = sub.items.data[1];
    await h.emulator.advanceClock(new Date("2025-01-30T00:00:00Z"));
    await h.stripe.subscriptionItems.update(seat.id, { quantity: 4, proration_behavior: "create_prorations" });
    const updated = await h.stripe.subscriptionSchedules.retrieve(schedule.id);
    expect(updated.phases[0].items.map((i) => i.quantity)).toEqual([1, 4]);
    expect(updated.phases[1].items.map((i) => i.price)).toEqual([await priceId(h.stripe, "pro_monthly")]);
    await h.emulator.advanceClock(new Date("2025-02-15T00:00:00Z"));
    const invoice = await h.stripe.invoices.retrieve((await h.stripe.subscriptions.retrieve(sub.id)).latest_invoice as string);
    // The Pro period plus the seat added for the last 16 of 31 days of Team.
    expect(invoice.lines.data.map((l) => l.amount).sort((a, b) => a - b)).toEqual([-1_858, 619 + 1_858, 2_000].sort((a, b) => a - b));
  });

  it("switches Team yearly to Pro monthly at the year's end, restarting the billing cycle", async () => {
    const sub = await team("yearly", 2);
    await scheduleDowngrade(sub);
    await h.emulator.advanceClock(new Date("2026-01-15T00:00:00Z"));
    const after = await h.stripe.subscriptions.retrieve(sub.id);
    expect(lookupKeys(after)).toEqual([["pro_monthly", 1]]);
    expect(iso(after.billing_cycle_anchor)).toBe("2026-01-15T00:00:00.000Z");
    expect(iso(after.items.data[0].current_period_end)).toBe("2026-02-15T00:00:00.000Z");
    const invoice = await h.stripe.invoices.retrieve(after.latest_invoice as string);
    expect(invoice).toMatchObject({ total: 2_000, status: "paid" });
  });

  it("cancels the subscription when the schedule is canceled", async () => {
    const sub = await team();
    const schedule = await scheduleDowngrade(sub);
    const canceled = await h.stripe.subscriptionSchedules.cancel(schedule.id, { prorate: false, invoice_now: false });
    expect(canceled.status).toBe("canceled");
    expect((await h.stripe.subscriptions.retrieve(sub.id)).status).toBe("canceled");
  });

  it("refuses direct cancellation changes on a scheduled subscription, and bad phases", async () => {
    const sub = await team();
    const schedule = await scheduleDowngrade(sub);
    await expect(h.stripe.subscriptions.update(sub.id, { cancel_at_period_end: true })).rejects.toMatchObject({
      statusCode: 400,
      message: expect.stringMatching(/managed by the subscription schedule/),
    });
    const pro = await priceId(h.stripe, "pro_monthly");
    await expect(
      h.stripe.subscriptionSchedules.update(schedule.id, {
        phases: [{ items: [{ price: pro }], start_date: schedule.phases[0].start_date + 60 }],
      }),
    ).rejects.toMatchObject({ message: "You can not modify the start date of the current phase." });
    await expect(
      h.stripe.subscriptionSchedules.update(schedule.id, {
        phases: [{ items: [{ price: pro }] }, { items: [{ price: pro }] }],
      }),
    ).rejects.toMatchObject({ code: "parameter_missing", param: "phases[0][end_date]" });
    await expect(h.stripe.subscriptionSchedules.create({ customer: sub.customer as string })).rejects.toMatchObject({
      param: "from_subscription",
    });
  });
});
