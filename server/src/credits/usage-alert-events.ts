import { domainEvent } from "../common/domain-events";
import type { AlertScope } from "../entities/usage-alert.entity";

/**
 * A usage alert crossed its threshold (TRIGGERED) or what is left rose above it again
 * or the period restarted (RESOLVED), in the transaction that moved the balance. The
 * outbound webhooks (`usage_alert.triggered` / `usage_alert.resolved`) subscribe. The org's
 * soft alert emits it with alertId null. `remaining` of `of` (the allotment or the cap) is
 * what is left; null when a period restart resolved a cap alert.
 */
export const UsageAlertCrossed = domainEvent<{
  orgId: string;
  alertId: string | null;
  scope: AlertScope;
  targetId: string | null;
  thresholdPercent: number;
  direction: "TRIGGERED" | "RESOLVED";
  remaining: number | null;
  of: number | null;
  at: Date;
}>("usage_alert.crossed");
