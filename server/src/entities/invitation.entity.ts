import type { Role } from "@team-billing/shared";
import { Entity, Index } from "typeorm";
import { DateTimeColumn, IdColumn, RefColumn, StringColumn } from "../db/columns";

/** The token is derived (HMAC of the id), so it is never stored. */
@Entity("invitation")
@Index("ix_invitation_org_email", ["orgId", "email"])
export class InvitationEntity {
  @IdColumn() id: string;
  @RefColumn() orgId: string;
  @StringColumn(254) email: string;
  @StringColumn(16) role: Role;
  @RefColumn() invitedByUserId: string;
  @DateTimeColumn() createdAt: Date;
  @DateTimeColumn() expiresAt: Date;
  @DateTimeColumn({ nullable: true }) acceptedAt: Date | null;
  @RefColumn({ nullable: true }) acceptedByUserId: string | null;
  @DateTimeColumn({ nullable: true }) revokedAt: Date | null;
}
