import type { BillingInterval, Plan } from "@team-billing/shared";
import { Column, Entity } from "typeorm";
import { DateTimeColumn, IdColumn, IntColumn, StringColumn } from "../db/columns";

/** A tax ID as Stripe takes it: `{ type: "eu_vat", value: "DE123456789" }`. */
export interface TaxId {
  type: string;
  value: string;
}

@Entity("org")
export class OrgEntity {
  @IdColumn() id: string;
  @StringColumn(120) name: string;

  /** TEAM or ENTERPRISE when the org has its own plan; null shows the owner's personal plan. */
  @StringColumn(16, { nullable: true }) orgPlan: Plan | null;
  @StringColumn(16, { nullable: true }) billingInterval: BillingInterval | null;

  @IntColumn({ default: 20 }) softAlertThresholdPercent: number;

  /** Bumped with every change of the active-member count; orders seat syncs. */
  @IntColumn({ default: 0 }) membershipVersion: number;

  @DateTimeColumn() createdAt: Date;

  /** Where invoices go (sent to the Stripe customer); null: the owner's email. */
  @StringColumn(254, { nullable: true }) billingEmail: string | null;
  /** Sent to the Stripe customer's tax IDs. */
  @Column({ type: "simple-json", nullable: true }) taxIds: TaxId[] | null;

  /** After a downgrade from Team: org-scoped Spaces are open to the OWNER only (until Team again). */
  @Column({ type: "boolean", default: false }) spacesOwnerOnly: boolean;
  /** Enterprise terms set by support. */
  @Column({ type: "boolean", default: false }) ssoEnabled: boolean;
  @Column({ type: "boolean", default: false }) dpaSigned: boolean;
}
