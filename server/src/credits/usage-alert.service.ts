import { ROLES, type Role } from "@team-billing/shared";
import type { Actor } from "../common/actor";
import type { AuditService } from "../common/audit.service";
import type { Clock } from "../common/clock";
import { AppError, badInput, notFound } from "../common/errors";
import { isId } from "../common/validate";
import { newId } from "../db/columns";
import type { Database } from "../db/database";
import { MembershipEntity, OrgEntity, PoolEntity, SpaceEntity, UsageAlertEntity } from "../entities";
import type { AlertScope } from "../entities/usage-alert.entity";
import type { CreditStore } from "./credit-store";
import { targetName } from "./usage-alert.evaluator";

/** An alert as the API shows it. */
export interface UsageAlertView {
  id: string;
  scope: AlertScope;
  targetId: string | null;
  thresholdPercent: number;
  notifyRoles: Role[];
  triggered: boolean;
  lastTriggeredAt: Date | null;
}

/** The id the soft alert is listed under: it is the pool's, set with setSoftAlertThreshold. */
export const SOFT_ALERT_ID = "soft-alert";
const MAX_ALERTS = 50;

/**
 * Usage alerts an OWNER or ADMIN sets. A MEMBER or SPACE alert may be set on any active
 * member or Space: it watches the target's cap while one is set and stays quiet while
 * there is none. An alert made while already below its threshold fires at once.
 */
export class UsageAlertService {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly store: CreditStore,
    private readonly audit: AuditService,
  ) {}

  /** The soft alert first (the POOL alert for OWNERs), then the org's alerts, oldest first. */
  async list(orgId: string): Promise<UsageAlertView[]> {
    const em = this.db.em();
    const [org, pool] = await Promise.all([em.findOneBy(OrgEntity, { id: orgId }), em.findOneBy(PoolEntity, { orgId })]);
    if (!org || !pool) return [];
    const soft: UsageAlertView = {
      id: SOFT_ALERT_ID,
      scope: "POOL",
      targetId: null,
      thresholdPercent: org.softAlertThresholdPercent,
      notifyRoles: ["OWNER"],
      triggered: !pool.alertArmed,
      lastTriggeredAt: null,
    };
    const rows = await em.find(UsageAlertEntity, { where: { orgId }, order: { createdAt: "ASC", id: "ASC" } });
    return [soft, ...rows.map(toView)];
  }

  async create(
    actor: Actor,
    orgId: string,
    input: { scope: AlertScope; targetId: string | null; thresholdPercent: number; notifyRoles: Role[] },
  ): Promise<UsageAlertView> {
    const { scope, thresholdPercent } = input;
    if (!Number.isInteger(thresholdPercent) || thresholdPercent < 1 || thresholdPercent > 99)
      throw badInput("thresholdPercent", "must be a whole number from 1 to 99");
    const roles = [...new Set(input.notifyRoles)].filter((r) => ROLES.includes(r));
    if (roles.length === 0) throw badInput("notifyRoles", "must name at least one role to email");
    if (roles.includes("MEMBER") && scope !== "MEMBER")
      throw badInput("notifyRoles", "MEMBER (the member themself) is for MEMBER alerts only");
    const targetId = input.targetId ?? null;
    if (scope === "POOL" && targetId !== null) throw badInput("targetId", "must be empty for a POOL alert");
    return this.db.transaction(async (em) => {
      const pool = await this.store.lockPool(em, orgId);
      if (!pool || !(await this.store.orgIsPooled(em, orgId)))
        throw new AppError("BILLING_PLAN_REQUIRED", "Usage alerts watch a Team or Enterprise pool; this org has none.");
      if (scope !== "POOL") {
        const exists =
          targetId !== null &&
          isId(targetId) &&
          (scope === "MEMBER"
            ? await em.existsBy(MembershipEntity, { id: targetId, orgId, active: true })
            : await em.existsBy(SpaceEntity, { id: targetId, orgId }));
        if (!exists) throw badInput("targetId", scope === "MEMBER" ? "is not an active member of this org" : "is not a Space of this org");
      }
      if (pool.usageAlerts >= MAX_ALERTS) throw badInput("scope", `an org has at most ${MAX_ALERTS} usage alerts; delete one first`);
      const row = Object.assign(new UsageAlertEntity(), {
        id: newId(),
        orgId,
        scope,
        targetId,
        thresholdPercent,
        notifyRoles: roles.join(","),
        triggered: false,
        timesTriggered: 0,
        lastTriggeredAt: null,
        createdAt: this.clock.now(),
      });
      await em.insert(UsageAlertEntity, row);
      pool.usageAlerts += 1;
      await em.update(PoolEntity, { orgId }, { usageAlerts: pool.usageAlerts });
      const what = scope === "POOL" ? "the pool" : await targetName(em, scope, targetId as string);
      await this.audit.record(em, actor, {
        orgId,
        action: "usage_alert.created",
        summary: `Usage alert added: emails ${roles.join(" and ")} when ${what} falls below ${thresholdPercent}% ${scope === "POOL" ? "of its monthly credits" : "of the monthly cap"}.`,
        after: { id: row.id, scope, targetId, thresholdPercent, notifyRoles: roles },
      });
      // Already below: it fires now, not at the next call.
      await this.store.alerts.afterTargetChange(em, orgId, [row]);
      return toView(row);
    });
  }

  async delete(actor: Actor, orgId: string, alertId: string): Promise<void> {
    if (alertId === SOFT_ALERT_ID)
      throw badInput("alertId", "is the org's soft alert: change its threshold with setSoftAlertThreshold; it cannot be deleted");
    await this.db.transaction(async (em) => {
      const pool = await this.store.lockPool(em, orgId);
      const row = isId(alertId) ? await em.findOneBy(UsageAlertEntity, { id: alertId, orgId }) : null;
      if (!pool || !row) throw notFound("That usage alert");
      await em.delete(UsageAlertEntity, { id: row.id });
      await em.update(PoolEntity, { orgId }, { usageAlerts: Math.max(0, pool.usageAlerts - 1) });
      const what = row.scope === "POOL" ? "the pool" : await targetName(em, row.scope, row.targetId as string);
      await this.audit.record(em, actor, {
        orgId,
        action: "usage_alert.deleted",
        summary: `Usage alert removed: ${what} below ${row.thresholdPercent}% no longer emails ${row.notifyRoles.split(",").join(" and ")}.`,
        before: { id: row.id, scope: row.scope, targetId: row.targetId, thresholdPercent: row.thresholdPercent },
      });
    });
  }
}

function toView(row: UsageAlertEntity): UsageAlertView {
  return {
    id: row.id,
    scope: row.scope,
    targetId: row.targetId,
    thresholdPercent: row.thresholdPercent,
    notifyRoles: row.notifyRoles.split(",") as Role[],
    triggered: row.triggered,
    lastTriggeredAt: row.lastTriggeredAt,
  };
}
