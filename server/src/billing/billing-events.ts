import { domainEvent } from "../common/domain-events";
import type { SubscriptionRow } from "./stripe-mirror";

/** Our mirror of a Stripe subscription was written (in its transaction), with what Stripe says now. */
export const SubscriptionMirrored = domainEvent<{ accountType: "ORG" | "USER"; accountId: string; row: SubscriptionRow }>(
  "SubscriptionMirrored",
);
