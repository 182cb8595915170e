import type { Role } from "@team-billing/shared";
import { Check, Column, Entity, Index } from "typeorm";
import { DateTimeColumn, IdColumn, RefColumn, StringColumn } from "../db/columns";

/**
 * A user's place in an org. Removed members keep their row (inactive) so that
 * usage history keeps their name. The database holds the one-OWNER rule:
 * `ownerSlot` is 1 exactly for the OWNER and unique per org, and an OWNER is active.
 */
@Entity("membership")
@Index("uq_membership_org_user", ["orgId", "userId"], { unique: true })
@Index("uq_membership_one_owner", ["orgId", "ownerSlot"], { unique: true })
// COALESCE: a CHECK whose expression is NULL passes, so a NULL ownerSlot must not make it unknown.
@Check(
  "ck_membership_owner_slot",
  "(role = 'OWNER' AND COALESCE(ownerSlot, 0) = 1 AND active = 1) OR (role <> 'OWNER' AND ownerSlot IS NULL)",
)
export class MembershipEntity {
  @IdColumn() id: string;
  @RefColumn() orgId: string;

  @Index("ix_membership_user")
  @RefColumn()
  userId: string;

  @StringColumn(16) role: Role;
  @Column({ type: "tinyint", nullable: true }) ownerSlot: 1 | null;
  @Column({ type: "boolean" }) active: boolean;
  @DateTimeColumn() joinedAt: Date;
  @DateTimeColumn({ nullable: true }) removedAt: Date | null;
  /**
   * Orgs on personal plans: whether this org's API keys may spend this member's own
   * personal credits. Only the member sets it; on for an org's creator, off for others.
   */
  @Column({ type: "boolean", default: false }) personalCreditsAllowed: boolean;
}
