import { Column, Entity, PrimaryColumn } from "typeorm";
import { BigIntColumn, DateTimeColumn, IntColumn } from "../db/columns";

/**
 * A TEAM/ENTERPRISE org's credit pool: the top-up bucket (never expires) and the
 * monthly bucket (expires at periodEnd). Its row is also the org's write lock:
 * every change to the org's credits locks it first.
 */
@Entity("pool")
export class PoolEntity {
  @PrimaryColumn({ type: "varchar", length: 36 }) orgId: string;
  @BigIntColumn() topUpBalance: number;
  @BigIntColumn() monthlyBalance: number;
  /** Credits held by open reservations; they count against the buckets. */
  @BigIntColumn() reserved: number;
  /** This period's grant (base + seats × add-on, or the Enterprise terms). */
  @BigIntColumn() monthlyAllotment: number;
  /** Enterprise terms: the allotment granted each period (null: computed from seats). */
  @BigIntColumn({ nullable: true }) fixedAllotment: number | null;
  /** Periods are whole months from here, clamped to each month's last day. */
  @DateTimeColumn() anchorAt: Date;
  @IntColumn() periodIndex: number;
  @DateTimeColumn() periodStart: Date;
  @DateTimeColumn() periodEnd: Date;
  @Column({ type: "boolean" }) alertArmed: boolean;
  @IntColumn() alertsSent: number;
  /** How many usage_alert rows the org has: 0 skips their evaluation (no query) on every charge. */
  @IntColumn({ default: 0 }) usageAlerts: number;
  /** False from the moment the pool ran dry (pool.exhausted sent) until credits come in again. */
  @Column({ type: "boolean", default: true }) exhaustedArmed: boolean;
  /**
   * The most seats the org has had this period (starts at the period's seat count): a
   * seat added mid-period mints its prorated credits only above it, so re-adding a
   * removed member mints nothing.
   */
  @IntColumn({ default: 0 }) seatHighWater: number;
  /** Set while the subscription is past due: calls are refused from then on (the grace period's end). */
  @DateTimeColumn({ nullable: true }) spendBlockedAfter: Date | null;
}
