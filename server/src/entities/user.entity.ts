import type { Plan } from "@team-billing/shared";
import { Entity, Index } from "typeorm";
import { DateTimeColumn, IdColumn, StringColumn } from "../db/columns";

@Entity("user")
export class UserEntity {
  @IdColumn() id: string;

  /** Stored normalized (trimmed, lower case). */
  @Index("uq_user_email", { unique: true })
  @StringColumn(254)
  email: string;

  @StringColumn(120) name: string;

  /** scrypt$N$r$p$salt$hash */
  @StringColumn(255) passwordHash: string;

  /** The personal plan; FREE until a personal checkout. */
  @StringColumn(16, { default: "FREE" }) personalPlan: Plan;

  @DateTimeColumn() createdAt: Date;

  /** When the user opened the verification link sent to `email`; null until then (never staff, cannot accept invitations). */
  @DateTimeColumn({ nullable: true }) emailVerifiedAt: Date | null;
}
