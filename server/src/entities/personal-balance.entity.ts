import type { Plan } from "@team-billing/shared";
import { Entity, PrimaryColumn } from "typeorm";
import { BigIntColumn, DateTimeColumn, IntColumn, StringColumn } from "../db/columns";

/** A STARTER/PRO user's own credits, refilled on the anniversary of their plan. */
@Entity("personal_balance")
export class PersonalBalanceEntity {
  @PrimaryColumn({ type: "varchar", length: 36 }) userId: string;
  @StringColumn(16) plan: Plan;
  @BigIntColumn() balance: number;
  @DateTimeColumn() anchorAt: Date;
  @IntColumn() periodIndex: number;
  @DateTimeColumn() periodStart: Date;
  @DateTimeColumn() periodEnd: Date;
}
