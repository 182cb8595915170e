import { Entity, Index, PrimaryColumn } from "typeorm";
import { DateTimeColumn, RefColumn, StringColumn } from "../db/columns";
import type { LedgerAccount } from "./ledger-entry.entity";

/** Which Stripe customer pays for an org (Team) or a user (personal plans). */
@Entity("stripe_customer")
@Index("uq_stripe_customer_account", ["accountType", "accountId"], { unique: true })
export class StripeCustomerEntity {
  @PrimaryColumn({ type: "varchar", length: 64 }) id: string;
  @StringColumn(8) accountType: LedgerAccount;
  @RefColumn() accountId: string;
  @DateTimeColumn() createdAt: Date;
}
