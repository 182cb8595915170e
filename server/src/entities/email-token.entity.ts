import { Entity, Index, PrimaryColumn } from "typeorm";
import { DateTimeColumn, RefColumn, StringColumn } from "../db/columns";

export type EmailTokenPurpose = "VERIFY_EMAIL" | "RESET_PASSWORD";

/**
 * A single-use link mailed to a user (email verification, password reset). Only the
 * SHA-256 of the token is kept, so a copy of the database opens no account.
 */
@Entity("email_token")
@Index("ix_email_token_user", ["userId", "purpose"])
export class EmailTokenEntity {
  @PrimaryColumn({ type: "varchar", length: 64 }) tokenHash: string;
  @RefColumn() userId: string;
  @StringColumn(16) purpose: EmailTokenPurpose;
  /** The address the link was sent to: a verification proves this one. */
  @StringColumn(254) email: string;
  @DateTimeColumn() createdAt: Date;
  @DateTimeColumn() expiresAt: Date;
  @DateTimeColumn({ nullable: true }) usedAt: Date | null;
}
