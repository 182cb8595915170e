import { Column, Entity, Index } from "typeorm";
import { DateTimeColumn, IdColumn, StringColumn } from "../db/columns";

/** Failed and successful sign-ins, read back to rate-limit guessing across processes. */
@Entity("login_attempt")
@Index("ix_login_attempt_email_at", ["email", "at"])
@Index("ix_login_attempt_ip_at", ["ip", "at"])
export class LoginAttemptEntity {
  @IdColumn() id: string;
  @StringColumn(254) email: string;
  @StringColumn(64) ip: string;
  @Column({ type: "boolean" }) succeeded: boolean;
  @DateTimeColumn() at: Date;
}
