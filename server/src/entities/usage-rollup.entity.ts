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
