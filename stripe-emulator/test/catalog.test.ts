import { catalogPrices, DEFAULT_CATALOG, loadCatalog, PRICE_LOOKUP_KEYS } from "@team-billing/shared";
import type Stripe from "stripe";
import { type Harness, startHarness } from "./helpers";

describe("products and prices", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  it("is seeded with every catalog price, findable by lookup key", async () => {
    const keys = Object.values(PRICE_LOOKUP_KEYS);
    const { data } = await h.stripe.prices.list({ lookup_keys: keys, expand: ["data.product"], limit: 100 });
    const byKey = new Map(data.map((p) => [p.lookup_key, p]));
    for (const entry of catalogPrices(DEFAULT_CATALOG)) {
      const price = byKey.get(entry.lookupKey);
      expect(price).toMatchObject({
        unit_amount: entry.unitAmountCents,
        currency: "usd",
        type: "recurring",
        active: true,
      });
      expect(price?.recurring).toMatchObject({ interval: entry.interval, interval_count: 1 });
      expect((price?.product as Stripe.Product | undefined)?.name).toBe(entry.productName);
    }
    expect(data).toHaveLength(keys.length);
  });

  it("finds one price by lookup key", async () => {
    const { data } = await h.stripe.prices.list({ lookup_keys: ["team_seat_yearly"] });
    expect(data.map((p) => p.unit_amount)).toEqual([12_000]);
  });

  it("creates products and prices as a bootstrap script would", async () => {
    const product = await h.stripe.products.create({ name: "Enterprise", metadata: { tier: "ent" } });
    expect(product).toMatchObject({ object: "product", name: "Enterprise", active: true, metadata: { tier: "ent" } });
    const price = await h.stripe.prices.create({
      product: product.id,
      currency: "usd",
      unit_amount: 99_900,
      recurring: { interval: "month" },
      lookup_key: "enterprise_monthly",
    });
    expect(price).toMatchObject({
      product: product.id,
      unit_amount: 99_900,
      lookup_key: "enterprise_monthly",
      type: "recurring",
    });
    expect(String(price.unit_amount_decimal)).toBe("99900");
    expect((await h.stripe.prices.list({ lookup_keys: ["enterprise_monthly"] })).data.map((p) => p.id)).toEqual([price.id]);
    const withData = await h.stripe.prices.create({
      currency: "usd",
      unit_amount: 500,
      product_data: { name: "Sticker" },
    });
    expect((await h.stripe.products.retrieve(withData.product as string)).name).toBe("Sticker");
  });

  it("refuses a lookup key already in use, unless transfer_lookup_key moves it", async () => {
    const product = await h.stripe.products.create({ name: "Keyed" });
    const first = await h.stripe.prices.create({
      product: product.id,
      currency: "usd",
      unit_amount: 100,
      lookup_key: "keyed",
    });
    await expect(
      h.stripe.prices.create({ product: product.id, currency: "usd", unit_amount: 200, lookup_key: "keyed" }),
    ).rejects.toMatchObject({
      statusCode: 400,
      param: "lookup_key",
    });
    const second = await h.stripe.prices.create({
      product: product.id,
      currency: "usd",
      unit_amount: 200,
      lookup_key: "keyed",
      transfer_lookup_key: true,
    });
    expect((await h.stripe.prices.retrieve(first.id)).lookup_key).toBeNull();
    expect((await h.stripe.prices.list({ lookup_keys: ["keyed"] })).data.map((p) => p.id)).toEqual([second.id]);
  });

  it("filters prices by product, type and active", async () => {
    const product = await h.stripe.products.create({ name: "Filtered" });
    const once = await h.stripe.prices.create({ product: product.id, currency: "usd", unit_amount: 100 });
    const monthly = await h.stripe.prices.create({
      product: product.id,
      currency: "usd",
      unit_amount: 100,
      recurring: { interval: "month" },
    });
    await h.stripe.prices.update(once.id, { active: false });
    expect((await h.stripe.prices.list({ product: product.id })).data.map((p) => p.id)).toEqual([monthly.id, once.id]);
    expect((await h.stripe.prices.list({ product: product.id, type: "one_time" })).data.map((p) => p.id)).toEqual([once.id]);
    expect((await h.stripe.prices.list({ product: product.id, active: true })).data.map((p) => p.id)).toEqual([monthly.id]);
  });

  it("seeds a catalog with overrides", async () => {
    const custom = await startHarness({ catalog: loadCatalog('{"team":{"prices":{"MONTHLY":{"seatCents":1500}}}}') });
    try {
      const { data } = await custom.stripe.prices.list({ lookup_keys: ["team_seat_monthly"] });
      expect(data[0].unit_amount).toBe(1500);
    } finally {
      await custom.close();
    }
  });
});
