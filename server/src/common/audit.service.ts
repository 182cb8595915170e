import type { EntityManager } from "typeorm";
import type { Clock } from "./clock";
import type { Database } from "../db/database";
import { ApiKeyEntity, AuditEntryEntity } from "../entities";
import type { AuditAfter } from "../entities/audit-entry.entity";
import { type Actor, auditActor } from "./actor";
import { byId, decodeCursor, encodeCursor, pageSize } from "./paging";

export interface AuditRecord {
  orgId: string | null;
  action: string;
  /** What happened in one sentence, with names, not ids (the log shows it first). */
  summary: string;
  before?: unknown;
  after?: unknown;
}

/** The audit log: written in the same transaction as the change it records. */
export class AuditService {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
  ) {}

  async record(em: EntityManager, actor: Actor, entry: AuditRecord): Promise<void> {
    await em.insert(AuditEntryEntity, {
      orgId: entry.orgId,
      action: entry.action,
      ...auditActor(actor),
      at: this.clock.now(),
      before: entry.before ?? null,
      after: withSummary(entry.after, entry.summary),
    });
  }

  /** Newest first. */
  async list(orgId: string, limit = 200): Promise<AuditView[]> {
    const entries = await this.db.manager.find(AuditEntryEntity, {
      where: { orgId },
      order: { id: "DESC" },
      take: Math.min(Math.max(limit, 1), 1000),
    });
    return this.describe(entries);
  }

  /**
   * A page of the org's log, newest first. Cursors are entry ids (auto-increment), so
   * entries written while someone pages never shift or repeat a page. `actionPrefix`
   * narrows it ("member." is every membership change).
   */
  async page(
    orgId: string,
    first: number | null,
    after: string | null,
    actionPrefix: string | null,
  ): Promise<{ views: AuditView[]; hasNextPage: boolean }> {
    const size = pageSize(first, 50);
    const qb = this.db.manager.createQueryBuilder(AuditEntryEntity, "a").where("a.orgId = :orgId", { orgId });
    if (after !== null) qb.andWhere("a.id < :before", { before: decodeCursor(after, isAuditKey)[0] });
    if (actionPrefix !== null) qb.andWhere("a.action LIKE :prefix ESCAPE '!'", { prefix: `${actionPrefix.replaceAll("_", "!_")}%` });
    const found = await qb
      .orderBy("a.id", "DESC")
      .take(size + 1)
      .getMany();
    return { views: await this.describe(found.slice(0, size)), hasNextPage: found.length > size };
  }

  /** Who did each: the user's email, the API key's name (revoked keys too), or the product itself. */
  private async describe(entries: AuditEntryEntity[]): Promise<AuditView[]> {
    const keyIds = entries.map((e) => e.actorApiKeyId).filter((id): id is string => id !== null);
    const keys = await byId(this.db.manager, ApiKeyEntity, keyIds);
    return entries.map((entry) => {
      if (entry.actorApiKeyId !== null) {
        const key = keys.get(entry.actorApiKeyId);
        return { entry, actorKind: "API_KEY", actorName: key ? `API key "${key.name}" (${key.prefix}…)` : "an API key" };
      }
      if (entry.actorUserId !== null || entry.actorEmail !== null)
        return { entry, actorKind: "USER", actorName: entry.actorEmail ?? "a deleted user" };
      return { entry, actorKind: "SYSTEM", actorName: "Team Billing" };
    });
  }
}

export type AuditActorKind = "USER" | "API_KEY" | "SYSTEM";

export interface AuditView {
  entry: AuditEntryEntity;
  actorKind: AuditActorKind;
  actorName: string;
}

/**
 * The sentence lives in `after.summary` (no column of its own): an entry without an `after`
 * gets `{ summary }`, a value that is not an object `{ summary, value }`.
 */
function withSummary(after: unknown, summary: string): AuditAfter {
  if (after === undefined || after === null) return { summary };
  if (typeof after === "object" && !Array.isArray(after)) return { summary, ...after };
  return { summary, value: after };
}

/** An entry's sentence, or null for one written before every entry had one. */
export function auditSummaryOf(entry: AuditEntryEntity): string | null {
  const summary: unknown = entry.after?.summary;
  return typeof summary === "string" && summary.trim() ? summary : null;
}

export const encodeAuditCursor = (entry: AuditEntryEntity): string => encodeCursor([entry.id]);
const isAuditKey = (key: unknown[]): key is [number] => key.length === 1 && Number.isSafeInteger(key[0]);
