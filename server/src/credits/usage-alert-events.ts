import { domainEvent } from "../common/domain-events";
import type { AlertScope } from "../entities/usage-alert.entity";

/**
 * A usage alert crossed its threshold (TRIGGERED) or what is left rose above it again
 * or the period restarted (RESOLVED), in the transaction that moved the balance. The
 * outbound webhooks (`usage_alert.triggered` / `usage_alert.resolved`) will subscribe
 * here; until they are built nothing does. The org's soft alert emits it with alertId null.
 */
export const UsageAlertCrossed = domainEvent<{
  orgId: string;
  alertId: string | null;
  scope: AlertScope;
  targetId: string | null;
  thresholdPercent: number;
  direction: "TRIGGERED" | "RESOLVED";
  at: Date;
}>("usage_alert.crossed");
