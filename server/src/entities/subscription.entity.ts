import type { BillingInterval, Plan } from "@team-billing/shared";
import { Column, Entity, Index, PrimaryColumn } from "typeorm";
import { DateTimeColumn, IntColumn, RefColumn, StringColumn } from "../db/columns";
import type { LedgerAccount } from "./ledger-entry.entity";

/** Subscriptions in these states hold the plan (and block a second checkout). */
export const LIVE_STATUSES = ["active", "trialing", "past_due", "incomplete", "unpaid"];

/** Our mirror of a Stripe subscription, keyed by its Stripe id; Stripe is the source of truth. */
@Entity("subscription")
@Index("ix_subscription_account", ["accountType", "accountId"])
export class SubscriptionEntity {
  @PrimaryColumn({ type: "varchar", length: 64 }) id: string;
  @StringColumn(8) accountType: LedgerAccount;
  @RefColumn() accountId: string;
  @StringColumn(64) customerId: string;
  @StringColumn(16) plan: Plan;
  @StringColumn(16) interval: BillingInterval;
  /** Stripe's status: incomplete, active, past_due, canceled, ... */
  @StringColumn(32) status: string;
  @DateTimeColumn() currentPeriodStart: Date;
  @DateTimeColumn() currentPeriodEnd: Date;
  @Column({ type: "boolean" }) cancelAtPeriodEnd: boolean;
  @StringColumn(16, { nullable: true }) pendingPlan: Plan | null;
  @StringColumn(64, { nullable: true }) scheduleId: string | null;
  @StringColumn(64, { nullable: true }) seatItemId: string | null;
  @IntColumn({ default: 0 }) seatQuantity: number;
  @DateTimeColumn() startedAt: Date;
  @DateTimeColumn() updatedAt: Date;
}
