import { Entity, PrimaryColumn } from "typeorm";
import { DateTimeColumn, StringColumn } from "../db/columns";

/** Who runs a named job right now; a lease that has lapsed can be taken over. */
@Entity("job_lease")
export class JobLeaseEntity {
  @PrimaryColumn({ type: "varchar", length: 64 }) name: string;
  @StringColumn(64, { nullable: true }) holder: string | null;
  @DateTimeColumn({ nullable: true }) leaseUntil: Date | null;
  @DateTimeColumn({ nullable: true }) lastRunAt: Date | null;
}
