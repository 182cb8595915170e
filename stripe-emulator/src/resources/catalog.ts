import type Stripe from "stripe";
import { type Core, previousAttributes, snapshot } from "../core";
import { invalidRequest } from "../errors";
import { type ListParams, paginate } from "../list";
import { buildPrice, buildProduct } from "../objects/catalog";
import { LIST_FIELDS, mergeMetadata, s } from "../params";
import { input, type Route } from "../routes";

type Metadata = Record<string, string | null> | null;
type Interval = "day" | "week" | "month" | "year";

const INTERVALS = ["day", "week", "month", "year"] as const;
const recurringFields = s.obj({
  interval: s.req(s.enum(INTERVALS)),
  interval_count: s.int({ min: 1 }),
  usage_type: s.enum(["licensed"]),
});

interface PriceParams {
  currency: string;
  unit_amount?: number;
  product?: string;
  product_data?: { name: string; metadata?: Metadata; unit_label?: string };
  recurring?: { interval: Interval; interval_count?: number };
  lookup_key?: string;
  transfer_lookup_key?: boolean;
  nickname?: string;
  metadata?: Metadata;
  active?: boolean;
}

export function createProduct(
  core: Core,
  p: { id?: string; name: string; description?: string; metadata?: Metadata; active?: boolean; unit_label?: string },
  emit = true,
): Stripe.Product {
  if (p.id && core.store.products.get(p.id)) {
    throw invalidRequest(`Product already exists.`, "id", "resource_already_exists");
  }
  const product = core.store.products.insert(
    buildProduct(
      {
        id: p.id,
        name: p.name,
        description: p.description,
        metadata: mergeMetadata({}, p.metadata),
        active: p.active,
        unitLabel: p.unit_label,
      },
      core.now(),
    ),
  );
  if (emit) core.emit("product.created", product);
  return product;
}

/** Creates a price; a lookup key already in use is refused unless `transfer_lookup_key` moves it. */
export function createPrice(core: Core, p: PriceParams, emit = true, inline = false): Stripe.Price {
  if (p.unit_amount === undefined) throw invalidRequest("Missing required param: unit_amount.", "unit_amount", "parameter_missing");
  if (!p.product && !p.product_data) throw invalidRequest("Missing required param: product.", "product", "parameter_missing");
  if (p.product && p.product_data) throw invalidRequest("You may only specify one of these parameters: product, product_data.", "product");
  const holder = p.lookup_key ? core.store.prices.all().find((x) => x.lookup_key === p.lookup_key) : undefined;
  if (holder && !p.transfer_lookup_key) {
    throw invalidRequest(`A price (\`${holder.id}\`) already uses that lookup key.`, "lookup_key");
  }
  const product = p.product
    ? core.store.products.find(p.product, "product")
    : createProduct(core, p.product_data as { name: string }, emit);
  if (holder) holder.lookup_key = null;
  const price = core.store.prices.insert(
    buildPrice(
      {
        product: product.id,
        currency: p.currency.toLowerCase(),
        unitAmount: p.unit_amount,
        recurring: p.recurring ? { interval: p.recurring.interval, intervalCount: p.recurring.interval_count } : null,
        lookupKey: p.lookup_key ?? null,
        nickname: p.nickname ?? null,
        metadata: mergeMetadata({}, p.metadata),
        active: p.active,
      },
      core.now(),
    ),
  );
  if (inline) core.store.inlinePrices.add(price.id);
  if (emit) core.emit("price.created", price);
  return price;
}

const productFields = {
  name: s.str(),
  description: s.str({ emptyable: true }),
  metadata: s.meta(),
  active: s.bool(),
  unit_label: s.str({ emptyable: true }),
};

const priceUpdateFields = {
  active: s.bool(),
  nickname: s.str({ emptyable: true }),
  metadata: s.meta(),
  lookup_key: s.str({ emptyable: true }),
  transfer_lookup_key: s.bool(),
};

export const catalogRoutes: Route[] = [
  {
    method: "POST",
    path: "/v1/products",
    fields: {
      ...productFields,
      name: s.req(s.str()),
      id: s.str(),
      default_price_data: s.obj({
        currency: s.req(s.str()),
        unit_amount: s.req(s.int({ min: 0 })),
        recurring: recurringFields,
      }),
    },
    handler: (ctx) => {
      const p = input<Parameters<typeof createProduct>[1] & { default_price_data?: Omit<PriceParams, "product"> }>(ctx);
      const product = createProduct(ctx.core, p);
      if (p.default_price_data) {
        const price = createPrice(ctx.core, { ...p.default_price_data, product: product.id });
        product.default_price = price.id;
      }
      return product;
    },
  },
  {
    method: "GET",
    path: "/v1/products/:id",
    fields: {},
    handler: (ctx) => ctx.core.store.products.find(ctx.params.id),
  },
  {
    method: "POST",
    path: "/v1/products/:id",
    fields: { ...productFields, default_price: s.str() },
    handler: (ctx) => {
      const product = ctx.core.store.products.find(ctx.params.id);
      const p = input<{
        name?: string;
        description?: string | null;
        metadata?: Metadata;
        active?: boolean;
        unit_label?: string | null;
        default_price?: string;
      }>(ctx);
      const before = snapshot(product);
      if (p.default_price !== undefined) product.default_price = ctx.core.store.prices.find(p.default_price, "default_price").id;
      if (p.name !== undefined) product.name = p.name;
      if (p.description !== undefined) product.description = p.description;
      if (p.active !== undefined) product.active = p.active;
      if (p.unit_label !== undefined) product.unit_label = p.unit_label;
      product.metadata = mergeMetadata(product.metadata, p.metadata);
      product.updated = ctx.core.now();
      ctx.core.emit("product.updated", product, previousAttributes(before, product));
      return product;
    },
  },
  {
    method: "GET",
    path: "/v1/products",
    fields: { ...LIST_FIELDS, active: s.bool(), ids: s.arr(s.str()) },
    handler: (ctx) => {
      const p = input<ListParams & { active?: boolean; ids?: string[] }>(ctx);
      const rows = ctx.core.store.products.newestFirst(
        (x) => (p.active === undefined || x.active === p.active) && (!p.ids || p.ids.includes(x.id)),
      );
      return paginate(rows, p, "/v1/products");
    },
  },
  {
    method: "POST",
    path: "/v1/prices",
    fields: {
      currency: s.req(s.str()),
      unit_amount: s.int({ min: 0 }),
      product: s.str(),
      product_data: s.obj({ name: s.req(s.str()), metadata: s.meta(), unit_label: s.str() }),
      recurring: recurringFields,
      lookup_key: s.str(),
      transfer_lookup_key: s.bool(),
      nickname: s.str(),
      metadata: s.meta(),
      active: s.bool(),
      billing_scheme: s.enum(["per_unit"]),
      tax_behavior: s.enum(["unspecified"]),
    },
    handler: (ctx) => createPrice(ctx.core, input<PriceParams>(ctx)),
  },
  { method: "GET", path: "/v1/prices/:id", fields: {}, handler: (ctx) => ctx.core.store.prices.find(ctx.params.id) },
  {
    method: "POST",
    path: "/v1/prices/:id",
    fields: priceUpdateFields,
    handler: (ctx) => {
      const price = ctx.core.store.prices.find(ctx.params.id);
      const p = input<{
        active?: boolean;
        nickname?: string | null;
        metadata?: Metadata;
        lookup_key?: string | null;
        transfer_lookup_key?: boolean;
      }>(ctx);
      const before = snapshot(price);
      if (p.lookup_key) {
        const holder = ctx.core.store.prices.all().find((x) => x.lookup_key === p.lookup_key && x.id !== price.id);
        if (holder && !p.transfer_lookup_key)
          throw invalidRequest(`A price (\`${holder.id}\`) already uses that lookup key.`, "lookup_key");
        if (holder) holder.lookup_key = null;
      }
      if (p.lookup_key !== undefined) price.lookup_key = p.lookup_key;
      if (p.active !== undefined) price.active = p.active;
      if (p.nickname !== undefined) price.nickname = p.nickname;
      price.metadata = mergeMetadata(price.metadata, p.metadata);
      ctx.core.emit("price.updated", price, previousAttributes(before, price));
      return price;
    },
  },
  {
    method: "GET",
    path: "/v1/prices",
    fields: {
      ...LIST_FIELDS,
      lookup_keys: s.arr(s.str()),
      active: s.bool(),
      product: s.str(),
      currency: s.str(),
      type: s.enum(["one_time", "recurring"]),
      recurring: s.obj({ interval: s.enum(INTERVALS) }),
    },
    handler: (ctx) => {
      const p = input<
        ListParams & {
          lookup_keys?: string[];
          active?: boolean;
          product?: string;
          currency?: string;
          type?: string;
          recurring?: { interval?: string };
        }
      >(ctx);
      const rows = ctx.core.store.prices.newestFirst(
        (x) =>
          !ctx.core.store.inlinePrices.has(x.id) &&
          (!p.lookup_keys || (x.lookup_key !== null && p.lookup_keys.includes(x.lookup_key))) &&
          (p.active === undefined || x.active === p.active) &&
          (p.product === undefined || x.product === p.product) &&
          (p.currency === undefined || x.currency === p.currency) &&
          (p.type === undefined || x.type === p.type) &&
          (p.recurring?.interval === undefined || x.recurring?.interval === p.recurring.interval),
      );
      return paginate(rows, p, "/v1/prices");
    },
  },
];
