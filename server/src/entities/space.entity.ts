import { Entity, Index } from "typeorm";
import { DateTimeColumn, IdColumn, RefColumn, StringColumn } from "../db/columns";

@Entity("space")
@Index("uq_space_org_name", ["orgId", "name"], { unique: true })
export class SpaceEntity {
  @IdColumn() id: string;
  @RefColumn() orgId: string;
  @StringColumn(120) name: string;
  @DateTimeColumn() createdAt: Date;
}
