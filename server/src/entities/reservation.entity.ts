import { Entity, Index } from "typeorm";
import { DateTimeColumn, IdColumn, IntColumn, RefColumn, StringColumn } from "../db/columns";

export type ReservationStatus = "HELD" | "SETTLED" | "RELEASED" | "EXPIRED";

/** Credits held for a long model call; they count against the pool and both caps until settled. */
@Entity("reservation")
@Index("ix_reservation_due", ["status", "expiresAt"])
export class ReservationEntity {
  @IdColumn() id: string;
  @RefColumn() orgId: string;
  @RefColumn() memberId: string;
  @RefColumn() spaceId: string;
  @StringColumn(200) model: string;
  @IntColumn() credits: number;
  /** The pool period the hold counts in (its caps' counters). */
  @IntColumn() periodIndex: number;
  @StringColumn(16) status: ReservationStatus;
  @DateTimeColumn() createdAt: Date;
  @DateTimeColumn() expiresAt: Date;
  @RefColumn({ nullable: true }) eventId: string | null;
}
