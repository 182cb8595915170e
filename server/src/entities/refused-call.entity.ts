import { Entity, PrimaryColumn } from "typeorm";
import { IntColumn } from "../db/columns";

/**
 * How many model calls were refused, per org, UTC day, member, Space and reason: the
 * owner's view of teammates who were blocked. Written after the refusing decision, in a
 * transaction of its own, so it never slows an admitted call nor rolls back with one.
 */
@Entity("refused_call_day")
export class RefusedCallDayEntity {
  @PrimaryColumn({ type: "varchar", length: 36 }) orgId: string;
  /** UTC day, YYYY-MM-DD. */
  @PrimaryColumn({ type: "varchar", length: 10 }) day: string;
  @PrimaryColumn({ type: "varchar", length: 36 }) memberId: string;
  /** "" when the refusal came before the Space was known (kept in the key: NULLs never match in a unique key). */
  @PrimaryColumn({ type: "varchar", length: 36 }) spaceId: string;
  /** A RefusedCallReason. */
  @PrimaryColumn({ type: "varchar", length: 40 }) reason: string;
  @IntColumn() count: number;
}
