import { Entity, PrimaryColumn } from "typeorm";
import { DateTimeColumn, StringColumn } from "../db/columns";

/** A Stripe event we applied; written in the transaction of its effect, so a duplicate does nothing. */
@Entity("stripe_event")
export class StripeEventEntity {
  @PrimaryColumn({ type: "varchar", length: 100 }) id: string;
  @StringColumn(64) type: string;
  @DateTimeColumn() processedAt: Date;
}
