import type { Clock } from "../common/clock";
import type { CapService } from "../credits/cap.service";
import type { PoolService } from "../credits/pool.service";
import { BURN_WINDOW_DAYS, type Runway, runway } from "../credits/runway";
import type { UsageService } from "./usage.service";

const DAY_MS = 86_400_000;

export interface Forecast extends Runway {
  resetAt: Date;
  /** Hours of pool history the pace rests on (at most the 7-day window): a pool minutes old has too little to project. */
  historyHours: number;
  caps: (Runway & { capId: string; scope: string; targetId: string })[];
}

/** When credits run out at the last week's pace: for the pool, and for each capped member and Space. */
export class ForecastService {
  constructor(
    private readonly clock: Clock,
    private readonly pools: PoolService,
    private readonly caps: CapService,
    private readonly usage: UsageService,
  ) {}

  async forecast(orgId: string): Promise<Forecast | null> {
    const pool = await this.pools.view(orgId);
    if (!pool) return null;
    const now = this.clock.now();
    const week = await this.usage.report(orgId, { from: new Date(now.getTime() - BURN_WINDOW_DAYS * DAY_MS), to: now }, {});
    const member = new Map(week.byMember.map((m) => [m.memberId, m.credits]));
    const space = new Map(week.bySpace.map((s) => [s.spaceId, s.credits]));
    const caps = (await this.caps.list(orgId)).map((cap) => ({
      capId: cap.id,
      scope: cap.scope,
      targetId: cap.targetId,
      ...runway(
        (cap.scope === "MEMBER" ? member : space).get(cap.targetId) ?? 0,
        Math.max(0, cap.monthlyLimit - cap.usedThisPeriod),
        now,
        pool.periodEnd,
      ),
    }));
    const historyHours = Math.max(0, Math.min(BURN_WINDOW_DAYS * 24, Math.floor((now.getTime() - pool.anchorAt.getTime()) / 3_600_000)));
    return {
      resetAt: pool.periodEnd,
      historyHours,
      ...runway(week.totalCredits, pool.topUpBalance + pool.monthlyBalance, now, pool.periodEnd),
      caps,
    };
  }
}
