import { Column, Entity, Index, PrimaryGeneratedColumn } from "typeorm";
import { DateTimeColumn, RefColumn, StringColumn } from "../db/columns";

/** Any JSON value but null (TypeORM's insert types reject `unknown`). */
export type JsonValue = NonNullable<unknown>;

/** The state after a change, with the sentence that describes it. */
export interface AuditAfter {
  summary?: string;
  [field: string]: JsonValue | null | undefined;
}

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
  /** Null when there was no state before. */
  @Column({ type: "simple-json", nullable: true }) before: JsonValue | null;
  /** `summary` is the entry's sentence (see common/audit.service.ts); null only on old entries. */
  @Column({ type: "simple-json", nullable: true }) after: AuditAfter | null;
}
