import type { Database } from "../db/database";
import { MembershipEntity, RefusedCallDayEntity, SpaceEntity, UserEntity } from "../entities";
import { badInput } from "../common/errors";
import { utcDay } from "../credits/rollups";
import { REFUSED_CALL_REASONS, type RefusedCallReason } from "../credits/refused-calls.reasons";
import { MAX_REPORT_DAYS, type UsageService } from "./usage.service";

const DAY_MS = 86_400_000;

export interface RefusedCallsReport {
  from: Date;
  to: Date;
  total: number;
  byMember: { memberId: string; name: string; count: number }[];
  bySpace: { spaceId: string; name: string; count: number }[];
  byReason: { reason: RefusedCallReason; description: string; count: number }[];
}

/** What metering refused (counted by credits' RefusedCallsService), by member, Space and reason. */
export class RefusedCallsReportService {
  constructor(
    private readonly db: Database,
    private readonly usage: UsageService,
  ) {}

  /** Totals over [from, to), by whole UTC days; the same range limits as the usage report. */
  async report(orgId: string, range: { from?: Date | null; to?: Date | null }, memberId: string | null): Promise<RefusedCallsReport> {
    const fallback = range.from && range.to ? null : await this.usage.defaultRange(orgId);
    const from = range.from ?? (fallback as { from: Date }).from;
    const to = range.to ?? (fallback as { to: Date }).to;
    if (to <= from) throw badInput("to", "must be after from");
    if (to.getTime() - from.getTime() > MAX_REPORT_DAYS * DAY_MS) throw badInput("to", `a report covers at most ${MAX_REPORT_DAYS} days`);
    const qb = this.db.manager
      .createQueryBuilder(RefusedCallDayEntity, "r")
      .where("r.orgId = :orgId AND r.day >= :first AND r.day <= :last", {
        orgId,
        first: utcDay(from),
        last: utcDay(new Date(to.getTime() - 1)),
      });
    if (memberId) qb.andWhere("r.memberId = :memberId", { memberId });
    const rows = await qb.getMany();
    const sum = (key: (r: RefusedCallDayEntity) => string) => {
      const out = new Map<string, number>();
      for (const r of rows) out.set(key(r), (out.get(key(r)) ?? 0) + r.count);
      return [...out].sort((a, b) => b[1] - a[1]);
    };
    const [memberName, spaceName] = rows.length ? await this.names(orgId) : [new Map<string, string>(), new Map<string, string>()];
    return {
      from,
      to,
      total: rows.reduce((s, r) => s + r.count, 0),
      byMember: sum((r) => r.memberId).map(([id, count]) => ({ memberId: id, name: memberName.get(id) ?? "Unknown member", count })),
      bySpace: sum((r) => r.spaceId).map(([id, count]) => ({ spaceId: id, name: spaceName.get(id) ?? "Unknown Space", count })),
      byReason: sum((r) => r.reason).map(([reason, count]) => ({
        reason: reason as RefusedCallReason,
        description: REFUSED_CALL_REASONS[reason as RefusedCallReason] ?? reason,
        count,
      })),
    };
  }

  /** Members by name (removed ones keep theirs) and Spaces by name. */
  private async names(orgId: string): Promise<[Map<string, string>, Map<string, string>]> {
    const members = await this.db.manager
      .createQueryBuilder(MembershipEntity, "m")
      .innerJoin(UserEntity, "u", "u.id = m.userId")
      .select(["m.id AS id", "u.name AS name", "u.email AS email"])
      .where("m.orgId = :orgId", { orgId })
      .getRawMany<{ id: string; name: string; email: string }>();
    const spaces = await this.db.manager.findBy(SpaceEntity, { orgId });
    return [new Map(members.map((m) => [m.id, m.name || m.email])), new Map(spaces.map((s) => [s.id, s.name]))];
  }
}
