import Stripe from "stripe";
import { errorOf, type Harness, startHarness } from "./helpers";

describe("idempotency keys", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  const post = (path: string, body: string, key: string, apiKey = "sk_test_idem") =>
    fetch(`${h.emulator.url}${path}`, {
      method: "POST",
      headers: {
        Authorization: `Bearer ${apiKey}`,
        "Content-Type": "application/x-www-form-urlencoded",
        "Idempotency-Key": key,
      },
      body,
    });

  it("replays the stored response with Idempotent-Replayed: true and creates nothing new", async () => {
    const first = await post("/v1/customers", "email=once%40example.com", "key-replay");
    const second = await post("/v1/customers", "email=once%40example.com", "key-replay");
    expect(first.headers.get("idempotent-replayed")).toBeNull();
    expect(second.headers.get("idempotent-replayed")).toBe("true");
    const a = (await first.json()) as Stripe.Customer;
    const b = (await second.json()) as Stripe.Customer;
    expect(b).toEqual(a);
    const list = await h.stripe.customers.list({ email: "once@example.com" });
    expect(list.data).toHaveLength(1);
  });

  it("replays through the SDK: the same key gives back the same object", async () => {
    const a = await h.stripe.customers.create({ email: "sdk@example.com" }, { idempotencyKey: "sdk-key" });
    const b = await h.stripe.customers.create({ email: "sdk@example.com" }, { idempotencyKey: "sdk-key" });
    expect(b.id).toBe(a.id);
    expect(b.lastResponse.headers["idempotent-replayed"]).toBe("true");
  });

  it("answers 400 idempotency_error for the same key with other parameters", async () => {
    await h.stripe.customers.create({ email: "first@example.com" }, { idempotencyKey: "conflict-key" });
    const err = await h.stripe.customers
      .create({ email: "second@example.com" }, { idempotencyKey: "conflict-key" })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Stripe.errors.StripeIdempotencyError);
    expect(err).toMatchObject({ statusCode: 400, type: "StripeIdempotencyError" });
    expect((err as Error).message).toMatch(/same parameters/);
    expect((await h.stripe.customers.list({ email: "second@example.com" })).data).toHaveLength(0);
  });

  it("answers idempotency_error for the same key on another endpoint", async () => {
    await post("/v1/customers", "email=x%40example.com", "endpoint-key");
    const res = await post("/v1/products", "name=Thing", "endpoint-key");
    expect(res.status).toBe(400);
    expect((await errorOf(res)).type).toBe("idempotency_error");
  });

  it("replays errors the endpoint produced, but not parameter errors (those may be retried corrected)", async () => {
    const missing = await post("/v1/subscriptions", "customer=cus_nobody&items[0][price]=price_x", "error-key");
    expect(missing.status).toBe(400);
    const replay = await post("/v1/subscriptions", "customer=cus_nobody&items[0][price]=price_x", "error-key");
    expect(replay.status).toBe(400);
    expect(replay.headers.get("idempotent-replayed")).toBe("true");

    const bad = await post("/v1/customers", "email=fixed%40example.com&bogus=1", "param-key");
    expect(bad.status).toBe(400);
    const fixed = await post("/v1/customers", "email=fixed%40example.com", "param-key");
    expect(fixed.status).toBe(200);
    expect(fixed.headers.get("idempotent-replayed")).toBeNull();
  });

  it("keeps keys per API key", async () => {
    const a = (await (await post("/v1/customers", "email=scoped%40example.com", "scoped", "sk_test_one")).json()) as Stripe.Customer;
    const b = (await (await post("/v1/customers", "email=scoped%40example.com", "scoped", "sk_test_two")).json()) as Stripe.Customer;
    expect(b.id).not.toBe(a.id);
  });

  it("treats parameters in another order as the same request", async () => {
    const a = (await (await post("/v1/customers", "email=order%40example.com&name=Ada", "order-key")).json()) as Stripe.Customer;
    const b = await post("/v1/customers", "name=Ada&email=order%40example.com", "order-key");
    expect(b.headers.get("idempotent-replayed")).toBe("true");
    expect(((await b.json()) as Stripe.Customer).id).toBe(a.id);
  });
});
