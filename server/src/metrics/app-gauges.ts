import { Gauge, Registry } from "prom-client";
import { type DataSource, IsNull } from "typeorm";
import type { DatabaseKind } from "../db/data-source";
import type { Database } from "../db/database";
import { MailOutboxEntity, SeatSyncEntity, WebhookDeliveryEntity } from "../entities";
import type { JobRunner } from "../jobs/job-runner";

interface PoolStats {
  inUse: number;
  size: number;
}

/** Gauges read from one app's database when `/metrics` is scraped (cheap: indexed counts). */
export function appGauges(db: Database, jobs: JobRunner, inFlight: () => number): Registry {
  const registry = new Registry();
  new Gauge({
    name: "team_billing_http_requests_in_flight",
    help: "HTTP requests received and not yet answered (this scrape included)",
    registers: [registry],
    collect() {
      this.set(inFlight());
    },
  });
  new Gauge({
    name: "team_billing_job_lag_seconds",
    help: "How long each job is overdue: now minus (its last run plus its period)",
    labelNames: ["job"],
    registers: [registry],
    async collect() {
      for (const [job, seconds] of Object.entries(await jobs.lagSeconds())) this.set({ job }, seconds);
    },
  });
  new Gauge({
    name: "team_billing_outbox_depth",
    help: "Rows waiting to be sent: mail not yet sent, seat counts not yet applied in Stripe, webhook deliveries pending",
    labelNames: ["outbox"],
    registers: [registry],
    async collect() {
      this.set({ outbox: "mail" }, await db.manager.countBy(MailOutboxEntity, { sentAt: IsNull() }));
      this.set({ outbox: "seat_sync" }, await db.manager.countBy(SeatSyncEntity, { appliedAt: IsNull() }));
      this.set({ outbox: "webhooks" }, await db.manager.countBy(WebhookDeliveryEntity, { status: "PENDING" }));
    },
  });
  new Gauge({
    name: "team_billing_db_pool_connections",
    help: "Database connections: in use, and open (SQLite: its one connection, in use while in a transaction)",
    labelNames: ["state"],
    registers: [registry],
    collect() {
      const stats = poolStats(db);
      this.set({ state: "in_use" }, stats.inUse);
      this.set({ state: "open" }, stats.size);
    },
  });
  return registry;
}

/** Both MySQL pools (the main one and the charges'), summed. */
function poolStats(db: Database): PoolStats {
  const main = sourceStats(db.dataSource, db.kind);
  const bundles = db.bundles ? sourceStats(db.bundles, db.kind) : { inUse: 0, size: 0 };
  return { inUse: main.inUse + bundles.inUse, size: main.size + bundles.size };
}

/** mysql2's pool keeps its counts in fields of its own; read them where they are, else report 0. */
function sourceStats(source: DataSource, kind: DatabaseKind): PoolStats {
  const driver = source.driver as {
    pool?: { _allConnections?: { length: number }; _freeConnections?: { length: number } };
    databaseConnection?: { inTransaction?: boolean };
  };
  if (kind === "sqlite") return { inUse: driver.databaseConnection?.inTransaction ? 1 : 0, size: 1 };
  const all = driver.pool?._allConnections?.length ?? 0;
  const free = driver.pool?._freeConnections?.length ?? 0;
  return { inUse: all - free, size: all };
}
