import { Column, Entity, Index } from "typeorm";
import { DateTimeColumn, IdColumn, IntColumn, StringColumn } from "../db/columns";

/** A message waiting to be sent; written in the transaction of the change that causes it. */
@Entity("mail_outbox")
@Index("ix_mail_outbox_due", ["sentAt", "nextAttemptAt"])
export class MailOutboxEntity {
  @IdColumn() id: string;
  /** Makes "one email per event" hold even if the cause runs twice. */
  @Index("uq_mail_outbox_dedupe", { unique: true })
  @StringColumn(191, { nullable: true })
  dedupeKey: string | null;
  @StringColumn(40) kind: string;
  @StringColumn(254) to: string;
  @StringColumn(255) subject: string;
  @Column({ type: "text" }) text: string;
  @IntColumn({ default: 0 }) attempts: number;
  @DateTimeColumn() nextAttemptAt: Date;
  @Column({ type: "text", nullable: true }) lastError: string | null;
  @DateTimeColumn() createdAt: Date;
  @DateTimeColumn({ nullable: true }) sentAt: Date | null;
}
