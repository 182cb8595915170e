import { AsyncLocalStorage } from "node:async_hooks";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { DataSource, type DataSourceOptions } from "typeorm";
import { ENTITIES } from "../entities";
import { DB_ACQUIRE_TIMEOUT } from "./transient-errors";
import { MYSQL_MIGRATIONS } from "./migrations/mysql";
import { SQLITE_MIGRATIONS } from "./migrations/sqlite";

export type DatabaseKind = "mysql" | "sqlite";

export interface DataSourceSettings {
  /** `mysql://user:pass@host:port/db` or `mariadb://...`; unset means SQLite. */
  databaseUrl?: string;
  /** SQLite: the file (or ":memory:"); defaults to DATA_DIR/team-billing.sqlite. */
  sqliteFile?: string;
  dataDir?: string;
  poolSize?: number;
  logQueries?: boolean;
  /** MySQL: how long opening a connection (TCP and handshake) may take. */
  connectTimeoutMs?: number;
  /**
   * MySQL: how long a checked-out connection may stay silent (a statement, or waiting for
   * a free connection) before it is dropped and the statement fails as a lost connection.
   */
  queryTimeoutMs?: number;
  /** MySQL: innodb_lock_wait_timeout per session, below queryTimeoutMs so a lock wait ends as 1205 (retried). */
  lockWaitTimeoutS?: number;
  /**
   * Galera: `wsrep_sync_wait` per session (default: DB_SYNC_WAIT from the environment; unset
   * leaves the server's). 1 makes each read wait until the node has applied every write the
   * cluster committed before it, so a read through one node sees what another process wrote
   * through another node (processes on different nodes need it; behind HAProxy's one node they do not).
   */
  syncWait?: number;
  /**
   * MySQL: connections that take several statements in one round trip (mysql2's
   * `multipleStatements`). Only the pool for charges (see Database's `bundled` transactions)
   * opens them: every statement it runs is built from parameters by the credits code, so an
   * injected `;` elsewhere could never add a statement of its own.
   */
  multipleStatements?: boolean;
}

/** Whether the MySQL server is a Galera node (`wsrep_on`; MySQL itself has no such variable). */
export async function isGalera(runner: { query(sql: string): Promise<unknown> }): Promise<boolean> {
  return runner.query("SELECT @@wsrep_on AS wsrep").then(
    (rows) => Number((rows as { wsrep: unknown }[])[0]?.wsrep) === 1,
    () => false,
  );
}

export function databaseKind(databaseUrl: string | undefined): DatabaseKind {
  if (!databaseUrl) return "sqlite";
  if (/^(mysql|mariadb):\/\//.test(databaseUrl)) return "mysql";
  throw new Error("DATABASE_URL must start with mysql:// or mariadb://");
}

/** Builds (does not open) the TypeORM data source for the configured database. */
export function buildDataSource(settings: DataSourceSettings): DataSource {
  const common = {
    entities: ENTITIES,
    synchronize: false,
    migrationsRun: false,
    // Failed queries surface as errors where they matter (and are logged there when unexpected).
    logging: settings.logQueries ? ("all" as const) : false,
  };
  if (databaseKind(settings.databaseUrl) === "mysql") {
    const url = settings.databaseUrl as string;
    const options: DataSourceOptions = {
      ...common,
      type: url.startsWith("mariadb:") ? "mariadb" : "mysql",
      url: url.replace(/^mariadb:/, "mysql:"),
      timezone: "Z",
      charset: "utf8mb4_unicode_ci",
      supportBigNumbers: true,
      bigNumberStrings: true,
      poolSize: settings.poolSize ?? 20,
      connectTimeout: settings.connectTimeoutMs ?? 3_000,
      // mysql2 otherwise captures a stack trace for every statement (to name the caller if it
      // fails): about half of its own time per statement. A failed statement still says its
      // code, message and SQL; TypeORM's error carries the stack that reached it.
      extra: { trace: false, ...(settings.multipleStatements ? { multipleStatements: true } : {}) },
      migrations: MYSQL_MIGRATIONS,
    };
    const dataSource = new DataSource(options);
    guardPools(dataSource, {
      queryTimeoutMs: settings.queryTimeoutMs ?? 10_000,
      lockWaitTimeoutS: settings.lockWaitTimeoutS ?? 5,
      syncWait: settings.syncWait ?? syncWaitFromEnv(),
    });
    return dataSource;
  }
  const dataDir = settings.dataDir ?? "./data";
  const file = settings.sqliteFile ?? join(dataDir, "team-billing.sqlite");
  if (file !== ":memory:") mkdirSync(settings.sqliteFile ? join(file, "..") : dataDir, { recursive: true });
  return new DataSource({
    ...common,
    type: "better-sqlite3",
    database: file,
    enableWAL: file !== ":memory:",
    timeout: 10_000,
    prepareDatabase: (db: { pragma(sql: string): unknown }) => {
      db.pragma("foreign_keys = ON");
      db.pragma("synchronous = NORMAL");
    },
    migrations: SQLITE_MIGRATIONS,
  });
}

interface PoolGuard {
  queryTimeoutMs: number;
  lockWaitTimeoutS: number;
  syncWait: number | undefined;
}

/** DB_SYNC_WAIT: wsrep_sync_wait's bitmask (0-15: 1 reads, 2 updates and deletes, 4 inserts, 8 SHOW). */
function syncWaitFromEnv(): number | undefined {
  const raw = process.env.DB_SYNC_WAIT;
  if (raw === undefined || raw === "") return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > 15) throw new Error(`DB_SYNC_WAIT must be an integer from 0 to 15, got "${raw}"`);
  return value;
}

/** The little of mysql2's pool and connection this file uses. */
interface MysqlPool {
  on(event: "acquire" | "release", listener: (conn: MysqlConnection) => void): void;
  getConnection(cb: Callback): void;
}
type Callback = ((error: Error | null, conn?: MysqlConnection) => void) & { [GUARDED]?: true };
interface MysqlConnection {
  stream: { setTimeout(ms: number): void; on(event: "timeout", listener: () => void): void; destroy(error?: Error): void };
  query(sql: string, cb: () => void): void;
  release(): void;
  destroy(): void;
}
const GUARDED = Symbol("guarded");
/** The statement and wait timeout while the node is silent: long enough for any answer, short enough to fail fast. */
const SILENT_TIMEOUT_MS = 1_000;

/**
 * The time (ms since epoch) past which the transaction running in this async context gives
 * up (its retry budget: Database.transaction sets it). A connection it checks out may stay
 * silent only until then (at least SILENT_TIMEOUT_MS, so a late try still gets its one
 * chance), so a dead or frozen node costs a caller about the budget, not the query timeout.
 */
export const connectionDeadline = new AsyncLocalStorage<{ until: number; open: boolean }>();

/**
 * Statements that are slow by nature, not because a node froze (a migration's ALTER of a
 * big table): a connection checked out in this async context may stay silent this long
 * (0: without limit) instead of the query timeout, which would otherwise drop it mid-DDL.
 */
export const slowStatements = new AsyncLocalStorage<number>();

/**
 * Bounds what a frozen or vanished node can cost. mysql2's per-query `timeout` only
 * rejects the query: its connection stays queued behind the stuck statement and goes back
 * to the pool. So instead a connection checked out of the pool gets a socket inactivity
 * timeout: when the server says nothing for queryTimeoutMs the socket is destroyed,
 * the statement fails as ETIMEDOUT (retried within the transaction's budget) and the pool
 * forgets the connection. Idle pooled connections carry no timeout. Waiting for a free
 * connection is bounded the same way (mysql2 has no acquire timeout). Each connection's
 * lock waits end sooner (1205, retried) than the socket timeout, its transactions run at
 * READ COMMITTED, and on Galera its reads wait for the cluster's earlier commits when
 * DB_SYNC_WAIT asks (session settings go here).
 *
 * A silent node would still cost every caller the whole timeout, one after another (a
 * batch that timed out, then its calls run alone, then the calls queued behind it): so once
 * a timeout ran out (or a connect timed out), checkouts and waits get SILENT_TIMEOUT_MS
 * instead, until a checkout ends normally again (the node answered). And a checkout for a
 * transaction never outlives the transaction's budget (see `connectionDeadline`).
 *
 * TypeORM builds the pool inside `initialize`, so its `createPool` is wrapped here.
 */
function guardPools(dataSource: DataSource, guard: PoolGuard): void {
  const driver = dataSource.driver as unknown as { createPool(options: unknown): Promise<MysqlPool> };
  const create = driver.createPool.bind(driver);
  driver.createPool = async (options) => {
    const pool = await create(options);
    // TypeORM's createPool opens a first connection before it returns: set each one up on its first checkout.
    const ready = new WeakSet<MysqlConnection>();
    let silent = false;
    const timeout = () => (silent ? Math.min(guard.queryTimeoutMs, SILENT_TIMEOUT_MS) : guard.queryTimeoutMs);
    pool.on("acquire", (conn) => {
      if (!ready.has(conn)) {
        ready.add(conn);
        conn.query(`SET SESSION innodb_lock_wait_timeout = ${Math.max(1, guard.lockWaitTimeoutS)}`, () => {});
        // Every transaction runs at READ COMMITTED (see Database): set once here, not per transaction (a round trip each).
        conn.query("SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED", () => {});
        if (guard.syncWait !== undefined) conn.query(`SET SESSION wsrep_sync_wait = ${guard.syncWait}`, () => {});
        conn.stream.on("timeout", () => {
          silent = true;
          const error = Object.assign(new Error("The database did not answer in time."), { code: "ETIMEDOUT" });
          conn.stream.destroy(error);
          setImmediate(() => conn.destroy());
        });
      }
      // Armed only while checked out: an idle pooled connection may stay silent.
      conn.stream.setTimeout(timeout());
    });
    pool.on("release", (conn) => {
      conn.stream.setTimeout(0);
      silent = false;
    });
    const getConnection = pool.getConnection.bind(pool);
    // mysql2 calls getConnection again with a queued callback when a connection frees: wrap it once.
    pool.getConnection = (cb: Callback) => {
      if (cb[GUARDED]) return getConnection(cb);
      let settled = false;
      // Read here, in the caller's async context (mysql2 may answer from another's). Work a
      // transaction started that outlives it (a timer, a promise not awaited) keeps the store: not its deadline.
      const scope = connectionDeadline.getStore();
      const deadline = scope?.open ? scope.until : undefined;
      const slow = slowStatements.getStore();
      const limit = () => (deadline === undefined ? timeout() : Math.min(timeout(), Math.max(SILENT_TIMEOUT_MS, deadline - Date.now())));
      const timer = setTimeout(() => {
        settled = true;
        cb(Object.assign(new Error("No database connection was free in time."), { code: DB_ACQUIRE_TIMEOUT }));
      }, limit());
      const guarded: Callback = (error, conn) => {
        // A connect that timed out: the node accepts connections and says nothing.
        if ((error as { code?: string } | null)?.code === "ETIMEDOUT") silent = true;
        if (settled) {
          conn?.release();
          return;
        }
        settled = true;
        clearTimeout(timer);
        // After "acquire" armed the socket: a transaction's connection gets what is left of its budget.
        if (conn && deadline !== undefined) conn.stream.setTimeout(limit());
        else if (conn && slow !== undefined) conn.stream.setTimeout(slow);
        cb(error, conn);
      };
      guarded[GUARDED] = true;
      getConnection(guarded);
    };
    return pool;
  };
}
