import { Entity, PrimaryColumn } from "typeorm";
import { BigIntColumn, IntColumn } from "../db/columns";

/**
 * Daily aggregates of usage, written in the transaction of the charges they count,
 * so they are always exact: reports read these instead of scanning raw events.
 */
@Entity("usage_rollup")
export class UsageRollupEntity {
  @PrimaryColumn({ type: "varchar", length: 36 }) orgId: string;
  /** UTC day, YYYY-MM-DD. */
  @PrimaryColumn({ type: "varchar", length: 10 }) day: string;
  @PrimaryColumn({ type: "varchar", length: 36 }) memberId: string;
  @PrimaryColumn({ type: "varchar", length: 36 }) spaceId: string;
  @PrimaryColumn({ type: "varchar", length: 200 }) model: string;
  @BigIntColumn() credits: number;
  @IntColumn() calls: number;
}

/**
 * Hourly aggregates, written with the daily ones. A report's range rarely starts on
 * a day boundary (a pool period starts when the subscription did): the hours of its
 * first and last day come from here (see `splitRange`).
 */
@Entity("usage_rollup_hour")
export class UsageRollupHourEntity {
  @PrimaryColumn({ type: "varchar", length: 36 }) orgId: string;
  /** UTC hour, YYYY-MM-DDTHH. */
  @PrimaryColumn({ type: "varchar", length: 13 }) hour: string;
  @PrimaryColumn({ type: "varchar", length: 36 }) memberId: string;
  @PrimaryColumn({ type: "varchar", length: 36 }) spaceId: string;
  @PrimaryColumn({ type: "varchar", length: 200 }) model: string;
  @BigIntColumn() credits: number;
  @IntColumn() calls: number;
}

/**
 * Ten-minute aggregates, the finest level: with them a report reads raw events for at
 * most five minutes at each end of its range.
 */
@Entity("usage_rollup_10m")
export class UsageRollupTenMinutesEntity {
  @PrimaryColumn({ type: "varchar", length: 36 }) orgId: string;
  /** UTC ten minutes, YYYY-MM-DDTHH:M (the tens digit of the minute). */
  @PrimaryColumn({ type: "varchar", length: 15 }) slot: string;
  @PrimaryColumn({ type: "varchar", length: 36 }) memberId: string;
  @PrimaryColumn({ type: "varchar", length: 36 }) spaceId: string;
  @PrimaryColumn({ type: "varchar", length: 200 }) model: string;
  @BigIntColumn() credits: number;
  @IntColumn() calls: number;
}
