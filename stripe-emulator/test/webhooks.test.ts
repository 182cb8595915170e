import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import Stripe from "stripe";
import { type Harness, startHarness, WebhookReceiver, waitUntil } from "./helpers";

/** Webhook endpoints, Stripe's signature, retries and the delivery modes, against a real local receiver. */
describe("webhooks", () => {
  let h: Harness;
  let receiver: WebhookReceiver;
  beforeEach(async () => {
    h = await startHarness({
      startTime: new Date("2025-01-01T00:00:00Z"),
      webhookRetry: { initialDelayMs: 20, maxDelayMs: 100, maxAttempts: 4 },
    });
    receiver = await new WebhookReceiver().start();
  });
  afterEach(async () => {
    await h.close();
    await receiver.close();
  });

  /** Creates customers named 0..n-1 (one customer.created event each) and returns their ids. */
  async function customers(n: number): Promise<string[]> {
    const ids: string[] = [];
    for (let i = 0; i < n; i++) ids.push((await h.stripe.customers.create({ name: String(i) })).id);
    return ids;
  }
  const receivedCustomers = () =>
    receiver.received.filter((r) => r.event.type === "customer.created").map((r) => (r.event.data.object as Stripe.Customer).id);

  it("registers endpoints over the API; the whsec_ secret is shown only at creation", async () => {
    const created = await h.stripe.webhookEndpoints.create({
      url: receiver.url,
      enabled_events: ["customer.created"],
      description: "server",
    });
    expect(created).toMatchObject({
      object: "webhook_endpoint",
      url: receiver.url,
      enabled_events: ["customer.created"],
      status: "enabled",
    });
    expect(created.secret).toMatch(/^whsec_/);
    expect((await h.stripe.webhookEndpoints.retrieve(created.id)).secret).toBeUndefined();
    expect((await h.stripe.webhookEndpoints.list()).data.map((e) => [e.id, e.secret])).toEqual([[created.id, undefined]]);
    receiver.secret = created.secret as string;
    const [id] = await customers(1);
    await receiver.waitFor(() => receivedCustomers().includes(id));
    expect(await h.stripe.webhookEndpoints.del(created.id)).toMatchObject({ id: created.id, deleted: true });
    await customers(1);
    await h.emulator.flushWebhooks();
    expect(receivedCustomers()).toEqual([id]);
  });

  it("signs every event so that stripe.webhooks.constructEvent accepts it, with wall-clock t after the clock moved", async () => {
    h.emulator.addWebhookEndpoint(receiver.url, { secret: receiver.secret });
    await h.emulator.advanceClock(new Date("2031-06-01T00:00:00Z"));
    const [id] = await customers(1);
    await receiver.waitFor(() => receivedCustomers().includes(id));
    const { signature, raw, event } = receiver.received[0];
    const t = Number(/t=(\d+)/.exec(signature)?.[1]);
    expect(Math.abs(t - Date.now() / 1000)).toBeLessThan(60);
    expect(event.created).toBeGreaterThanOrEqual(Date.parse("2031-06-01T00:00:00Z") / 1000);
    expect(event).toMatchObject({
      object: "event",
      api_version: Stripe.API_VERSION,
      livemode: false,
      type: "customer.created",
    });
    expect(event.request?.id).toMatch(/^req_/);
    expect(() => new Stripe("sk_test_x").webhooks.constructEvent(raw, signature, "whsec_wrong")).toThrow();
    expect(receiver.rejected).toEqual([]);
  });

  it("sends only the enabled event types", async () => {
    h.emulator.addWebhookEndpoint(receiver.url, { secret: receiver.secret, events: ["customer.updated"] });
    const [id] = await customers(1);
    await h.stripe.customers.update(id, { name: "renamed" });
    await receiver.waitFor(() => receiver.received.length > 0);
    await h.emulator.flushWebhooks();
    expect(receiver.types()).toEqual(["customer.updated"]);
  });

  it("immediate: sends each event as it happens, in order", async () => {
    h.emulator.addWebhookEndpoint(receiver.url, { secret: receiver.secret });
    const ids = await customers(5);
    await receiver.waitFor(() => receivedCustomers().length === 5);
    expect(receivedCustomers()).toEqual(ids);
  });

  it("queued: holds events until flushed, then sends them in order", async () => {
    h.emulator.addWebhookEndpoint(receiver.url, { secret: receiver.secret });
    h.emulator.setDeliveryMode("queued");
    const ids = await customers(4);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(receiver.received).toHaveLength(0);
    expect(h.emulator.pendingWebhooks()).toBe(4);
    await h.emulator.flushWebhooks();
    expect(receivedCustomers()).toEqual(ids);
    expect(h.emulator.pendingWebhooks()).toBe(0);
  });

  it("shuffled: holds events and flushes them all, in another order", async () => {
    h.emulator.addWebhookEndpoint(receiver.url, { secret: receiver.secret });
    h.emulator.setDeliveryMode("shuffled");
    const ids = await customers(25);
    expect(receiver.received).toHaveLength(0);
    await h.emulator.flushWebhooks();
    const got = receivedCustomers();
    expect([...got].sort()).toEqual([...ids].sort());
    // 25! orders: the chance that a shuffle keeps creation order is nil.
    expect(got).not.toEqual(ids);
  });

  it("duplicate: sends every event twice, with the same event id", async () => {
    h.emulator.addWebhookEndpoint(receiver.url, { secret: receiver.secret });
    h.emulator.setDeliveryMode("duplicate");
    const ids = await customers(3);
    await receiver.waitFor(() => receivedCustomers().length === 6);
    expect(receivedCustomers()).toEqual(ids.flatMap((id) => [id, id]));
    const eventIds = receiver.received.map((r) => r.event.id);
    expect(new Set(eventIds).size).toBe(3);
  });

  it("failFirst: fails the first N attempts of each event (nothing sent), then a retry gets through", async () => {
    h.emulator.addWebhookEndpoint(receiver.url, { secret: receiver.secret });
    h.emulator.setDeliveryMode({ failFirst: 2 });
    const [id] = await customers(1);
    await waitUntil(() => h.emulator.pendingWebhooks() === 0);
    expect(receivedCustomers()).toEqual([id]);
    const attempts = h.emulator.webhookAttempts().filter((a) => a.eventType === "customer.created");
    expect(attempts.map((a) => [a.attempt, a.ok, a.error])).toEqual([
      [1, false, "simulated failure (failFirst)"],
      [2, false, "simulated failure (failFirst)"],
      [3, true, null],
    ]);
    // Exponential backoff between attempts: 20 ms, then 40 ms.
    const times = attempts.map((a) => Date.parse(a.at));
    expect(times[2] - times[1]).toBeGreaterThanOrEqual(times[1] - times[0]);
  });

  it("retries with backoff when the endpoint answers an error, until it accepts", async () => {
    h.emulator.addWebhookEndpoint(receiver.url, { secret: receiver.secret });
    receiver.failNext = 2;
    const [id] = await customers(1);
    await waitUntil(() => h.emulator.pendingWebhooks() === 0);
    expect(receivedCustomers()).toEqual([id]);
    const attempts = h.emulator.webhookAttempts().map((a) => [a.attempt, a.status]);
    expect(attempts).toEqual([
      [1, 500],
      [2, 500],
      [3, 200],
    ]);
    const event = await h.stripe.events.retrieve(receiver.received[0].event.id);
    expect(event.pending_webhooks).toBe(0);
  });

  it("retries after a connection error, and gives up after the last attempt", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    h.emulator.addWebhookEndpoint(`http://127.0.0.1:${port}/gone`, { secret: "whsec_x" });
    await customers(1);
    await waitUntil(() => h.emulator.pendingWebhooks() === 0);
    const attempts = h.emulator.webhookAttempts();
    expect(attempts.map((a) => [a.attempt, a.ok, a.status])).toEqual([
      [1, false, null],
      [2, false, null],
      [3, false, null],
      [4, false, null],
    ]);
    expect(attempts[0].error).toBeTruthy();
    const [event] = (await h.stripe.events.list({ type: "customer.created" })).data;
    expect(event.pending_webhooks).toBe(1);
  });

  it("flushWebhooks sends due retries now, without waiting for their backoff", async () => {
    const slow = await startHarness({ webhookRetry: { initialDelayMs: 60_000 } });
    try {
      slow.emulator.addWebhookEndpoint(receiver.url, { secret: receiver.secret });
      receiver.failNext = 1;
      await slow.stripe.customers.create({});
      await waitUntil(() => slow.emulator.webhookAttempts().length === 1);
      expect(slow.emulator.pendingWebhooks()).toBe(1);
      await slow.emulator.flushWebhooks();
      expect(receiver.received).toHaveLength(1);
      expect(slow.emulator.pendingWebhooks()).toBe(0);
    } finally {
      await slow.close();
    }
  });

  it("lists and retrieves events, filtered by type", async () => {
    const [id] = await customers(1);
    await h.stripe.customers.update(id, { email: "e@example.com" });
    const created = await h.stripe.events.list({ type: "customer.created" });
    expect(created.data.map((e) => (e.data.object as Stripe.Customer).id)).toContain(id);
    const both = await h.stripe.events.list({ types: ["customer.created", "customer.updated"], limit: 2 });
    expect(both.data.map((e) => e.type)).toEqual(["customer.updated", "customer.created"]);
    const wildcard = await h.stripe.events.list({ type: "customer.*" });
    expect(wildcard.data.length).toBeGreaterThanOrEqual(2);
    const one = await h.stripe.events.retrieve(both.data[0].id);
    expect(one).toMatchObject({
      id: both.data[0].id,
      type: "customer.updated",
      data: { previous_attributes: { email: null } },
    });
    await expect(h.stripe.events.retrieve("evt_missing")).rejects.toMatchObject({ statusCode: 404 });
  });
});
