import { Column, Entity, Index, PrimaryGeneratedColumn } from "typeorm";
import { BigIntColumn, DateTimeColumn, RefColumn, StringColumn } from "../db/columns";

export type LedgerAccount = "ORG" | "USER";
export type LedgerBucket = "TOP_UP" | "MONTHLY" | "PERSONAL";
/** VOID: credits of a voided call returned to the bucket they came from (its reference is the event's id). */
export type LedgerKind = "GRANT" | "TOP_UP" | "USAGE" | "EXPIRY" | "ADJUSTMENT" | "FORFEIT" | "VOID";

/**
 * The immutable record of every change to a bucket. Invariant (tested): a bucket's
 * balance equals the sum of its entries' amounts, and never goes below zero.
 */
@Entity("ledger_entry")
@Index("ix_ledger_account", ["account", "accountId", "bucket", "id"])
export class LedgerEntryEntity {
  /** int: SQLite allows AUTOINCREMENT only on INTEGER; 2^31 entries is far past our scale. */
  @PrimaryGeneratedColumn() id: number;
  @StringColumn(8) account: LedgerAccount;
  @RefColumn() accountId: string;
  @StringColumn(16) bucket: LedgerBucket;
  @StringColumn(16) kind: LedgerKind;
  /** Signed: credits in (+) or out (−). */
  @BigIntColumn() amount: number;
  @BigIntColumn() balanceAfter: number;
  /** What caused it: a usage event id, a period, a checkout session, ... */
  @StringColumn(100, { nullable: true }) reference: string | null;
  @Column({ type: "text", nullable: true }) reason: string | null;
  @StringColumn(254, { nullable: true }) actorEmail: string | null;
  @DateTimeColumn() at: Date;
}
