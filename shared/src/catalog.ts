import type { BillingInterval, Plan } from "./enums";

/**
 * The plan catalog: every price, credit amount and top-up rule in one place.
 * Money is integer cents; credits are integers. `loadCatalog` applies
 * configuration overrides on top of these defaults.
 */
export interface Catalog {
  currency: string;
  personal: Record<"STARTER" | "PRO", { monthlyPriceCents: number; monthlyCredits: number }>;
  team: {
    baseMonthlyCredits: number;
    creditsPerSeat: number;
    prices: Record<BillingInterval, { baseCents: number; seatCents: number }>;
  };
  topUp: { minCredits: number; maxCredits: number; stepCredits: number; centsPerStep: number };
  enterprise: { defaultMonthlyCredits: number };
}

export const DEFAULT_CATALOG: Catalog = {
  currency: "usd",
  personal: {
    STARTER: { monthlyPriceCents: 1_000, monthlyCredits: 1_000 },
    PRO: { monthlyPriceCents: 2_000, monthlyCredits: 2_500 },
  },
  team: {
    baseMonthlyCredits: 8_000,
    creditsPerSeat: 1_000,
    prices: {
      // Yearly prices are billed once a year: $39 × 12 and $10 × 12.
      MONTHLY: { baseCents: 4_900, seatCents: 1_200 },
      YEARLY: { baseCents: 46_800, seatCents: 12_000 },
    },
  },
  topUp: { minCredits: 1_000, maxCredits: 100_000, stepCredits: 1_000, centsPerStep: 1_000 },
  enterprise: { defaultMonthlyCredits: 50_000 },
};

/** Stripe lookup keys for every price we sell; the emulator seeds them, bootstrap creates them. */
export const PRICE_LOOKUP_KEYS = {
  STARTER_MONTHLY: "starter_monthly",
  PRO_MONTHLY: "pro_monthly",
  TEAM_BASE_MONTHLY: "team_base_monthly",
  TEAM_SEAT_MONTHLY: "team_seat_monthly",
  TEAM_BASE_YEARLY: "team_base_yearly",
  TEAM_SEAT_YEARLY: "team_seat_yearly",
} as const;
export type PriceLookupKey = (typeof PRICE_LOOKUP_KEYS)[keyof typeof PRICE_LOOKUP_KEYS];

export interface CatalogPrice {
  lookupKey: PriceLookupKey;
  productName: string;
  unitAmountCents: number;
  interval: "month" | "year";
}

/** The recurring prices to create in Stripe (top-ups are one-off, priced inline). */
export function catalogPrices(catalog: Catalog = DEFAULT_CATALOG): CatalogPrice[] {
  const { team, personal } = catalog;
  return [
    {
      lookupKey: PRICE_LOOKUP_KEYS.STARTER_MONTHLY,
      productName: "Starter",
      unitAmountCents: personal.STARTER.monthlyPriceCents,
      interval: "month",
    },
    { lookupKey: PRICE_LOOKUP_KEYS.PRO_MONTHLY, productName: "Pro", unitAmountCents: personal.PRO.monthlyPriceCents, interval: "month" },
    {
      lookupKey: PRICE_LOOKUP_KEYS.TEAM_BASE_MONTHLY,
      productName: "Team",
      unitAmountCents: team.prices.MONTHLY.baseCents,
      interval: "month",
    },
    {
      lookupKey: PRICE_LOOKUP_KEYS.TEAM_SEAT_MONTHLY,
      productName: "Team seat",
      unitAmountCents: team.prices.MONTHLY.seatCents,
      interval: "month",
    },
    { lookupKey: PRICE_LOOKUP_KEYS.TEAM_BASE_YEARLY, productName: "Team", unitAmountCents: team.prices.YEARLY.baseCents, interval: "year" },
    {
      lookupKey: PRICE_LOOKUP_KEYS.TEAM_SEAT_YEARLY,
      productName: "Team seat",
      unitAmountCents: team.prices.YEARLY.seatCents,
      interval: "year",
    },
  ];
}

/** A Team org's monthly allotment for a seat count. */
export function teamMonthlyAllotment(seats: number, catalog: Catalog = DEFAULT_CATALOG): number {
  return catalog.team.baseMonthlyCredits + seats * catalog.team.creditsPerSeat;
}

/** What a Team subscription costs per billing interval, in cents. */
export function teamPriceCents(interval: BillingInterval, seats: number, catalog: Catalog = DEFAULT_CATALOG): number {
  const p = catalog.team.prices[interval];
  return p.baseCents + seats * p.seatCents;
}

/** Null when the amount is a valid top-up, else the reason it is not. */
export function topUpProblem(credits: number, catalog: Catalog = DEFAULT_CATALOG): string | null {
  const { minCredits, maxCredits, stepCredits } = catalog.topUp;
  if (!Number.isSafeInteger(credits)) return "credits must be a whole number";
  if (credits < minCredits || credits > maxCredits) return `credits must be between ${minCredits} and ${maxCredits}`;
  if (credits % stepCredits !== 0) return `credits must be a multiple of ${stepCredits}`;
  return null;
}

export function topUpPriceCents(credits: number, catalog: Catalog = DEFAULT_CATALOG): number {
  return (credits / catalog.topUp.stepCredits) * catalog.topUp.centsPerStep;
}

export function monthlyCreditsOfPersonalPlan(plan: Plan, catalog: Catalog = DEFAULT_CATALOG): number {
  return plan === "STARTER" || plan === "PRO" ? catalog.personal[plan].monthlyCredits : 0;
}

type DeepPartial<T> = { [K in keyof T]?: T[K] extends object ? DeepPartial<T[K]> : T[K] };

/**
 * The catalog with overrides applied. `CATALOG_JSON` (an environment variable)
 * holds a partial catalog, e.g. `{"team":{"baseMonthlyCredits":10000}}`.
 * Every number must stay a non-negative safe integer.
 */
export function loadCatalog(overridesJson: string | undefined = undefined): Catalog {
  if (!overridesJson) return DEFAULT_CATALOG;
  const overrides = JSON.parse(overridesJson) as DeepPartial<Catalog>;
  const merged = deepMerge(DEFAULT_CATALOG, overrides);
  assertIntegers(merged, "catalog");
  return merged;
}

function deepMerge<T>(base: T, patch: DeepPartial<T> | undefined): T {
  if (patch === undefined) return base;
  if (typeof base !== "object" || base === null) return patch as T;
  const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [key, value] of Object.entries(patch as Record<string, unknown>)) {
    if (!(key in out)) throw new Error(`unknown catalog setting: ${key}`);
    out[key] = deepMerge(out[key], value as never);
  }
  return out as T;
}

function assertIntegers(value: unknown, path: string): void {
  if (typeof value === "number" && !(Number.isSafeInteger(value) && value >= 0)) {
    throw new Error(`${path} must be a non-negative integer, got ${value}`);
  }
  if (typeof value === "object" && value !== null) {
    for (const [k, v] of Object.entries(value)) assertIntegers(v, `${path}.${k}`);
  }
}
