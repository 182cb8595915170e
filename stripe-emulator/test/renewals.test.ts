import type Stripe from "stripe";
import { type Harness, iso, priceId, startHarness, WebhookReceiver } from "./helpers";

/** The clock: renewals across month ends, declined renewals and their retries. */
describe("renewals on the emulator clock", () => {
  let h: Harness;
  let receiver: WebhookReceiver;

  async function start(startTime: string) {
    h = await startHarness({ startTime: new Date(startTime) });
    receiver = await new WebhookReceiver().start();
    h.emulator.addWebhookEndpoint(receiver.url, { secret: receiver.secret });
  }
  afterEach(async () => {
    await h.close();
    await receiver.close();
  });

  async function subscribe(lookupKey: string, email = "owner@example.com"): Promise<Stripe.Subscription> {
    const customer = await h.stripe.customers.create({ email });
    return h.stripe.subscriptions.create({
      customer: customer.id,
      items: [{ price: await priceId(h.stripe, lookupKey), quantity: 1 }],
    });
  }
  const cycles = async (sub: Stripe.Subscription) =>
    (await h.stripe.invoices.list({ subscription: sub.id, limit: 100 })).data
      .filter((i) => i.billing_reason === "subscription_cycle")
      .reverse();

  it("steps Jan 31 → Feb 28 → Mar 31 → Apr 30 (from the anchor, not from the clamped date)", async () => {
    await start("2025-01-31T10:00:00Z");
    const sub = await subscribe("pro_monthly");
    await h.emulator.advanceClock(new Date("2025-05-01T00:00:00Z"));
    const invoices = await cycles(sub);
    expect(invoices.map((i) => iso(i.created))).toEqual([
      "2025-02-28T10:00:00.000Z",
      "2025-03-31T10:00:00.000Z",
      "2025-04-30T10:00:00.000Z",
    ]);
    expect(invoices.map((i) => [iso(i.lines.data[0].period.start), iso(i.lines.data[0].period.end)])).toEqual([
      ["2025-02-28T10:00:00.000Z", "2025-03-31T10:00:00.000Z"],
      ["2025-03-31T10:00:00.000Z", "2025-04-30T10:00:00.000Z"],
      ["2025-04-30T10:00:00.000Z", "2025-05-31T10:00:00.000Z"],
    ]);
    // As in Stripe, a cycle invoice's own period is the one that just ended.
    expect([iso(invoices[0].period_start), iso(invoices[0].period_end)]).toEqual(["2025-01-31T10:00:00.000Z", "2025-02-28T10:00:00.000Z"]);
    expect(invoices.every((i) => i.status === "paid" && i.total === 2_000)).toBe(true);
    const item = (await h.stripe.subscriptions.retrieve(sub.id)).items.data[0];
    expect([iso(item.current_period_start), iso(item.current_period_end)]).toEqual([
      "2025-04-30T10:00:00.000Z",
      "2025-05-31T10:00:00.000Z",
    ]);
  });

  it("lands on Feb 29 in a leap year", async () => {
    await start("2024-01-31T00:00:00Z");
    const sub = await subscribe("pro_monthly");
    await h.emulator.advanceClock(new Date("2024-03-31T00:00:00Z"));
    expect((await cycles(sub)).map((i) => iso(i.created))).toEqual(["2024-02-29T00:00:00.000Z", "2024-03-31T00:00:00.000Z"]);
  });

  it("renews yearly prices once a year", async () => {
    await start("2025-03-01T00:00:00Z");
    const sub = await subscribe("team_seat_yearly");
    await h.emulator.advanceClock(new Date("2027-03-02T00:00:00Z"));
    expect((await cycles(sub)).map((i) => [iso(i.created), i.total])).toEqual([
      ["2026-03-01T00:00:00.000Z", 12_000],
      ["2027-03-01T00:00:00.000Z", 12_000],
    ]);
  });

  it("processes several subscriptions in time order", async () => {
    await start("2025-01-10T00:00:00Z");
    const first = await subscribe("pro_monthly", "a@example.com");
    await h.emulator.advanceClock(new Date("2025-01-20T00:00:00Z"));
    const second = await subscribe("starter_monthly", "b@example.com");
    await h.emulator.advanceClock(new Date("2025-03-01T00:00:00Z"));
    const all = (await h.stripe.invoices.list({ limit: 100 })).data.filter((i) => i.billing_reason === "subscription_cycle").reverse();
    const subOf = (i: Stripe.Invoice) => i.parent?.subscription_details?.subscription;
    expect(all.map((i) => [subOf(i), iso(i.created)])).toEqual([
      [first.id, "2025-02-10T00:00:00.000Z"],
      [second.id, "2025-02-20T00:00:00.000Z"],
    ]);
  });

  it("a declined renewal: invoice.payment_failed, invoice left open, subscription past_due; paid on a later retry", async () => {
    await start("2025-01-01T00:00:00Z");
    const sub = await subscribe("pro_monthly");
    h.emulator.setCardDeclines(sub.customer as string, true);
    await h.emulator.advanceClock(new Date("2025-02-01T00:00:00Z"));
    const [renewal] = await cycles(sub);
    expect(renewal).toMatchObject({
      status: "open",
      attempted: true,
      attempt_count: 1,
      amount_paid: 0,
      amount_remaining: 2_000,
    });
    expect(iso(renewal.next_payment_attempt as number)).toBe("2025-02-04T00:00:00.000Z");
    expect((await h.stripe.subscriptions.retrieve(sub.id)).status).toBe("past_due");
    expect(((await h.stripe.customers.retrieve(sub.customer as string)) as Stripe.Customer).delinquent).toBe(true);
    await receiver.waitFor(() => receiver.types().includes("invoice.payment_failed"));
    const failed = receiver.received.find((r) => r.event.type === "invoice.payment_failed")?.event.data.object as Stripe.Invoice;
    expect(failed.id).toBe(renewal.id);
    const statusChange = receiver.received
      .map((r) => r.event)
      .find((e) => e.type === "customer.subscription.updated" && (e.data.previous_attributes as { status?: string }).status === "active");
    expect((statusChange?.data.object as Stripe.Subscription | undefined)?.status).toBe("past_due");

    await h.emulator.advanceClock(new Date("2025-02-04T00:00:00Z"));
    expect((await h.stripe.invoices.retrieve(renewal.id)).attempt_count).toBe(2);
    h.emulator.setCardDeclines(sub.customer as string, false);
    await h.emulator.advanceClock(new Date("2025-02-10T00:00:00Z"));
    expect(await h.stripe.invoices.retrieve(renewal.id)).toMatchObject({
      status: "paid",
      attempt_count: 3,
      amount_paid: 2_000,
      next_payment_attempt: null,
    });
    expect((await h.stripe.subscriptions.retrieve(sub.id)).status).toBe("active");
  });

  it("cancels the subscription when every retry fails", async () => {
    await start("2025-01-01T00:00:00Z");
    const sub = await subscribe("pro_monthly");
    h.emulator.setCardDeclines(sub.customer as string, true);
    await h.emulator.advanceClock(new Date("2025-02-20T00:00:00Z"));
    const [renewal] = await cycles(sub);
    expect(renewal).toMatchObject({ status: "open", attempt_count: 4, next_payment_attempt: null });
    const ended = await h.stripe.subscriptions.retrieve(sub.id);
    expect(ended.status).toBe("canceled");
    expect(iso(ended.ended_at as number)).toBe("2025-02-16T00:00:00.000Z");
    expect(ended.cancellation_details?.reason).toBe("payment_failed");
  });

  it("pays an open invoice on request once the card works again", async () => {
    await start("2025-01-01T00:00:00Z");
    const sub = await subscribe("pro_monthly");
    h.emulator.setCardDeclines(sub.customer as string, true);
    await h.emulator.advanceClock(new Date("2025-02-01T00:00:00Z"));
    const [renewal] = await cycles(sub);
    await expect(h.stripe.invoices.pay(renewal.id)).rejects.toMatchObject({ statusCode: 402, code: "card_declined" });
    h.emulator.setCardDeclines(sub.customer as string, false);
    expect((await h.stripe.invoices.pay(renewal.id)).status).toBe("paid");
    expect((await h.stripe.subscriptions.retrieve(sub.id)).status).toBe("active");
  });

  it("does not move backwards", async () => {
    await start("2025-06-01T00:00:00Z");
    await expect(h.emulator.advanceClock(new Date("2025-05-01T00:00:00Z"))).rejects.toThrow(/cannot move the clock back/);
    expect(h.emulator.now().toISOString()).toBe("2025-06-01T00:00:00.000Z");
  });
});

describe("a flowing clock", () => {
  it("moves with wall time from the start time", async () => {
    const h = await startHarness({ startTime: new Date("2030-01-01T00:00:00Z"), freezeClock: false });
    try {
      const first = h.emulator.now().getTime();
      await new Promise((resolve) => setTimeout(resolve, 30));
      expect(h.emulator.now().getTime()).toBeGreaterThan(first);
      expect(first - Date.parse("2030-01-01T00:00:00Z")).toBeLessThan(5_000);
      const customer = await h.stripe.customers.create({});
      expect(customer.created).toBeGreaterThanOrEqual(Date.parse("2030-01-01T00:00:00Z") / 1000);
    } finally {
      await h.close();
    }
  });
});
