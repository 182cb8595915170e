import { setTimeout as sleep } from "node:timers/promises";
import type { DataSource, EntityManager, SelectQueryBuilder, ObjectLiteral } from "typeorm";
import type { DatabaseKind } from "./data-source";

/** MySQL 1213 deadlock, 1205 lock wait timeout; MariaDB 1020 record changed since last read. */
const RETRYABLE_MYSQL = new Set([1213, 1205, 1020]);
const MAX_ATTEMPTS = 6;

/**
 * The one door to the database for writes: `transaction(fn)` commits or rolls
 * back, and retries the whole of `fn` on deadlocks and lock-wait timeouts, so
 * `fn` must be safe to run again (no side effects outside the manager).
 *
 * On MySQL transactions run at READ COMMITTED: under REPEATABLE READ, InnoDB fixes a
 * transaction's snapshot at its first plain read, so rows another transaction
 * committed while we waited for a lock would stay invisible. Writers that must
 * not interleave take a row lock first (the org's pool row, for credits).
 *
 * SQLite has one connection here; its transactions are queued in-process so
 * that two never interleave on it.
 */
export class Database {
  private sqliteQueue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly dataSource: DataSource,
    readonly kind: DatabaseKind,
  ) {}

  get manager(): EntityManager {
    return this.dataSource.manager;
  }

  async transaction<T>(fn: (em: EntityManager) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.serialized(() =>
          this.kind === "mysql" ? this.dataSource.transaction("READ COMMITTED", fn) : this.dataSource.transaction(fn),
        );
      } catch (error) {
        if (attempt >= MAX_ATTEMPTS || !isRetryable(error)) throw error;
        // Jittered exponential backoff: 5, 10, 20 ... ms.
        await sleep(5 * 2 ** (attempt - 1) * (0.5 + Math.random()));
      }
    }
  }

  /** Adds FOR UPDATE where the database has row locks (SQLite serializes transactions instead). */
  forUpdate<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>): SelectQueryBuilder<T> {
    return this.kind === "mysql" ? qb.setLock("pessimistic_write") : qb;
  }

  private serialized<T>(fn: () => Promise<T>): Promise<T> {
    if (this.kind !== "sqlite") return fn();
    const run = this.sqliteQueue.then(fn, fn);
    this.sqliteQueue = run.catch(() => undefined);
    return run;
  }
}

export function isRetryable(error: unknown): boolean {
  const e = error as { errno?: number; driverError?: { errno?: number; code?: string }; code?: string };
  const errno = e?.driverError?.errno ?? e?.errno;
  if (errno !== undefined && RETRYABLE_MYSQL.has(errno)) return true;
  const code = e?.driverError?.code ?? e?.code;
  return code === "SQLITE_BUSY" || code === "SQLITE_BUSY_SNAPSHOT";
}

/** True when the error is a unique-key violation (either database). */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { driverError?: { errno?: number; code?: string }; errno?: number; code?: string };
  const errno = e?.driverError?.errno ?? e?.errno;
  const code = e?.driverError?.code ?? e?.code;
  return errno === 1062 || code === "ER_DUP_ENTRY" || code === "SQLITE_CONSTRAINT_UNIQUE" || code === "SQLITE_CONSTRAINT_PRIMARYKEY";
}
