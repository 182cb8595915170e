import { type BillingInterval, PRICE_LOOKUP_KEYS, type Plan } from "@team-billing/shared";
import type Stripe from "stripe";
import type { SubscriptionEntity } from "../entities";

/**
 * Pure functions from Stripe objects to our rows: handlers re-fetch the object and
 * upsert what these return, keyed by the Stripe id, so event order does not matter.
 */

const SEAT_KEYS: string[] = [PRICE_LOOKUP_KEYS.TEAM_SEAT_MONTHLY, PRICE_LOOKUP_KEYS.TEAM_SEAT_YEARLY];
const PLAN_OF_KEY: Record<string, Plan> = {
  [PRICE_LOOKUP_KEYS.TEAM_BASE_MONTHLY]: "TEAM",
  [PRICE_LOOKUP_KEYS.TEAM_BASE_YEARLY]: "TEAM",
  [PRICE_LOOKUP_KEYS.STARTER_MONTHLY]: "STARTER",
  [PRICE_LOOKUP_KEYS.PRO_MONTHLY]: "PRO",
};

export const idOf = (ref: string | { id: string } | null | undefined): string | null =>
  ref === null || ref === undefined ? null : typeof ref === "string" ? ref : ref.id;

export type SubscriptionRow = Omit<SubscriptionEntity, "accountType" | "accountId" | "pendingPlan" | "updatedAt">;

/** Our row for a subscription; `null` when it sells nothing we know (not ours). */
export function subscriptionRow(sub: Stripe.Subscription): SubscriptionRow | null {
  const items = sub.items.data;
  const plan = items.map((i) => PLAN_OF_KEY[i.price.lookup_key ?? ""]).find(Boolean);
  if (!plan || items.length === 0) return null;
  const seat = items.find((i) => SEAT_KEYS.includes(i.price.lookup_key ?? ""));
  const first = items[0];
  const interval: BillingInterval = first.price.recurring?.interval === "year" ? "YEARLY" : "MONTHLY";
  return {
    id: sub.id,
    customerId: idOf(sub.customer) as string,
    plan,
    interval,
    status: sub.status,
    currentPeriodStart: new Date(first.current_period_start * 1000),
    currentPeriodEnd: new Date(first.current_period_end * 1000),
    cancelAtPeriodEnd: sub.cancel_at_period_end,
    scheduleId: idOf(sub.schedule as string | { id: string } | null),
    seatItemId: seat?.id ?? null,
    seatQuantity: seat?.quantity ?? 0,
    startedAt: new Date(sub.start_date * 1000),
  };
}

/** Subscriptions in these states hold the plan (and block a second checkout). */
export const LIVE_STATUSES = ["active", "trialing", "past_due", "incomplete", "unpaid"];
