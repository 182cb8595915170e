import type { EntityManager } from "typeorm";
import { In } from "typeorm";
import type { Clock } from "../common/clock";
import type { DomainEvents } from "../common/domain-events";
import type { Database } from "../db/database";
import {
  CapEntity,
  MembershipEntity,
  OrgEntity,
  PeriodUsageEntity,
  PoolEntity,
  SpaceEntity,
  UsageAlertEntity,
  UsageEventEntity,
  UserEntity,
} from "../entities";
import type { MailService } from "../mail/mail.service";
import { type AdmissionState, type Counter, counterKey } from "./admission";
import { BURN_WINDOW_DAYS, type Runway, runway } from "./runway";
import { softAlertMail } from "./soft-alert.mail";
import { capAlertMail } from "./usage-alert.mail";
import { UsageAlertCrossed } from "./usage-alert-events";

/** What an alert measures now: `left` of `base` (the allotment or the cap); no base, nothing to cross. */
interface Level {
  left: number;
  base: number;
  used: number;
}

const isBelow = (l: Level, percent: number) => l.base > 0 && l.left * 100 < percent * l.base;
const rolesOf = (a: UsageAlertEntity) => a.notifyRoles.split(",").filter(Boolean);

/**
 * Evaluates usage alerts in the transaction that moved a balance, under the pool's lock
 * (so no crossing is seen twice): the soft alert on the pool row, and the org's
 * usage_alert rows, loaded only when the pool counts some (`pool.usageAlerts`).
 * Each fires once per crossing (mails through the outbox) and resolves when what is
 * left rises above the threshold again; the period roll resolves them all.
 */
export class UsageAlertEvaluator {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly mail: MailService,
    private readonly publicUrl: string,
    private readonly events?: DomainEvents,
  ) {}

  /** After charges: the pool's alerts, and the MEMBER/SPACE alerts of counters the batch moved. */
  async afterCharges(
    em: EntityManager,
    pool: PoolEntity,
    softThresholdPercent: number,
    state: AdmissionState,
    before: Map<string, Counter>,
  ): Promise<void> {
    await this.checkSoftAlert(em, pool, softThresholdPercent);
    if (pool.usageAlerts === 0) return;
    const moved = new Set([...state.counters].filter(([k, c]) => before.get(k)?.used !== c.used).map(([k]) => k));
    for (const alert of await this.load(em, pool.orgId)) {
      if (alert.scope === "POOL") await this.step(em, pool, alert, poolLevel(pool));
      else {
        const key = counterKey(alert.scope, alert.targetId as string);
        if (!moved.has(key)) continue;
        const limit = state.caps.get(key);
        const used = state.counters.get(key)?.used ?? 0;
        await this.step(em, pool, alert, capLevel(limit, used));
      }
    }
  }

  /** After a top-up, a grant or an adjustment: the soft alert and the POOL alerts. */
  async afterPoolChange(em: EntityManager, pool: PoolEntity, softThresholdPercent: number): Promise<void> {
    await this.checkSoftAlert(em, pool, softThresholdPercent);
    if (pool.usageAlerts === 0) return;
    for (const alert of await this.load(em, pool.orgId)) if (alert.scope === "POOL") await this.step(em, pool, alert, poolLevel(pool));
  }

  /** After a cap was set or removed (a raised cap may resolve, a lowered one fire), or an alert made. */
  async afterTargetChange(em: EntityManager, orgId: string, alerts?: UsageAlertEntity[]): Promise<void> {
    const pool = await this.db.forUpdate(em.createQueryBuilder(PoolEntity, "p").where("p.orgId = :orgId", { orgId })).getOne();
    if (!pool || pool.usageAlerts === 0) return;
    for (const alert of alerts ?? (await this.load(em, orgId))) {
      if (alert.scope === "POOL") {
        await this.step(em, pool, alert, poolLevel(pool));
        continue;
      }
      const targetId = alert.targetId as string;
      const cap = await em.findOneBy(CapEntity, { orgId, scope: alert.scope, targetId });
      const row = cap
        ? await em.findOneBy(PeriodUsageEntity, { orgId, periodIndex: pool.periodIndex, scope: alert.scope, targetId })
        : null;
      await this.step(em, pool, alert, capLevel(cap?.monthlyLimit, row?.used ?? 0));
    }
  }

  /** The period roll: counters restart and the allotment is granted again, so every alert re-arms. */
  async periodRolled(em: EntityManager, pool: PoolEntity): Promise<void> {
    if (pool.usageAlerts === 0) return;
    for (const alert of await this.load(em, pool.orgId))
      if (alert.triggered) await this.resolve(em, alert, alert.scope === "POOL" ? poolLevel(pool) : null);
  }

  private load(em: EntityManager, orgId: string): Promise<UsageAlertEntity[]> {
    return em.find(UsageAlertEntity, { where: { orgId }, order: { createdAt: "ASC", id: "ASC" } });
  }

  private async step(em: EntityManager, pool: PoolEntity, alert: UsageAlertEntity, level: Level): Promise<void> {
    const below = isBelow(level, alert.thresholdPercent);
    if (!below && alert.triggered) await this.resolve(em, alert, level);
    else if (below && !alert.triggered) await this.fire(em, pool, alert, level);
  }

  private async resolve(em: EntityManager, alert: UsageAlertEntity, level: Level | null): Promise<void> {
    alert.triggered = false;
    await em.update(UsageAlertEntity, { id: alert.id }, { triggered: false });
    await this.emit(alert, "RESOLVED", level);
  }

  private async fire(em: EntityManager, pool: PoolEntity, alert: UsageAlertEntity, level: Level): Promise<void> {
    const now = this.clock.now();
    Object.assign(alert, { triggered: true, timesTriggered: alert.timesTriggered + 1, lastTriggeredAt: now });
    await em.update(UsageAlertEntity, { id: alert.id }, { triggered: true, timesTriggered: alert.timesTriggered, lastTriggeredAt: now });
    const org = await em.findOneByOrFail(OrgEntity, { id: pool.orgId });
    const mail =
      alert.scope === "POOL" ? await this.poolMail(em, org, pool, alert.thresholdPercent) : await this.capMail(em, org, pool, alert, level);
    for (const user of await this.recipients(em, alert)) {
      await this.mail.enqueue(em, {
        kind: "usage_alert",
        dedupeKey: `usage-alert:${alert.id}:${alert.timesTriggered}:${user.id}`,
        to: user.email,
        ...mail,
      });
    }
    await this.emit(alert, "TRIGGERED", level);
  }

  /** The active members holding the alert's roles; MEMBER is the alerted member themself. */
  private async recipients(em: EntityManager, alert: UsageAlertEntity): Promise<UserEntity[]> {
    const roles = rolesOf(alert);
    const admins = roles.filter((r) => r !== "MEMBER");
    const members = admins.length ? await em.findBy(MembershipEntity, { orgId: alert.orgId, role: In(admins), active: true }) : [];
    if (roles.includes("MEMBER") && alert.scope === "MEMBER") {
      const self = await em.findOneBy(MembershipEntity, { id: alert.targetId as string, orgId: alert.orgId, active: true });
      if (self) members.push(self);
    }
    const ids = [...new Set(members.map((m) => m.userId))];
    return ids.length ? em.find(UserEntity, { where: { id: In(ids) }, order: { email: "ASC" } }) : [];
  }

  private async poolMail(em: EntityManager, org: OrgEntity, pool: PoolEntity, thresholdPercent: number) {
    return softAlertMail({
      orgName: org.name,
      thresholdPercent,
      topUp: pool.topUpBalance,
      monthly: pool.monthlyBalance,
      monthlyAllotment: pool.monthlyAllotment,
      refillsAt: pool.periodEnd,
      runway: await this.runway(em, pool, pool.topUpBalance + pool.monthlyBalance),
      billingUrl: `${this.publicUrl}/orgs/${encodeURIComponent(pool.orgId)}/billing`,
    });
  }

  private async capMail(em: EntityManager, org: OrgEntity, pool: PoolEntity, alert: UsageAlertEntity, level: Level) {
    const targetId = alert.targetId as string;
    return capAlertMail({
      orgName: org.name,
      who: await targetName(em, alert.scope, targetId),
      thresholdPercent: alert.thresholdPercent,
      used: level.used,
      limit: level.base,
      resetsAt: pool.periodEnd,
      runway: await this.runway(em, pool, level.left, alert.scope === "MEMBER" ? { memberId: targetId } : { spaceId: targetId }),
      settingsUrl: `${this.publicUrl}/orgs/${encodeURIComponent(pool.orgId)}/team`,
    });
  }

  /** The runway of `left` at the last week's pace of the pool, a member or a Space (alerts are rare; this reads a week of events). */
  private async runway(
    em: EntityManager,
    pool: PoolEntity,
    left: number,
    of: { memberId?: string; spaceId?: string } = {},
  ): Promise<Runway> {
    const now = this.clock.now();
    const since = new Date(now.getTime() - BURN_WINDOW_DAYS * 86_400_000);
    const q = em
      .createQueryBuilder(UsageEventEntity, "e")
      .select("COALESCE(SUM(e.credits), 0)", "spent")
      .where("e.orgId = :orgId AND e.occurredAt >= :since AND e.voidedAt IS NULL", { orgId: pool.orgId, since });
    if (of.memberId) q.andWhere("e.memberId = :memberId", { memberId: of.memberId });
    if (of.spaceId) q.andWhere("e.spaceId = :spaceId", { spaceId: of.spaceId });
    const spent = await q.getRawOne<{ spent: string | number }>();
    return runway(Number(spent?.spent ?? 0), left, now, pool.periodEnd);
  }

  private async emit(alert: UsageAlertEntity, direction: "TRIGGERED" | "RESOLVED", level: Level | null): Promise<void> {
    const { id, orgId, scope, targetId, thresholdPercent } = alert;
    await this.events?.emit(UsageAlertCrossed, {
      orgId,
      alertId: id,
      scope,
      targetId,
      thresholdPercent,
      direction,
      remaining: level?.left ?? null,
      of: level?.base ?? null,
      at: this.clock.now(),
    });
  }

  /**
   * The soft alert (the POOL alert for OWNERs): the first time the pool's total falls
   * below the threshold of the period's allotment, one email to every OWNER (through the
   * outbox, in this transaction). Re-armed by the refill, or by a top-up that lifts it back above.
   */
  private async checkSoftAlert(em: EntityManager, pool: PoolEntity, thresholdPercent: number): Promise<void> {
    const level = poolLevel(pool);
    const soft = {
      orgId: pool.orgId,
      alertId: null,
      scope: "POOL" as const,
      targetId: null,
      thresholdPercent,
      remaining: level.left,
      of: level.base,
      at: this.clock.now(),
    };
    const below = isBelow(level, thresholdPercent);
    if (!below && !pool.alertArmed) {
      pool.alertArmed = true;
      await em.update(PoolEntity, { orgId: pool.orgId }, { alertArmed: true });
      await this.events?.emit(UsageAlertCrossed, { ...soft, direction: "RESOLVED" });
      return;
    }
    if (!below || !pool.alertArmed) return;
    pool.alertArmed = false;
    pool.alertsSent += 1;
    await em.update(PoolEntity, { orgId: pool.orgId }, { alertArmed: false, alertsSent: pool.alertsSent });
    const org = await em.findOneByOrFail(OrgEntity, { id: pool.orgId });
    const owners = await em
      .createQueryBuilder(UserEntity, "u")
      .innerJoin(MembershipEntity, "m", "m.userId = u.id")
      .where("m.orgId = :orgId AND m.role = 'OWNER' AND m.active = :active", { orgId: pool.orgId, active: true })
      .getMany();
    const mail = await this.poolMail(em, org, pool, thresholdPercent);
    for (const owner of owners) {
      await this.mail.enqueue(em, {
        kind: "soft_alert",
        dedupeKey: `soft-alert:${pool.orgId}:${pool.alertsSent}:${owner.id}`,
        to: owner.email,
        ...mail,
      });
    }
    await this.events?.emit(UsageAlertCrossed, { ...soft, direction: "TRIGGERED" });
  }
}

const poolLevel = (pool: PoolEntity): Level => {
  const left = pool.topUpBalance + pool.monthlyBalance;
  return { left, base: pool.monthlyAllotment, used: pool.monthlyAllotment - left };
};

/** A cap's level: what is left of it after this period's spend (holds are not spend); no cap, no level. */
const capLevel = (limit: number | undefined, used: number): Level =>
  limit === undefined ? { left: 0, base: 0, used } : { left: Math.max(0, limit - used), base: limit, used };

/** The alert's target in words: the member's name or the Space's. */
export async function targetName(em: EntityManager, scope: string, targetId: string): Promise<string> {
  if (scope === "SPACE") {
    const space = await em.findOneBy(SpaceEntity, { id: targetId });
    return space ? `Space "${space.name}"` : "A removed Space";
  }
  const member = await em.findOneBy(MembershipEntity, { id: targetId });
  const user = member ? await em.findOneBy(UserEntity, { id: member.userId }) : null;
  return user ? user.name : "A former member";
}
