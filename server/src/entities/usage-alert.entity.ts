import { Column, Entity, Index } from "typeorm";
import { DateTimeColumn, IdColumn, IntColumn, RefColumn, StringColumn } from "../db/columns";

export const ALERT_SCOPES = ["POOL", "MEMBER", "SPACE"] as const;
export type AlertScope = (typeof ALERT_SCOPES)[number];

/**
 * A usage alert an OWNER or ADMIN set: fires once when what is left (of the pool's
 * allotment, or of a member's or Space's cap) falls below `thresholdPercent`, and
 * resolves when it rises above again or the period restarts. The org's soft alert is
 * not a row: it lives on the pool (alertArmed) and is listed as the POOL/OWNER alert.
 */
@Entity("usage_alert")
@Index("ix_usage_alert_org", ["orgId"])
export class UsageAlertEntity {
  @IdColumn() id: string;
  @RefColumn() orgId: string;
  @StringColumn(16) scope: AlertScope;
  /** The membership or Space; null for POOL. */
  @RefColumn({ nullable: true }) targetId: string | null;
  @IntColumn() thresholdPercent: number;
  /** Comma-separated roles emailed: OWNER, ADMIN, MEMBER (the member themself). */
  @StringColumn(40) notifyRoles: string;
  @Column({ type: "boolean" }) triggered: boolean;
  /** Crossings so far: keys each crossing's mails, so a retried transaction sends them once. */
  @IntColumn() timesTriggered: number;
  @DateTimeColumn({ nullable: true }) lastTriggeredAt: Date | null;
  @DateTimeColumn() createdAt: Date;
}
