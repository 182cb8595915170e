import Stripe from "stripe";
import { errorOf, type Harness, startHarness } from "./helpers";

/** The wire as Stripe has it, seen with plain HTTP requests. */
describe("the HTTP API", () => {
  let h: Harness;
  const call = (path: string, init: RequestInit & { key?: string | null } = {}) => {
    const headers = new Headers(init.headers);
    if (init.key !== null) headers.set("Authorization", `Bearer ${init.key ?? "sk_test_wire"}`);
    if (init.body) headers.set("Content-Type", "application/x-www-form-urlencoded");
    return fetch(`${h.emulator.url}${path}`, { ...init, headers });
  };

  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  it("answers 401 without an API key, or with one that is not a test secret key", async () => {
    const none = await call("/v1/customers", { key: null });
    expect(none.status).toBe(401);
    expect((await errorOf(none)).type).toBe("invalid_request_error");
    const live = await call("/v1/customers", { key: "sk_live_123456789012" });
    expect(live.status).toBe(401);
    expect((await errorOf(live)).message).toMatch(/^Invalid API Key provided: sk_live_/);
    const publishable = await call("/v1/customers", { key: "pk_test_123" });
    expect(publishable.status).toBe(401);
  });

  it("accepts any sk_test_ key, by Bearer or Basic auth", async () => {
    expect((await call("/v1/customers", { key: "sk_test_anything_at_all" })).status).toBe(200);
    const basic = await fetch(`${h.emulator.url}/v1/customers`, {
      headers: { Authorization: `Basic ${Buffer.from("sk_test_basic:").toString("base64")}` },
    });
    expect(basic.status).toBe(200);
  });

  it("gives the SDK a StripeAuthenticationError for a bad key", async () => {
    const bad = new Stripe("sk_live_nope_nope_nope", {
      host: h.emulator.host,
      port: h.emulator.port,
      protocol: "http",
      maxNetworkRetries: 0,
    });
    await expect(bad.customers.list()).rejects.toBeInstanceOf(Stripe.errors.StripeAuthenticationError);
  });

  it("sends a Request-Id header on every answer, errors included", async () => {
    const ok = await call("/v1/customers");
    const missing = await call("/v1/customers/cus_missing");
    expect(ok.headers.get("request-id")).toMatch(/^req_/);
    expect(missing.headers.get("request-id")).toMatch(/^req_/);
    expect(ok.headers.get("request-id")).not.toBe(missing.headers.get("request-id"));
    const customer = await h.stripe.customers.create({ email: "rid@example.com" });
    expect(customer.lastResponse.requestId).toMatch(/^req_/);
  });

  it("uses Stripe's error envelope: 404 resource_missing with the parameter", async () => {
    const res = await call("/v1/customers/cus_missing");
    expect(res.status).toBe(404);
    expect(await errorOf(res)).toMatchObject({
      type: "invalid_request_error",
      code: "resource_missing",
      message: "No such customer: 'cus_missing'",
      param: "id",
    });
  });

  it("answers 400 parameter_unknown for a parameter the endpoint does not take", async () => {
    const res = await call("/v1/customers", { method: "POST", body: "email=a%40b.c&emial=typo" });
    expect(res.status).toBe(400);
    expect(await errorOf(res)).toMatchObject({
      code: "parameter_unknown",
      param: "emial",
      message: "Received unknown parameter: emial",
    });
    const nested = await call("/v1/checkout/sessions", { method: "POST", body: "mode=payment&line_items[0][prise]=x" });
    expect((await errorOf(nested)).param).toBe("line_items[0][prise]");
    const sdk = h.stripe.customers.create({ email: "x@example.com", colour: "blue" } as Stripe.CustomerCreateParams);
    await expect(sdk).rejects.toMatchObject({
      type: "StripeInvalidRequestError",
      code: "parameter_unknown",
      param: "colour",
    });
  });

  it("answers parameter_missing, parameter_invalid_integer and parameter_invalid_empty", async () => {
    const missing = { error: await errorOf(await call("/v1/prices", { method: "POST", body: "unit_amount=100" })) };
    expect(missing.error).toMatchObject({ code: "parameter_missing", param: "currency" });
    const notInt = {
      error: await errorOf(await call("/v1/prices", { method: "POST", body: "currency=usd&unit_amount=12.5&product_data[name]=X" })),
    };
    expect(notInt.error).toMatchObject({ code: "parameter_invalid_integer", param: "unit_amount" });
    const empty = {
      error: await errorOf(await call("/v1/prices", { method: "POST", body: "currency=&unit_amount=1&product_data[name]=X" })),
    };
    expect(empty.error).toMatchObject({ code: "parameter_invalid_empty", param: "currency" });
  });

  it("answers 404 for an unknown URL", async () => {
    const res = await call("/v1/unicorns");
    expect(res.status).toBe(404);
    expect((await errorOf(res)).message).toMatch(/^Unrecognized request URL \(GET: \/v1\/unicorns\)/);
  });

  it("decodes indexed brackets and metadata in form bodies", async () => {
    const res = await call("/v1/customers", {
      method: "POST",
      body: "email=brackets%40example.com&metadata[org_id]=org_42&metadata[plan]=TEAM&tax_id_data[0][type]=eu_vat&tax_id_data[0][value]=DE123456789&expand[]=tax_ids",
    });
    const customer = (await res.json()) as Stripe.Customer;
    expect(res.status).toBe(200);
    expect(customer.metadata).toEqual({ org_id: "org_42", plan: "TEAM" });
    expect(customer.tax_ids?.data).toEqual([expect.objectContaining({ type: "eu_vat", value: "DE123456789", country: "DE" })]);
  });

  it("pages lists with limit and starting_after, newest first, in the list envelope", async () => {
    const created: string[] = [];
    for (let i = 0; i < 5; i++) created.push((await h.stripe.customers.create({ email: `page${i}@list.test` })).id);
    const newest = [...created].reverse();
    const first = await h.stripe.customers.list({ limit: 2 });
    expect(first.object).toBe("list");
    expect(first.url).toBe("/v1/customers");
    expect(first.has_more).toBe(true);
    expect(first.data.map((c) => c.id)).toEqual(newest.slice(0, 2));
    const second = await h.stripe.customers.list({ limit: 2, starting_after: first.data[1].id });
    expect(second.data.map((c) => c.id)).toEqual(newest.slice(2, 4));
    const all: string[] = [];
    for await (const c of h.stripe.customers.list({ limit: 3 })) all.push(c.id);
    expect(all.slice(0, 5)).toEqual(newest);
    const byEmail = await h.stripe.customers.list({ email: "page3@list.test" });
    expect(byEmail.data.map((c) => c.id)).toEqual([created[3]]);
    await expect(h.stripe.customers.list({ limit: 101 })).rejects.toMatchObject({ param: "limit" });
  });

  it("expands ids into objects with expand[], and refuses what cannot be expanded", async () => {
    const customer = await h.stripe.customers.create({
      email: "expand@example.com",
      tax_id_data: [{ type: "gb_vat", value: "GB123456789" }],
    });
    const plain = await h.stripe.customers.retrieve(customer.id);
    expect((plain as Stripe.Customer).tax_ids).toBeUndefined();
    const expanded = (await h.stripe.customers.retrieve(customer.id, { expand: ["tax_ids"] })) as Stripe.Customer;
    expect(expanded.tax_ids?.data.map((t) => t.value)).toEqual(["GB123456789"]);
    await expect(h.stripe.customers.retrieve(customer.id, { expand: ["email"] })).rejects.toMatchObject({
      message: "This property cannot be expanded (email).",
    });
  });
});
