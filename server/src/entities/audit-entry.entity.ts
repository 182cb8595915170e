import { Column, Entity, Index, PrimaryGeneratedColumn } from "typeorm";
import { DateTimeColumn, RefColumn, StringColumn } from "../db/columns";

/** One audited change: who, when, what, and the state before and after (JSON). */
@Entity("audit_entry")
@Index("ix_audit_org_at", ["orgId", "at"])
@Index("ix_audit_org_id", ["orgId", "id"])
export class AuditEntryEntity {
  /** Auto-increment, so entries written in the same millisecond keep their order. */
  @PrimaryGeneratedColumn() id: number;
  @RefColumn({ nullable: true }) orgId: string | null;
  @StringColumn(64) action: string;
  @RefColumn({ nullable: true }) actorUserId: string | null;
  @StringColumn(254, { nullable: true }) actorEmail: string | null;
  @RefColumn({ nullable: true }) actorApiKeyId: string | null;
  @DateTimeColumn() at: Date;
  @Column({ type: "text", nullable: true }) before: string | null;
  @Column({ type: "text", nullable: true }) after: string | null;
}
