import { Column, Entity, Index } from "typeorm";
import { BigIntColumn, DateTimeColumn, IdColumn, IntColumn, RefColumn, StringColumn } from "../db/columns";

/** The report index after `orgId`: what the CSV export reads (it never reads the rows themselves). */
export const REPORT_INDEX_COLUMNS = [
  "occurredAt",
  "id",
  "memberId",
  "spaceId",
  "model",
  "credits",
  "fromTopUp",
  "fromMonthly",
  "fromPersonal",
  "voidedAt",
] as const;

/**
 * One charged model call. Kept for good, so its idempotency key is kept too (the
 * contract asks for at least 35 days). `inputHash` tells a replay from a conflict.
 */
@Entity("usage_event")
@Index("uq_usage_event_key", ["orgId", "idempotencyKey"], { unique: true })
// In (occurredAt, id) order for keyset pages, and covering both the CSV export and the raw part
// of a report (the partial hours at its edges): neither reads the rows themselves (`voidedAt` last:
// both leave voided calls out of totals; the CSV reads a void's reason only for voided rows).
@Index("ix_usage_event_report", ["orgId", ...REPORT_INDEX_COLUMNS])
export class UsageEventEntity {
  @IdColumn() id: string;
  @RefColumn() orgId: string;
  @RefColumn() memberId: string;
  @RefColumn() spaceId: string;
  @RefColumn() userId: string;
  @StringColumn(200) model: string;
  @IntColumn() credits: number;
  @IntColumn() fromTopUp: number;
  @IntColumn() fromMonthly: number;
  /** Spent from the member's personal balance (orgs on a personal plan). */
  @IntColumn() fromPersonal: number;
  @StringColumn(255) idempotencyKey: string;
  @StringColumn(64) inputHash: string;
  /** What remained after this call (pool total, or the personal balance). */
  @BigIntColumn() remainingAfter: number;
  @RefColumn({ nullable: true }) reservationId: string | null;
  @DateTimeColumn() occurredAt: Date;
  /**
   * Set once when the call is voided (`voidUsage`): its credits went back to their buckets
   * and counters, and reports count it out. The row stays, listed with these.
   */
  @DateTimeColumn({ nullable: true }) voidedAt: Date | null;
  @Column({ type: "text", nullable: true }) voidReason: string | null;
}
