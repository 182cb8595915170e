import { formatMoney } from "../format/money";
import {
  type BillingInterval,
  type Catalog,
  teamMonthlyAllotment,
  teamPriceCents,
  topUpPriceCents,
  topUpProblem,
} from "@team-billing/shared";
import type { CatalogFieldsFragment } from "../gql/graphql";

/**
 * Prices and credit amounts as the console shows them. Every helper takes the
 * catalog the server sells at (the `catalog` query, operator overrides
 * included), never the shared defaults. Money is integer cents.
 */

const MONTHS: Record<BillingInterval, number> = { MONTHLY: 1, YEARLY: 12 };

/**
 * The server's catalog in the shared package's shape, so the shared price rules
 * apply to it unchanged. Null when the answer lacks a plan or an interval the
 * console sells (a server newer or older than this console).
 */
export function catalogFromApi(api: CatalogFieldsFragment): Catalog | null {
  const personal = (plan: "STARTER" | "PRO") => api.personalPlans.find((p) => p.plan === plan);
  const price = (interval: BillingInterval) => api.team.prices.find((p) => p.interval === interval);
  const starter = personal("STARTER");
  const pro = personal("PRO");
  const monthly = price("MONTHLY");
  const yearly = price("YEARLY");
  if (!starter || !pro || !monthly || !yearly) return null;
  return {
    currency: api.currency,
    personal: {
      STARTER: { monthlyPriceCents: starter.monthlyPriceCents, monthlyCredits: starter.monthlyCredits },
      PRO: { monthlyPriceCents: pro.monthlyPriceCents, monthlyCredits: pro.monthlyCredits },
    },
    team: {
      baseMonthlyCredits: api.team.baseMonthlyCredits,
      creditsPerSeat: api.team.creditsPerSeat,
      prices: {
        MONTHLY: { baseCents: monthly.baseCents, seatCents: monthly.seatCents },
        YEARLY: { baseCents: yearly.baseCents, seatCents: yearly.seatCents },
      },
    },
    topUp: {
      minCredits: api.topUp.minCredits,
      maxCredits: api.topUp.maxCredits,
      stepCredits: api.topUp.stepCredits,
      centsPerStep: api.topUp.centsPerStep,
    },
    enterprise: { defaultMonthlyCredits: api.enterpriseDefaultMonthlyCredits },
  };
}

export function formatCredits(credits: number): string {
  return `${credits.toLocaleString()} ${credits === 1 ? "credit" : "credits"}`;
}

export function seatsLabel(seats: number): string {
  return seats === 1 ? "1 seat" : `${seats.toLocaleString()} seats`;
}

export interface TeamQuote {
  interval: BillingInterval;
  seats: number;
  /** What one billing period costs: a month, or a year billed at once. */
  totalCents: number;
  /** The same, per month. */
  perMonthCents: number;
  basePerMonthCents: number;
  seatPerMonthCents: number;
}

export function teamQuote(interval: BillingInterval, seats: number, catalog: Catalog): TeamQuote {
  const months = MONTHS[interval];
  const { baseCents, seatCents } = catalog.team.prices[interval];
  const totalCents = teamPriceCents(interval, seats, catalog);
  return {
    interval,
    seats,
    totalCents,
    perMonthCents: totalCents / months,
    basePerMonthCents: baseCents / months,
    seatPerMonthCents: seatCents / months,
  };
}

/** What a year of yearly billing saves against twelve monthly bills. */
export function yearlySaving(seats: number, catalog: Catalog): { cents: number; percent: number } {
  const twelveMonths = teamPriceCents("MONTHLY", seats, catalog) * 12;
  const cents = twelveMonths - teamPriceCents("YEARLY", seats, catalog);
  return { cents, percent: twelveMonths > 0 ? Math.round((cents / twelveMonths) * 100) : 0 };
}

/** The Team pool's monthly credits for a seat count, and how they add up. */
export function teamAllotment(seats: number, catalog: Catalog): { credits: number; base: number; perSeat: number } {
  return { credits: teamMonthlyAllotment(seats, catalog), base: catalog.team.baseMonthlyCredits, perSeat: catalog.team.creditsPerSeat };
}

/** The sentence a person sees for an amount that is not a valid top-up. */
export function topUpRuleText({ topUp }: Catalog): string {
  return `Choose ${topUp.minCredits.toLocaleString()} to ${topUp.maxCredits.toLocaleString()} credits, in steps of ${topUp.stepCredits.toLocaleString()}.`;
}

/** A price per step, e.g. "$10 per 1,000 credits". */
export function topUpRateText(catalog: Catalog): string {
  return `${formatMoney(catalog.topUp.centsPerStep, catalog.currency)} per ${catalog.topUp.stepCredits.toLocaleString()} credits`;
}

/** Reads what was typed into the amount field: a price, or why it cannot be bought. */
export function topUpQuote(typed: string, catalog: Catalog): { credits: number; priceCents: number } | { problem: string } {
  const text = typed.trim().replace(/[,\s_]/g, "");
  const credits = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (topUpProblem(credits, catalog) !== null) return { problem: topUpRuleText(catalog) };
  return { credits, priceCents: topUpPriceCents(credits, catalog) };
}

/** Amounts one click away, those of them the catalog sells; never none (the minimum stands in). */
const PRESET_CANDIDATES = [5_000, 10_000, 25_000, 50_000];

export function topUpPresets(catalog: Catalog): number[] {
  const valid = PRESET_CANDIDATES.filter((credits) => topUpProblem(credits, catalog) === null);
  return valid.length > 0 ? valid : [catalog.topUp.minCredits];
}
