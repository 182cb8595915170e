import type { CapScope } from "@team-billing/shared";
import type { Clock } from "../common/clock";
import { newId } from "../db/columns";
import type { Database } from "../db/database";
import type { EntityManager } from "typeorm";
import { CapEntity, MembershipEntity, PeriodUsageEntity, SpaceEntity, UserEntity } from "../entities";
import { AppError, badInput, notFound } from "../common/errors";
import type { Actor } from "../common/actor";
import type { AuditService } from "../common/audit.service";
import { isId } from "../common/validate";
import type { PoolService } from "./pool.service";
import type { UsageAlertEvaluator } from "./usage-alert.evaluator";

export const MAX_CAP = 1_000_000_000;

export interface CapView {
  id: string;
  scope: CapScope;
  targetId: string;
  monthlyLimit: number;
  usedThisPeriod: number;
}

/** Per-member and per-Space monthly caps on a pool. None by default. */
export class CapService {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly pools: PoolService,
    private readonly audit: AuditService,
    private readonly alerts?: UsageAlertEvaluator,
  ) {}

  async list(orgId: string): Promise<CapView[]> {
    const caps = await this.db.em().find(CapEntity, { where: { orgId }, order: { createdAt: "ASC" } });
    if (caps.length === 0) return [];
    const pool = await this.pools.view(orgId);
    const usage = pool ? await this.db.em().findBy(PeriodUsageEntity, { orgId, periodIndex: pool.periodIndex }) : [];
    const used = new Map(usage.map((u) => [`${u.scope}:${u.targetId}`, u.used]));
    return caps.map((c) => ({
      id: c.id,
      scope: c.scope,
      targetId: c.targetId,
      monthlyLimit: c.monthlyLimit,
      usedThisPeriod: used.get(`${c.scope}:${c.targetId}`) ?? 0,
    }));
  }

  /**
   * Sets (or changes) the cap on a member or a Space. A cap below what is already
   * used this period blocks further calls until the reset; 0 blocks all.
   */
  async set(actor: Actor, orgId: string, scope: CapScope, targetId: string, monthlyLimit: number): Promise<CapView> {
    const cap = await this.db.transaction(async (em) => {
      if (!(await em.existsBy(MembershipEntity, { orgId }))) throw notFound("Org");
      // Joins this transaction (it used to open a second one, which SQLite's one writer
      // waited on forever); null for an org without a live pool, e.g. after a downgrade.
      const pool = await this.pools.view(orgId);
      if (!pool) throw new AppError("BILLING_PLAN_REQUIRED", "Caps limit spending from a Team or Enterprise pool; this org has none.");
      const exists =
        isId(targetId) &&
        (scope === "MEMBER"
          ? await em.existsBy(MembershipEntity, { id: targetId, orgId, active: true })
          : await em.existsBy(SpaceEntity, { id: targetId, orgId }));
      if (!exists) throw badInput("targetId", scope === "MEMBER" ? "is not an active member of this org" : "is not a Space of this org");
      const existing = await em.findOneBy(CapEntity, { orgId, scope, targetId });
      // Read before `row` (the same object as `existing`) takes the new limit.
      const previous = existing ? existing.monthlyLimit : null;
      const row = existing ?? Object.assign(new CapEntity(), { id: newId(), orgId, scope, targetId, createdAt: this.clock.now() });
      row.monthlyLimit = monthlyLimit;
      await em.save(CapEntity, row);
      const who = await capTargetName(em, scope, targetId);
      const was = previous !== null ? ` (was ${previous.toLocaleString("en-US")})` : "";
      await this.audit.record(em, actor, {
        orgId,
        action: "cap.set",
        summary: `${who}'s monthly cap set to ${monthlyLimit.toLocaleString("en-US")} credits${was}.`,
        before: previous !== null ? { scope, targetId, monthlyLimit: previous } : null,
        after: { scope, targetId, monthlyLimit },
      });
      // A raised cap may resolve the target's alerts, a lowered one fire them.
      await this.alerts?.afterTargetChange(em, orgId);
      return row;
    });
    return (await this.list(orgId)).find((c) => c.id === cap.id) as CapView;
  }

  async remove(actor: Actor, orgId: string, capId: string): Promise<void> {
    await this.db.transaction(async (em) => {
      const cap = isId(capId) ? await em.findOneBy(CapEntity, { id: capId, orgId }) : null;
      if (!cap) throw notFound("Cap");
      await em.delete(CapEntity, { id: cap.id });
      const who = await capTargetName(em, cap.scope, cap.targetId);
      await this.audit.record(em, actor, {
        orgId,
        action: "cap.removed",
        summary: `${who}'s monthly cap of ${cap.monthlyLimit.toLocaleString("en-US")} credits removed: no limit now.`,
        before: { scope: cap.scope, targetId: cap.targetId, monthlyLimit: cap.monthlyLimit },
      });
      // No cap, nothing left to cross: the target's alerts resolve.
      await this.alerts?.afterTargetChange(em, orgId);
    });
  }
}

/** A cap's target in words for the audit log: the member's name (and email) or the Space's name. */
async function capTargetName(em: EntityManager, scope: string, targetId: string): Promise<string> {
  if (scope === "SPACE") {
    const space = await em.findOneBy(SpaceEntity, { id: targetId });
    return space ? `Space "${space.name}"` : "A removed Space";
  }
  const member = await em.findOneBy(MembershipEntity, { id: targetId });
  const user = member ? await em.findOneBy(UserEntity, { id: member.userId }) : null;
  return user ? `${user.name} (${user.email})` : "A former member";
}
