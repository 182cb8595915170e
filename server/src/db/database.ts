import { AsyncLocalStorage } from "node:async_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import type { DataSource, EntityManager, EntityTarget, ObjectLiteral, SelectQueryBuilder } from "typeorm";
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
 *
 * Transactions nest: the open transaction is ambient (AsyncLocalStorage), and a
 * `transaction(fn)` called while one is open joins it (same manager, no second
 * BEGIN, no wait on SQLite's writer queue, which would wait for itself). Retries
 * belong to the outermost call, which runs the whole again.
 */
export class Database {
  /** In-process locks: SQLite's one writer (SQLITE_WRITER) and `exclusive`'s rows there. */
  private readonly locks = new KeyedLock();
  /** The transaction the current async call chain runs in, if any. */
  private readonly ambient = new AsyncLocalStorage<Ambient>();

  constructor(
    readonly dataSource: DataSource,
    readonly kind: DatabaseKind,
  ) {}

  get manager(): EntityManager {
    return this.dataSource.manager;
  }

  /** The manager of the open transaction, or the plain one outside any. */
  em(): EntityManager {
    return this.current()?.em ?? this.dataSource.manager;
  }

  /** True while the caller runs inside an open transaction. */
  get inTransaction(): boolean {
    return this.current() !== undefined;
  }

  /**
   * The ambient transaction, if it is still open. Something started inside a
   * transaction (a promise not awaited, a timer) keeps its store after the
   * transaction ended: its query runner is released then, so it must not be reused.
   */
  private current(): Ambient | undefined {
    const scope = this.ambient.getStore();
    return scope?.open ? scope : undefined;
  }

  async transaction<T>(fn: (em: EntityManager) => Promise<T>): Promise<T> {
    const open = this.current();
    if (open) return fn(open.em);
    const run = async (em: EntityManager) => {
      const scope: Ambient = { em, open: true };
      try {
        return await this.ambient.run(scope, () => fn(em));
      } finally {
        scope.open = false;
      }
    };
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.serialized(() =>
          this.kind === "mysql" ? this.dataSource.transaction("READ COMMITTED", run) : this.dataSource.transaction(run),
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

  /**
   * Reads something outside the database (Stripe's copy of an object, say), then writes
   * what it read, with no other `exclusive` caller for the same row in between: so a
   * slow reader cannot write an older copy over a newer one. On MySQL the row is locked
   * FOR UPDATE before `read` and the transaction stays open across it (another server
   * waits on the lock; the row must exist, since READ COMMITTED locks no gaps); on a
   * deadlock the whole runs again, so `read` must be safe to repeat. SQLite has one
   * process, so an in-process lock per row does it without holding the one writer while
   * `read` waits on the network.
   */
  async exclusive<R, T>(
    row: { entity: EntityTarget<ObjectLiteral>; id: string },
    read: () => Promise<R>,
    write: (em: EntityManager, value: R) => Promise<T>,
  ): Promise<T> {
    // Inside a transaction already: its lock (SQLite's one writer, or the row lock taken
    // here on MySQL) is held to its end, so waiting on the keyed lock could wait for itself.
    if (this.kind === "sqlite" && !this.current()) {
      const key = `${this.dataSource.getMetadata(row.entity).tableName}:${row.id}`;
      return this.locks.run(key, async () => {
        const value = await read();
        return this.transaction((em) => write(em, value));
      });
    }
    return this.transaction(async (em) => {
      await em.createQueryBuilder(row.entity, "r").setLock("pessimistic_write").where("r.id = :id", { id: row.id }).getOne();
      return write(em, await read());
    });
  }

  private serialized<T>(fn: () => Promise<T>): Promise<T> {
    return this.kind === "sqlite" ? this.locks.run(SQLITE_WRITER, fn) : fn();
  }
}

interface Ambient {
  em: EntityManager;
  /** False once the transaction committed or rolled back. */
  open: boolean;
}

/** The key of SQLite's one connection (no table is named with a space). */
const SQLITE_WRITER = "sqlite writer";

/** Runs callers with the same key one after another (in arrival order); other keys run freely. */
class KeyedLock {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const run = previous.then(fn, fn);
    const tail = run.catch(() => undefined);
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
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
