import type { CapScope } from "@team-billing/shared";
import { Entity, Index } from "typeorm";
import { BigIntColumn, DateTimeColumn, IdColumn, IntColumn, RefColumn, StringColumn } from "../db/columns";

/** A monthly limit on one member's or one Space's spend. */
@Entity("cap")
@Index("uq_cap_target", ["orgId", "scope", "targetId"], { unique: true })
export class CapEntity {
  @IdColumn() id: string;
  @RefColumn() orgId: string;
  @StringColumn(16) scope: CapScope;
  @RefColumn() targetId: string;
  @BigIntColumn() monthlyLimit: number;
  @DateTimeColumn() createdAt: Date;
  /** The period in which it was last reached (cap.reached is sent once per period). */
  @IntColumn({ nullable: true }) reachedPeriodIndex: number | null;
}
