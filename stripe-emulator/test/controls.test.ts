import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { join } from "node:path";
import Stripe from "stripe";
import { checkoutSubscription, type Harness, priceId, startHarness, WebhookReceiver, waitUntil } from "./helpers";

/** The controls over HTTP (`/_emulator/...`), for an emulator run from the command line. */
describe("HTTP controls", () => {
  let h: Harness;
  const control = async (path: string, body?: unknown) => {
    const res = await fetch(`${h.emulator.url}/_emulator${path}`, {
      method: body === undefined ? "GET" : "POST",
      headers: { "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, json: (await res.json()) as Record<string, unknown> };
  };
  beforeEach(async () => {
    h = await startHarness({ startTime: new Date("2025-01-31T10:00:00Z") });
  });
  afterEach(() => h.close());

  it("moves the clock and renews what fell due", async () => {
    const { subscription } = await checkoutSubscription(h, [{ lookupKey: "pro_monthly", quantity: 1 }]);
    const moved = await control("/clock/advance", { to: "2025-03-01T00:00:00Z" });
    expect(moved).toEqual({ status: 200, json: { now: "2025-03-01T00:00:00.000Z" } });
    expect((await h.stripe.invoices.list({ subscription: subscription.id })).data).toHaveLength(2);
    expect((await control("/clock/advance", { days: 1 })).json.now).toBe("2025-03-02T00:00:00.000Z");
    expect((await control("/clock/advance", { to: "2020-01-01T00:00:00Z" })).status).toBe(400);
    expect((await control("/clock")).json.now).toBe("2025-03-02T00:00:00.000Z");
  });

  it("simulates an outage: the next N API requests answer 500 api_error, then it recovers", async () => {
    expect((await control("/outage", { requests: 2 })).json).toEqual({ failing_requests: 2 });
    const noRetry = new Stripe("sk_test_outage", { host: h.emulator.host, port: h.emulator.port, protocol: "http", maxNetworkRetries: 0 });
    for (let i = 0; i < 2; i++) {
      await expect(noRetry.customers.create({ email: "o@example.com" })).rejects.toMatchObject({ type: "StripeAPIError", statusCode: 500 });
    }
    expect((await noRetry.customers.create({ email: "o@example.com" })).email).toBe("o@example.com");
    expect((await noRetry.customers.list({ email: "o@example.com" })).data).toHaveLength(1);
  });

  it("sets a customer's card to decline, and back", async () => {
    const customer = await h.stripe.customers.create({ email: "d@example.com" });
    expect((await control(`/customers/${customer.id}/decline`, {})).json).toEqual({
      customer: customer.id,
      declines: true,
    });
    const price = await priceId(h.stripe, "pro_monthly");
    expect((await h.stripe.subscriptions.create({ customer: customer.id, items: [{ price }] })).status).toBe("incomplete");
    await control(`/customers/${customer.id}/decline`, { declines: false });
    expect((await h.stripe.subscriptions.create({ customer: customer.id, items: [{ price }] })).status).toBe("active");
    expect((await control("/customers/cus_missing/decline", {})).status).toBe(400);
  });

  it("registers an endpoint, switches delivery mode and flushes", async () => {
    const receiver = await new WebhookReceiver("whsec_control").start();
    try {
      const endpoint = await control("/webhooks/endpoints", {
        url: receiver.url,
        secret: "whsec_control",
        events: ["customer.created"],
      });
      expect(endpoint.json).toEqual({ id: expect.stringMatching(/^we_/), secret: "whsec_control" });
      expect((await control("/webhooks/mode", { mode: "queued" })).json).toEqual({ mode: "queued" });
      await h.stripe.customers.create({});
      expect((await control("")).json).toMatchObject({ webhook_mode: "queued", pending_webhooks: 1 });
      expect((await control("/webhooks/flush", {})).json).toEqual({ pending_webhooks: 0 });
      expect(receiver.types()).toEqual(["customer.created"]);
      expect((await control("/webhooks/mode", { mode: { failFirst: 1 } })).json).toEqual({ mode: { failFirst: 1 } });
      expect((await control("/webhooks/mode", { mode: "sometimes" })).status).toBe(400);
      const attempts = (await control("/webhooks/attempts")).json.data as { ok: boolean }[];
      expect(attempts.map((a) => a.ok)).toEqual([true]);
    } finally {
      await receiver.close();
    }
  });

  it("pays and cancels checkout sessions", async () => {
    const price = await priceId(h.stripe, "starter_monthly");
    const session = await h.stripe.checkout.sessions.create({
      mode: "subscription",
      line_items: [{ price, quantity: 1 }],
      customer_email: "c@example.com",
      success_url: "http://app.test/ok/{CHECKOUT_SESSION_ID}",
      cancel_url: "http://app.test/no",
    });
    expect((await control(`/checkout/${session.id}/cancel`, {})).json).toEqual({ redirect: "http://app.test/no" });
    expect((await control(`/checkout/${session.id}/pay`, {})).json).toEqual({
      redirect: `http://app.test/ok/${session.id}`,
    });
    expect((await h.stripe.checkout.sessions.retrieve(session.id)).status).toBe("complete");
  });
});

describe("the command line", () => {
  const root = join(__dirname, "..");
  let child: ChildProcess | undefined;
  afterEach(() => {
    if (child?.pid && child.exitCode === null) child.kill("SIGTERM");
  });

  it("starts the emulator on the given port, seeded and ready for the SDK", async () => {
    execFileSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-b"], { cwd: root });
    child = spawn(process.execPath, [join(root, "dist", "cli.js"), "--port", "0", "--frozen", "--start", "2025-01-01T00:00:00Z"], {
      cwd: root,
      env: { ...process.env, CATALOG_JSON: '{"personal":{"PRO":{"monthlyPriceCents":2500}}}' },
    });
    let output = "";
    child.stdout?.on("data", (c: Buffer) => {
      output += c.toString("utf8");
    });
    await waitUntil(() => /port: (\d+)/.test(output), 10_000);
    const port = Number(/port: (\d+)/.exec(output)?.[1]);
    const stripe = new Stripe("sk_test_cli", { host: "127.0.0.1", port, protocol: "http", maxNetworkRetries: 0 });
    const { data } = await stripe.prices.list({ lookup_keys: ["pro_monthly"] });
    expect(data[0].unit_amount).toBe(2_500);
    const state = (await (await fetch(`http://127.0.0.1:${port}/_emulator`)).json()) as { now: string };
    expect(state.now).toBe("2025-01-01T00:00:00.000Z");
    const exited = new Promise<number | null>((resolve) => child?.on("exit", (code) => resolve(code)));
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
  }, 60_000);
});
