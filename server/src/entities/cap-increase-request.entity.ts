import type { CapScope } from "@team-billing/shared";
import { Column, Entity, Index } from "typeorm";
import { BigIntColumn, DateTimeColumn, IdColumn, RefColumn, StringColumn } from "../db/columns";

export const CAP_INCREASE_STATUSES = ["PENDING", "APPROVED", "DENIED"] as const;
export type CapIncreaseStatus = (typeof CAP_INCREASE_STATUSES)[number];

/**
 * A member's request for a higher limit on their own cap or a Space's, decided by an
 * OWNER or ADMIN. The database holds "one pending request per cap and member":
 * `pendingSlot` is 1 while PENDING (NULL after), unique with the cap and the member.
 */
@Entity("cap_increase_request")
@Index("ix_cap_increase_request_org", ["orgId", "createdAt"])
@Index("uq_cap_increase_request_pending", ["capId", "memberId", "pendingSlot"], { unique: true })
export class CapIncreaseRequestEntity {
  @IdColumn() id: string;
  @RefColumn() orgId: string;
  @RefColumn() capId: string;
  /** The cap's target when asked (kept if the cap is removed). */
  @StringColumn(16) scope: CapScope;
  @RefColumn() targetId: string;
  /** The requesting membership. */
  @RefColumn() memberId: string;
  /** The cap's limit when asked. */
  @BigIntColumn() currentLimit: number;
  @BigIntColumn() requestedLimit: number;
  @Column({ type: "text" }) reason: string;
  @StringColumn(16) status: CapIncreaseStatus;
  @Column({ type: "tinyint", nullable: true }) pendingSlot: 1 | null;
  @RefColumn({ nullable: true }) decidedByMemberId: string | null;
  @DateTimeColumn({ nullable: true }) decidedAt: Date | null;
  @DateTimeColumn() createdAt: Date;
}
