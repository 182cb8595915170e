import { Column, Entity, Index, PrimaryColumn } from "typeorm";
import { BigIntColumn, DateTimeColumn, RefColumn, StringColumn } from "../db/columns";
import type { LedgerAccount } from "./ledger-entry.entity";
import type { TaxId } from "./org.entity";

/** One line of an invoice; its period as ISO text (as stored). */
export interface InvoiceLine {
  description: string;
  amount: number;
  quantity: number | null;
  proration: boolean;
  periodStart: string | null;
  periodEnd: string | null;
}

/** Our mirror of a Stripe invoice, keyed by its Stripe id. */
@Entity("invoice")
@Index("ix_invoice_account_created", ["accountType", "accountId", "createdAt"])
export class InvoiceEntity {
  @PrimaryColumn({ type: "varchar", length: 64 }) id: string;
  @StringColumn(8) accountType: LedgerAccount;
  @RefColumn() accountId: string;
  @StringColumn(64, { nullable: true }) number: string | null;
  @StringColumn(16) status: string;
  @StringColumn(8) currency: string;
  @BigIntColumn() amountDue: number;
  @BigIntColumn() amountPaid: number;
  /** Null on rows mirrored before these columns existed, until the invoice syncs again. */
  @BigIntColumn({ nullable: true }) subtotal: number | null;
  @BigIntColumn({ nullable: true }) tax: number | null;
  @BigIntColumn({ nullable: true }) total: number | null;
  /** What Stripe printed on the invoice at finalization (copied from the customer). */
  @StringColumn(254, { nullable: true }) customerEmail: string | null;
  /** JSON: [{ type, value }], or null when not yet known. */
  @Column({ type: "simple-json", nullable: true }) customerTaxIds: TaxId[] | null;
  @DateTimeColumn({ nullable: true }) periodStart: Date | null;
  @DateTimeColumn({ nullable: true }) periodEnd: Date | null;
  @DateTimeColumn() createdAt: Date;
  @Column({ type: "text", nullable: true }) hostedUrl: string | null;
  @Column({ type: "text", nullable: true }) pdfUrl: string | null;
  @Column({ type: "simple-json" }) lines: InvoiceLine[];
  @DateTimeColumn() syncedAt: Date;
}
