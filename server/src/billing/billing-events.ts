import { domainEvent } from "../common/domain-events";
import type { SubscriptionRow } from "./stripe-mirror";

/** Our mirror of a Stripe subscription was written (in its transaction), with what Stripe says now. */
export const SubscriptionMirrored = domainEvent<{ accountType: "ORG" | "USER"; accountId: string; row: SubscriptionRow }>(
  "SubscriptionMirrored",
);

/** Stripe told us an org's invoice was paid or its payment failed (in the transaction that mirrored it). */
export const InvoiceSettled = domainEvent<{
  orgId: string;
  outcome: "paid" | "payment_failed";
  invoiceId: string;
  number: string | null;
  currency: string;
  amountDue: number;
  amountPaid: number;
  hostedUrl: string | null;
}>("InvoiceSettled");
