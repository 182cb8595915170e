import {
  type BillingInterval,
  DEFAULT_CATALOG,
  teamMonthlyAllotment,
  teamPriceCents,
  topUpPriceCents,
  topUpProblem,
} from "@team-billing/shared";

/**
 * Prices and credit amounts as the console shows them, all from the shared
 * catalog (the numbers the server sells at by default). Money is integer cents.
 */
const CATALOG = DEFAULT_CATALOG;

const MONTHS: Record<BillingInterval, number> = { MONTHLY: 1, YEARLY: 12 };

const money = new Map<boolean, Intl.NumberFormat>();

/** "$49", or "$12.50" when there are cents. */
export function formatMoney(cents: number): string {
  const whole = cents % 100 === 0;
  let format = money.get(whole);
  if (!format) {
    format = new Intl.NumberFormat(undefined, {
      style: "currency",
      currency: CATALOG.currency.toUpperCase(),
      minimumFractionDigits: whole ? 0 : 2,
      maximumFractionDigits: whole ? 0 : 2,
    });
    money.set(whole, format);
  }
  return format.format(cents / 100);
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

export function teamQuote(interval: BillingInterval, seats: number): TeamQuote {
  const months = MONTHS[interval];
  const { baseCents, seatCents } = CATALOG.team.prices[interval];
  const totalCents = teamPriceCents(interval, seats, CATALOG);
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
export function yearlySaving(seats: number): { cents: number; percent: number } {
  const twelveMonths = teamPriceCents("MONTHLY", seats, CATALOG) * 12;
  const cents = twelveMonths - teamPriceCents("YEARLY", seats, CATALOG);
  return { cents, percent: twelveMonths > 0 ? Math.round((cents / twelveMonths) * 100) : 0 };
}

/** The Team pool's monthly credits for a seat count, and how they add up. */
export function teamAllotment(seats: number): { credits: number; base: number; perSeat: number } {
  return { credits: teamMonthlyAllotment(seats, CATALOG), base: CATALOG.team.baseMonthlyCredits, perSeat: CATALOG.team.creditsPerSeat };
}

export const TOP_UP_RULES = CATALOG.topUp;

/** The personal Pro plan an org's owner moves to when going solo again. */
export const PRO_PLAN = CATALOG.personal.PRO;

/** The sentence a person sees for an amount that is not a valid top-up. */
export const TOP_UP_RULE_TEXT = `Choose ${TOP_UP_RULES.minCredits.toLocaleString()} to ${TOP_UP_RULES.maxCredits.toLocaleString()} credits, in steps of ${TOP_UP_RULES.stepCredits.toLocaleString()}.`;

/** Reads what was typed into the amount field: a price, or why it cannot be bought. */
export function topUpQuote(typed: string): { credits: number; priceCents: number } | { problem: string } {
  const text = typed.trim().replace(/[,\s_]/g, "");
  const credits = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (topUpProblem(credits, CATALOG) !== null) return { problem: TOP_UP_RULE_TEXT };
  return { credits, priceCents: topUpPriceCents(credits, CATALOG) };
}

/** A price per step, e.g. "$10 per 1,000 credits". */
export const TOP_UP_RATE_TEXT = `${formatMoney(TOP_UP_RULES.centsPerStep)} per ${TOP_UP_RULES.stepCredits.toLocaleString()} credits`;

const invoiceMoney = new Map<string, Intl.NumberFormat>();

/** An invoice amount in its own currency, always with cents: "$61.00", "−$4.35". */
export function formatInvoiceMoney(cents: number, currency: string): string {
  const code = currency.toUpperCase();
  let format = invoiceMoney.get(code);
  if (!format) {
    try {
      format = new Intl.NumberFormat(undefined, { style: "currency", currency: code, minimumFractionDigits: 2 });
    } catch {
      // An unknown code: the number, then the code.
      format = new Intl.NumberFormat(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    }
    invoiceMoney.set(code, format);
  }
  return format.format(cents / 100).replace("-", "−");
}
