import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { join } from "node:path";
import Stripe from "stripe";
import { checkoutSubscription, errorOf, type Harness, priceId, startHarness, WebhookReceiver, waitUntil } from "./helpers";

/** The controls over HTTP (`/_emulator/...`), for an emulator run from the command line. */
describe("HTTP controls", () => {
  let h: Harness;
  const control = async (path: string, body?: unknown) => {
    const res = await fetch(`${h.emulator.url}/_emulator${path}`, {
      method: body === undefined ? "GET" : "POST",
      headers: { "Content-Type": "application/json", Authorization: "Bearer sk_test_controls" },
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

/** Security review finding 22: the controls are locked like the API and refuse cross-site browser requests. */
describe("HTTP controls are locked", () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ startTime: new Date("2025-01-31T10:00:00Z") });
  });
  afterEach(() => h.close());

  const advance = (headers: Record<string, string>, body = JSON.stringify({ days: 1 })) =>
    fetch(`${h.emulator.url}/_emulator/clock/advance`, { method: "POST", headers, body });
  const json = { "Content-Type": "application/json" };
  const auth = { Authorization: "Bearer sk_test_anything" };

  it("answers 401 without an sk_test_ key, as the API does, and the clock stays", async () => {
    for (const headers of [json, { ...json, Authorization: "Bearer sk_live_123" }, { ...json, Authorization: "Bearer pk_test_1" }]) {
      const res = await advance(headers);
      expect(res.status).toBe(401);
      expect(await errorOf(res)).toMatchObject({ type: "invalid_request_error", message: expect.stringMatching(/API key/i) });
    }
    const state = await fetch(`${h.emulator.url}/_emulator`);
    expect(state.status).toBe(401);
    const settle = await fetch(`${h.emulator.url}/_emulator/checkout/cs_x/settle`, { method: "POST", headers: json, body: "{}" });
    expect(settle.status).toBe(401);
    expect(h.emulator.now().toISOString()).toBe("2025-01-31T10:00:00.000Z");
    const basic = await fetch(`${h.emulator.url}/_emulator/clock`, {
      headers: { Authorization: `Basic ${Buffer.from("sk_test_basic:").toString("base64")}` },
    });
    expect(await basic.json()).toEqual({ now: "2025-01-31T10:00:00.000Z" });
  });

  it("refuses the bodies a cross-site form can send (form, multipart, text/plain), even with a key", async () => {
    const form = new FormData();
    form.set("days", "1");
    for (const res of [
      await advance({ ...auth, "Content-Type": "application/x-www-form-urlencoded" }, "days=1"),
      await advance({ ...auth, "Content-Type": "text/plain" }, JSON.stringify({ days: 1 })),
      await fetch(`${h.emulator.url}/_emulator/clock/advance`, { method: "POST", headers: auth, body: form }),
      await fetch(`${h.emulator.url}/_emulator/clock/advance`, {
        method: "POST",
        headers: auth,
        body: new Blob([JSON.stringify({ days: 1 })]),
      }),
    ]) {
      expect(res.status).toBe(403);
      expect(await errorOf(res)).toMatchObject({ type: "invalid_request_error", code: "emulator_control_forbidden" });
    }
    expect(h.emulator.now().toISOString()).toBe("2025-01-31T10:00:00.000Z");
  });

  it("refuses any request from another origin, and accepts its own", async () => {
    const foreign = await advance({ ...json, ...auth, Origin: "http://evil.example" });
    expect(foreign.status).toBe(403);
    expect((await errorOf(foreign)).message).toMatch(/other origins/);
    expect((await fetch(`${h.emulator.url}/_emulator`, { headers: { ...auth, Origin: "null" } })).status).toBe(403);
    expect(h.emulator.now().toISOString()).toBe("2025-01-31T10:00:00.000Z");
    const own = await advance({ ...json, ...auth, Origin: h.emulator.url });
    expect(own.status).toBe(200);
    expect(await own.json()).toEqual({ now: "2025-02-01T10:00:00.000Z" });
  });

  it("leaves the hosted checkout page's own form post working", async () => {
    const session = await h.stripe.checkout.sessions.create({
      mode: "subscription",
      line_items: [{ price: await priceId(h.stripe, "pro_monthly"), quantity: 1 }],
      customer_email: "c@example.com",
      success_url: "http://app.test/ok",
    });
    const res = await fetch(`${h.emulator.url}/checkout/${session.id}/pay`, {
      method: "POST",
      redirect: "manual",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: h.emulator.url },
      body: "method=card",
    });
    expect(res.status).toBe(303);
    expect((await h.stripe.checkout.sessions.retrieve(session.id)).payment_status).toBe("paid");
  });
});

/** A slow Stripe: every API answer held back, so the server can be measured meanwhile. */
describe("latency mode", () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ startTime: new Date("2025-01-31T10:00:00Z") });
  });
  afterEach(() => h.close());

  const outage = async (body: unknown) => {
    const res = await fetch(`${h.emulator.url}/_emulator/outage`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: "Bearer sk_test_slow" },
      body: JSON.stringify(body),
    });
    return { status: res.status, json: (await res.json()) as Record<string, unknown> };
  };
  const timed = async <T>(f: () => Promise<T>): Promise<{ ms: number; value: T }> => {
    const start = Date.now();
    const value = await f();
    return { ms: Date.now() - start, value };
  };

  it("delays every API answer by latencyMs until switched off; the request itself takes effect", async () => {
    const set = await outage({ latencyMs: 400, seconds: 60 });
    expect(set.status).toBe(200);
    expect(set.json).toMatchObject({ latency_ms: 400, latency_until: expect.any(String) });
    const slow = await timed(() => h.stripe.customers.create({ email: "slow@example.com" }));
    expect(slow.ms).toBeGreaterThanOrEqual(380);
    expect(slow.value.email).toBe("slow@example.com");
    const errorSlow = await timed(() => h.stripe.customers.retrieve("cus_missing").catch((e: unknown) => e));
    expect(errorSlow.ms).toBeGreaterThanOrEqual(380);
    expect(errorSlow.value).toMatchObject({ statusCode: 404 });
    // Controls and hosted pages are not slowed: only Stripe's API is.
    expect((await timed(() => outage({ latencyMs: 0 }))).ms).toBeLessThan(300);
    expect(h.emulator.latency()).toEqual({ latencyMs: 0, until: null });
    expect((await timed(() => h.stripe.customers.list())).ms).toBeLessThan(300);
    expect((await outage({ latencyMs: -1 })).status).toBe(400);
  });

  it("ends by itself after the given seconds (in process too)", async () => {
    h.emulator.setLatency(300, 0.5);
    expect(h.emulator.latency().latencyMs).toBe(300);
    expect((await timed(() => h.stripe.customers.list())).ms).toBeGreaterThanOrEqual(280);
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect((await timed(() => h.stripe.customers.list())).ms).toBeLessThan(250);
    expect(h.emulator.latency()).toEqual({ latencyMs: 0, until: null });
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
    const state = (await (
      await fetch(`http://127.0.0.1:${port}/_emulator`, { headers: { Authorization: "Bearer sk_test_cli" } })
    ).json()) as { now: string };
    expect(state.now).toBe("2025-01-01T00:00:00.000Z");
    const exited = new Promise<number | null>((resolve) => child?.on("exit", (code) => resolve(code)));
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
  }, 60_000);
});
