import { Column, Entity, Index } from "typeorm";
import { DateTimeColumn, IdColumn, RefColumn } from "../db/columns";

/** An owner's "Get in touch" for Enterprise: stored, and emailed to SALES_EMAIL when set. */
@Entity("enterprise_request")
@Index("ix_enterprise_request_org", ["orgId", "createdAt"])
export class EnterpriseRequestEntity {
  @IdColumn() id: string;
  @RefColumn() orgId: string;
  @RefColumn() userId: string;
  @Column({ type: "text" }) message: string;
  @DateTimeColumn() createdAt: Date;
}
