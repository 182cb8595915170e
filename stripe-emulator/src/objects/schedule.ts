import type Stripe from "stripe";
import { newId } from "../ids";

export interface PhaseInput {
  items: { price: string; quantity: number }[];
  start: number;
  end: number;
  currency: string;
  prorationBehavior: Stripe.SubscriptionSchedule.Phase.ProrationBehavior;
  metadata?: Record<string, string>;
}

export function buildPhase(input: PhaseInput): Stripe.SubscriptionSchedule.Phase {
  return {
    add_invoice_items: [],
    application_fee_percent: null,
    billing_cycle_anchor: null,
    billing_thresholds: null,
    collection_method: null,
    currency: input.currency,
    default_payment_method: null,
    default_tax_rates: [],
    description: null,
    discounts: [],
    end_date: input.end,
    invoice_settings: null,
    items: input.items.map((i) => ({
      billing_thresholds: null,
      discounts: [],
      metadata: {},
      plan: i.price,
      price: i.price,
      quantity: i.quantity,
      tax_rates: [],
    })),
    metadata: input.metadata ?? {},
    on_behalf_of: null,
    proration_behavior: input.prorationBehavior,
    start_date: input.start,
    transfer_data: null,
    trial_end: null,
  } satisfies Stripe.SubscriptionSchedule.Phase;
}

export function buildSchedule(
  subscription: Stripe.Subscription,
  phases: Stripe.SubscriptionSchedule.Phase[],
  now: number,
): Stripe.SubscriptionSchedule {
  return {
    id: newId("sub_sched"),
    object: "subscription_schedule",
    application: null,
    billing_mode: { flexible: null, type: "classic" },
    canceled_at: null,
    completed_at: null,
    created: now,
    current_phase: phases[0] ? { start_date: phases[0].start_date, end_date: phases[0].end_date } : null,
    customer: typeof subscription.customer === "string" ? subscription.customer : subscription.customer.id,
    customer_account: null,
    default_settings: {
      application_fee_percent: null,
      billing_cycle_anchor: "automatic",
      billing_thresholds: null,
      collection_method: "charge_automatically",
      default_payment_method: null,
      description: null,
      invoice_settings: {
        account_tax_ids: null,
        custom_fields: null,
        days_until_due: null,
        description: null,
        footer: null,
        issuer: { type: "self" },
      },
      on_behalf_of: null,
      transfer_data: null,
    },
    end_behavior: "release",
    livemode: false,
    metadata: {},
    pause_schedules: [],
    phases,
    released_at: null,
    released_subscription: null,
    status: "active",
    subscription: subscription.id,
    test_clock: null,
  } satisfies Stripe.SubscriptionSchedule;
}
