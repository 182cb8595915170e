import { type EntityManager, In } from "typeorm";
import type { Clock } from "../clock";
import type { Database } from "../db/database";
import { ApiKeyEntity, AuditEntryEntity } from "../entities";
import { badInput } from "../errors";
import { type Actor, auditActor } from "./actor";

export interface AuditRecord {
  orgId: string | null;
  action: string;
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
      before: entry.before === undefined ? null : JSON.stringify(entry.before),
      after: entry.after === undefined ? null : JSON.stringify(entry.after),
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
    const size = first ?? 50;
    if (!Number.isSafeInteger(size) || size < 1 || size > MAX_PAGE) throw badInput("first", `must be 1 to ${MAX_PAGE}`);
    if (actionPrefix !== null && !/^[a-z_.]{1,64}$/.test(actionPrefix))
      throw badInput("actionPrefix", 'is an action or the start of one, such as "member." (lower-case letters, "_" and ".")');
    const qb = this.db.manager.createQueryBuilder(AuditEntryEntity, "a").where("a.orgId = :orgId", { orgId });
    if (after !== null) qb.andWhere("a.id < :before", { before: decodeAuditCursor(after) });
    if (actionPrefix !== null) qb.andWhere("a.action LIKE :prefix ESCAPE '!'", { prefix: `${actionPrefix.replaceAll("_", "!_")}%` });
    const found = await qb
      .orderBy("a.id", "DESC")
      .take(size + 1)
      .getMany();
    return { views: await this.describe(found.slice(0, size)), hasNextPage: found.length > size };
  }

  /** Who did each: the user's email, the API key's name (revoked keys too), or the product itself. */
  private async describe(entries: AuditEntryEntity[]): Promise<AuditView[]> {
    const keyIds = [...new Set(entries.map((e) => e.actorApiKeyId).filter((id): id is string => id !== null))];
    const keys = new Map(
      keyIds.length > 0 ? (await this.db.manager.findBy(ApiKeyEntity, { id: In(keyIds) })).map((k) => [k.id, k] as const) : [],
    );
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

const MAX_PAGE = 100;

export type AuditActorKind = "USER" | "API_KEY" | "SYSTEM";

export interface AuditView {
  entry: AuditEntryEntity;
  actorKind: AuditActorKind;
  actorName: string;
}

export const encodeAuditCursor = (entry: AuditEntryEntity): string => Buffer.from(`audit:${entry.id}`).toString("base64url");

function decodeAuditCursor(cursor: string): number {
  const m = /^audit:(\d{1,15})$/.exec(Buffer.from(cursor, "base64url").toString("utf8"));
  if (!m) throw badInput("after", "is not a cursor this API gave out");
  return Number(m[1]);
}
