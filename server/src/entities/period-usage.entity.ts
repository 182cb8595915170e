import type { CapScope } from "@team-billing/shared";
import { Entity, PrimaryColumn } from "typeorm";
import { BigIntColumn } from "../db/columns";

/**
 * What one member or one Space spent (and holds) in one pool period: what caps
 * compare against. A new period has new rows, so caps start over by themselves.
 */
@Entity("period_usage")
export class PeriodUsageEntity {
  @PrimaryColumn({ type: "varchar", length: 36 }) orgId: string;
  @PrimaryColumn({ type: "int" }) periodIndex: number;
  @PrimaryColumn({ type: "varchar", length: 16 }) scope: CapScope;
  @PrimaryColumn({ type: "varchar", length: 36 }) targetId: string;
  @BigIntColumn() used: number;
  @BigIntColumn() reserved: number;
}
