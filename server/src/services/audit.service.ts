import type { EntityManager } from "typeorm";
import type { Clock } from "../clock";
import type { Database } from "../db/database";
import { AuditEntryEntity } from "../entities";
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
  async list(orgId: string, limit = 200): Promise<AuditEntryEntity[]> {
    return this.db.manager.find(AuditEntryEntity, {
      where: { orgId },
      order: { id: "DESC" },
      take: Math.min(Math.max(limit, 1), 1000),
    });
  }
}
