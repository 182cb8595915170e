import { Entity, PrimaryColumn } from "typeorm";
import { DateTimeColumn, IntColumn, RefColumn, StringColumn } from "../db/columns";
import type { LedgerAccount } from "./ledger-entry.entity";

export type CheckoutKind = "TEAM" | "TOP_UP" | "PERSONAL";

/** A checkout we started; `completedAt` makes its effect happen once, whichever door comes first. */
@Entity("checkout_record")
export class CheckoutRecordEntity {
  @PrimaryColumn({ type: "varchar", length: 100 }) sessionId: string;
  @StringColumn(16) kind: CheckoutKind;
  @StringColumn(8) accountType: LedgerAccount;
  @RefColumn() accountId: string;
  @RefColumn() startedByUserId: string;
  /** TOP_UP: the credits bought. PERSONAL: unused. */
  @IntColumn({ default: 0 }) credits: number;
  @StringColumn(16, { nullable: true }) plan: string | null;
  @DateTimeColumn() createdAt: Date;
  @DateTimeColumn({ nullable: true }) completedAt: Date | null;
}
