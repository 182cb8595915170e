import { Column, Entity, Index, PrimaryGeneratedColumn } from "typeorm";
import { DateTimeColumn, IntColumn, RefColumn } from "../db/columns";

/**
 * The seat-sync outbox: one row per change of an org's active-member count, written
 * in the transaction of that change. The `seats` job sends Stripe the absolute count
 * for the newest version of each org, so older rows are settled by newer ones.
 */
@Entity("seat_sync")
@Index("uq_seat_sync_version", ["orgId", "membershipVersion"], { unique: true })
@Index("ix_seat_sync_due", ["appliedAt", "nextAttemptAt"])
export class SeatSyncEntity {
  @PrimaryGeneratedColumn() id: number;
  @RefColumn() orgId: string;
  @IntColumn() membershipVersion: number;
  @DateTimeColumn() createdAt: Date;
  @DateTimeColumn() nextAttemptAt: Date;
  @IntColumn({ default: 0 }) attempts: number;
  /** Fixed at the first attempt: a retry must send the same request under its idempotency key. */
  @IntColumn({ nullable: true }) prorationDate: number | null;
  @Column({ type: "text", nullable: true }) lastError: string | null;
  @DateTimeColumn({ nullable: true }) appliedAt: Date | null;
}
