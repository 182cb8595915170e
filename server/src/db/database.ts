import { AsyncLocalStorage } from "node:async_hooks";
import { createHash, randomBytes } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import type { DataSource, EntityManager, EntityTarget, ObjectLiteral, SelectQueryBuilder } from "typeorm";
import { JobLeaseEntity } from "../entities/job-lease.entity";
import { countRetry } from "../metrics/metrics";
import { connectionDeadline, type DatabaseKind } from "./data-source";
import { isConnectionError, isRetryable, serviceUnavailable } from "./transient-errors";

export { isRetryable, isUniqueViolation } from "./transient-errors";

/** How many times `exclusive` reads again after losing its lease. */
const MAX_ATTEMPTS = 6;
/** Backoff between tries: jittered, doubling from the first to the cap. */
const BACKOFF_FIRST_MS = 5;
const BACKOFF_CAP_MS = 250;
/**
 * How long an `exclusive` caller may take from its lease to its write before another
 * process may take over (it then reads again). Above a Stripe call's worst case: the
 * SDK's timeout (20 s by default) times its tries, for the few calls one caller makes.
 */
const LEASE_MS = 180_000;
const LEASE_LOST = Symbol("lease lost");
/** Thrown in `exclusive`'s write transaction to roll it back when a slower reader lost its lease. */
class LeaseLost extends Error {}

/**
 * The one door to the database for writes: `transaction(fn)` commits or rolls
 * back, and retries the whole of `fn` on what a cluster answers to contention or a
 * node in trouble (see transient-errors.ts), so `fn` must be safe to run again (no side
 * effects outside the manager). Retries run for a time budget, not a count: past it the
 * caller gets SERVICE_UNAVAILABLE with `retryAfter`, a code a client retries on. On MySQL
 * a try's connection may not stay silent past the budget either (`connectionDeadline`):
 * a dead or frozen node costs the caller about the budget, not DB_QUERY_TIMEOUT_MS.
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
  /** Work the first transaction committed inside `withFirst(work, fn)` does first. */
  private readonly firstWork = new AsyncLocalStorage<FirstWork>();

  constructor(
    readonly dataSource: DataSource,
    readonly kind: DatabaseKind,
    /** How long one `transaction` may keep retrying (TX_RETRY_BUDGET_MS). */
    private readonly retryBudgetMs = 5_000,
    /**
     * MySQL: a second pool whose connections take several statements in one round trip
     * (data-source.ts, `multipleStatements`), for `bundled` transactions only.
     */
    readonly bundles?: DataSource,
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

  /**
   * `until`: retry up to this time (ms since epoch) instead of the budget from now.
   * `bundled`: run on a connection of the `bundles` pool, where `runStatements` sends several
   * statements in one round trip (charges: see CreditStore.lockForCharges); elsewhere the same.
   */
  async transaction<T>(fn: (em: EntityManager) => Promise<T>, options: { until?: number; bundled?: boolean } = {}): Promise<T> {
    const source = (options.bundled && this.bundles) || this.dataSource;
    return this.begin(fn, this.firstWork.getStore(), options.until, source);
  }

  /** TX_RETRY_BUDGET_MS: how long one transaction may keep retrying. */
  get retryBudget(): number {
    return this.retryBudgetMs;
  }

  /**
   * Runs `fn`; the first transaction it commits runs `work` first, in the same transaction
   * (a webhook's event row: stored with the event's effect, or not at all). A transaction
   * that rolls back (a retry) runs it again. Answers whether a transaction ran it.
   */
  async withFirst<T>(work: (em: EntityManager) => Promise<void>, fn: () => Promise<T>): Promise<{ value: T; ran: boolean }> {
    const first: FirstWork = { work, done: false };
    const value = await this.firstWork.run(first, fn);
    return { value, ran: first.done };
  }

  private async begin<T>(
    fn: (em: EntityManager) => Promise<T>,
    first: FirstWork | undefined,
    until?: number,
    source: DataSource = this.dataSource,
  ): Promise<T> {
    const open = this.current();
    if (open) return fn(open.em);
    let ranFirst = false;
    // Set once `fn` is done: a connection lost after that may have lost the COMMIT's answer only.
    let committing = false;
    const run = async (em: EntityManager) => {
      const scope: Ambient = { em, open: true };
      try {
        return await this.ambient.run(scope, async () => {
          ranFirst = false;
          committing = false;
          if (first && !first.done) {
            await first.work(em);
            ranFirst = true;
          }
          const value = await fn(em);
          committing = true;
          return value;
        });
      } finally {
        scope.open = false;
      }
    };
    const deadline = until ?? Date.now() + this.retryBudgetMs;
    for (let attempt = 1; ; attempt++) {
      try {
        const value = await this.serialized(() =>
          // On MySQL every connection is at READ COMMITTED from its first use (data-source.ts).
          this.kind === "mysql" ? this.withDeadline(deadline, () => source.transaction(run)) : source.transaction(run),
        );
        if (first && ranFirst) first.done = true;
        return value;
      } catch (error) {
        // The COMMIT may have landed: running `fn` again could do it twice. The caller retries
        // (with its idempotency key) and finds out.
        if (committing && isConnectionError(error)) throw serviceUnavailable(error);
        if (!isRetryable(error)) throw error;
        countRetry(error);
        const backoff = Math.min(BACKOFF_CAP_MS, BACKOFF_FIRST_MS * 2 ** (attempt - 1)) * (0.5 + Math.random());
        if (Date.now() + backoff >= deadline) throw serviceUnavailable(error);
        await sleep(backoff);
      }
    }
  }

  /** Runs one try of a transaction with its deadline for the connections it checks out (see `connectionDeadline`). */
  private async withDeadline<T>(until: number, fn: () => Promise<T>): Promise<T> {
    const scope = { until, open: true };
    try {
      return await connectionDeadline.run(scope, fn);
    } finally {
      scope.open = false;
    }
  }

  /** Adds FOR UPDATE where the database has row locks (SQLite serializes transactions instead). */
  forUpdate<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>): SelectQueryBuilder<T> {
    return this.kind === "mysql" ? qb.setLock("pessimistic_write") : qb;
  }

  /**
   * Reads something outside the database (Stripe's copy of an object, say), then writes
   * what it read, with no other `exclusive` caller for the same row in between: so a
   * slow reader cannot write an older copy over a newer one.
   *
   * No database transaction or connection is held while `read` waits on the network (a
   * slow Stripe would otherwise pin a connection and a row lock per call and starve
   * everything else: security review, reliability notes). Instead callers queue on an
   * in-process lock per row and, on MySQL, also take a short-lived lease row (in
   * `job_lease`, key `x:<hash>`) that other processes wait on. The write then runs in its
   * own transaction that first re-checks, under a row lock, that the lease is still ours
   * (a reader slower than the lease lost it; then it reads again, so an older copy never
   * lands). `read` must therefore be safe to repeat. Inside an open transaction (whose
   * locks are held to its end anyway) the row is locked in it, as before.
   */
  async exclusive<R, T>(
    row: { entity: EntityTarget<ObjectLiteral>; id: string },
    read: () => Promise<R>,
    write: (em: EntityManager, value: R) => Promise<T>,
  ): Promise<T> {
    if (this.current()) {
      // Inside a transaction already: its lock (SQLite's one writer, or the row lock taken
      // here on MySQL) is held to its end, so waiting on the keyed lock could wait for itself.
      const em = this.current()?.em as EntityManager;
      if (this.kind === "mysql")
        await em.createQueryBuilder(row.entity, "r").setLock("pessimistic_write").where("r.id = :id", { id: row.id }).getOne();
      return write(em, await read());
    }
    const key = `${this.dataSource.getMetadata(row.entity).tableName}:${row.id}`;
    return this.locks.run(key, async () => {
      if (this.kind === "sqlite") {
        // One process: the in-process lock is the whole of it.
        const value = await read();
        return this.transaction((em) => write(em, value));
      }
      const lease = `x:${createHash("sha256").update(key).digest("hex").slice(0, 40)}`;
      for (let attempt = 1; ; attempt++) {
        const token = await this.takeLease(lease);
        try {
          const value = await read();
          // A lost lease rolls back (a `withFirst` work done in it is undone too), then reads again.
          const written = await this.transaction(async (em) => {
            if (!(await this.holdsLease(em, lease, token))) throw new LeaseLost();
            return { value: await write(em, value) };
          }).catch((error: unknown): typeof LEASE_LOST => {
            if (error instanceof LeaseLost) return LEASE_LOST;
            throw error;
          });
          if (written !== LEASE_LOST) return written.value;
          if (attempt >= MAX_ATTEMPTS)
            throw new Error(`exclusive ${key}: lost the lease ${attempt} times (reads slower than ${LEASE_MS} ms)`);
        } finally {
          await this.dropLease(lease, token);
        }
      }
    });
  }

  /** Waits (polling, with backoff) until the lease row is free or lapsed, then takes it. */
  private async takeLease(name: string): Promise<string> {
    const token = randomBytes(16).toString("hex");
    for (let wait = 5; ; wait = Math.min(wait * 2, 200)) {
      const now = new Date();
      // Bare: a lease is no one's effect, so never the transaction a `withFirst` work joins.
      const taken = await this.begin(async (em) => {
        await em
          .createQueryBuilder()
          .insert()
          .into(JobLeaseEntity)
          .values({ name, holder: null, leaseUntil: null, lastRunAt: null })
          .orIgnore()
          .execute();
        const result = await em
          .createQueryBuilder()
          .update(JobLeaseEntity)
          .set({ holder: token, leaseUntil: new Date(now.getTime() + LEASE_MS) })
          .where("name = :name AND (holder IS NULL OR leaseUntil IS NULL OR leaseUntil < :now)", { name, now })
          .execute();
        return result.affected === 1;
      }, undefined);
      if (taken) return token;
      await sleep(wait * (0.5 + Math.random()));
    }
  }

  private async holdsLease(em: EntityManager, name: string, token: string): Promise<boolean> {
    const lease = await em.createQueryBuilder(JobLeaseEntity, "l").setLock("pessimistic_write").where("l.name = :name", { name }).getOne();
    return lease?.holder === token;
  }

  /** Deletes the lease row if it is still ours (so leases do not pile up, one per row ever synced). */
  private async dropLease(name: string, token: string): Promise<void> {
    await this.begin(
      (em) =>
        em.createQueryBuilder().delete().from(JobLeaseEntity).where("name = :name AND holder = :holder", { name, holder: token }).execute(),
      undefined,
    );
  }

  private serialized<T>(fn: () => Promise<T>): Promise<T> {
    return this.kind === "sqlite" ? this.locks.run(SQLITE_WRITER, fn) : fn();
  }
}

interface FirstWork {
  work: (em: EntityManager) => Promise<void>;
  /** True once a transaction that ran it committed. */
  done: boolean;
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
