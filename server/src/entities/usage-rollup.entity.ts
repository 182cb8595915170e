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
 * a day boundary (a pool period starts when the subscription did): the whole hours
 * of its first and last day come from here, so raw events are read for at most the
 * two partial hours at the very edges.
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
