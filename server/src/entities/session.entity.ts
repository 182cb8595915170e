import { Entity, Index, PrimaryColumn } from "typeorm";
import { DateTimeColumn, RefColumn, StringColumn } from "../db/columns";

/** A server-side session; the cookie carries the token, the row only its SHA-256. */
@Entity("session")
export class SessionEntity {
  @PrimaryColumn({ type: "varchar", length: 64 }) tokenHash: string;

  @Index("ix_session_user")
  @RefColumn()
  userId: string;

  @DateTimeColumn() createdAt: Date;
  @DateTimeColumn() expiresAt: Date;
  @StringColumn(64, { nullable: true }) ip: string | null;
}
