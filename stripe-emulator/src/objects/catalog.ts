import Stripe from "stripe";
import { newId } from "../ids";

export interface ProductInput {
  id?: string;
  name: string;
  description?: string | null;
  metadata?: Record<string, string>;
  active?: boolean;
  unitLabel?: string | null;
}

export function buildProduct(input: ProductInput, now: number): Stripe.Product {
  return {
    id: input.id ?? newId("prod"),
    object: "product",
    active: input.active ?? true,
    created: now,
    default_price: null,
    description: input.description ?? null,
    images: [],
    livemode: false,
    marketing_features: [],
    metadata: input.metadata ?? {},
    name: input.name,
    package_dimensions: null,
    shippable: null,
    statement_descriptor: null,
    tax_code: null,
    tax_details: null,
    type: "service",
    unit_label: input.unitLabel ?? null,
    updated: now,
    url: null,
  } satisfies Stripe.Product;
}

export interface PriceInput {
  product: string;
  currency: string;
  unitAmount: number;
  recurring?: { interval: "day" | "week" | "month" | "year"; intervalCount?: number } | null;
  lookupKey?: string | null;
  nickname?: string | null;
  metadata?: Record<string, string>;
  active?: boolean;
}

export function buildPrice(input: PriceInput, now: number): Stripe.Price {
  return {
    id: newId("price"),
    object: "price",
    active: input.active ?? true,
    billing_scheme: "per_unit",
    created: now,
    currency: input.currency,
    custom_unit_amount: null,
    livemode: false,
    lookup_key: input.lookupKey ?? null,
    metadata: input.metadata ?? {},
    nickname: input.nickname ?? null,
    product: input.product,
    recurring: input.recurring
      ? {
          interval: input.recurring.interval,
          interval_count: input.recurring.intervalCount ?? 1,
          meter: null,
          trial_period_days: null,
          usage_type: "licensed",
        }
      : null,
    tax_behavior: "unspecified",
    tiers_mode: null,
    transform_quantity: null,
    type: input.recurring ? "recurring" : "one_time",
    unit_amount: input.unitAmount,
    unit_amount_decimal: Stripe.Decimal.from(input.unitAmount),
  } satisfies Stripe.Price;
}

/** The legacy `plan` mirror of a recurring price that subscription items still carry. */
export function planOf(price: Stripe.Price): Stripe.Plan {
  const recurring = price.recurring;
  if (!recurring) throw new Error(`price ${price.id} is not recurring`);
  return {
    id: price.id,
    object: "plan",
    active: price.active,
    amount: price.unit_amount,
    amount_decimal: price.unit_amount_decimal,
    billing_scheme: price.billing_scheme,
    created: price.created,
    currency: price.currency,
    interval: recurring.interval,
    interval_count: recurring.interval_count,
    livemode: false,
    metadata: price.metadata,
    meter: null,
    nickname: price.nickname,
    product: typeof price.product === "string" ? price.product : price.product.id,
    tiers_mode: null,
    transform_usage: null,
    trial_period_days: null,
    usage_type: "licensed",
  } satisfies Stripe.Plan;
}
