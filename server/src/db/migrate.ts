import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import type { DataSource, QueryRunner } from "typeorm";
import { type DatabaseKind, isGalera, slowStatements } from "./data-source";
import { isRetryable, isUniqueViolation } from "./transient-errors";

/** How long a server waits for another one's migrations before it gives up (and exits). */
const LOCK_TIMEOUT_S = 600;

/**
 * Runs the pending migrations exactly once, however many servers start together.
 *
 * MySQL/MariaDB: a named lock (`GET_LOCK`, one per database) held on one connection for
 * the whole run; a second server waits on it, then finds nothing pending. The lock lives
 * with that connection, so a process that dies mid-run frees it. On Galera a named lock
 * is held on one node only, so a lease row is taken as well (`clusterWide`). SQLite: one
 * file and one server process (its single writer); nothing to coordinate.
 *
 * A migration's statement may take minutes on a big table: its connections may stay silent
 * up to `statementTimeoutMs` (DB_MIGRATION_TIMEOUT_MS; 0: without limit), not the query
 * timeout that bounds everything else.
 */
export async function migrate(dataSource: DataSource, kind: DatabaseKind, statementTimeoutMs: number): Promise<string[]> {
  if (kind === "sqlite") return names(await dataSource.runMigrations({ transaction: "each" }));
  return slowStatements.run(statementTimeoutMs, () => migrateMysql(dataSource));
}

async function migrateMysql(dataSource: DataSource): Promise<string[]> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    const [{ got }] = await runner.query(`SELECT GET_LOCK(${LOCK_NAME}, ?) AS got`, [LOCK_TIMEOUT_S]);
    if (Number(got) !== 1) throw new Error(`another server has held the migration lock for ${LOCK_TIMEOUT_S} s`);
    try {
      return await clusterWide(runner, async () => names(await dataSource.runMigrations({ transaction: "each" })));
    } finally {
      await runner.query(`SELECT RELEASE_LOCK(${LOCK_NAME})`);
    }
  } finally {
    await runner.release();
  }
}

/** True while some migration has not run (`/readyz` answers 503 then). */
export async function migrationsPending(dataSource: DataSource): Promise<boolean> {
  return dataSource.showMigrations();
}

/** Per database: servers of other databases on the same MySQL server do not wait on each other. */
const LOCK_NAME = "LEFT(CONCAT('team_billing_migrate:', DATABASE()), 64)";

const names = (ran: { name: string }[]) => ran.map((m) => m.name);

/** How long a Galera migration lease lasts without its holder renewing it (every LEASE_S / 3). */
const LEASE_S = 30;

/**
 * Galera: servers starting through different nodes each get their node's GET_LOCK. So there
 * the lock is also a row, in a table made for it (`CREATE TABLE IF NOT EXISTS`: DDL runs on
 * every node in one order): inserting it commits on one node only (on the others it is a
 * duplicate key or a certification conflict), and the others wait until it is deleted.
 * The holder renews it while it migrates; a holder that died lets it lapse.
 */
async function clusterWide<T>(runner: QueryRunner, migrate: () => Promise<T>): Promise<T> {
  if (!(await isGalera(runner))) return migrate();
  await runner.query(
    "CREATE TABLE IF NOT EXISTS `migration_lease` (`name` varchar(64) NOT NULL PRIMARY KEY, `holder` varchar(36) NOT NULL, `until` datetime NOT NULL) ENGINE=InnoDB",
  );
  const holder = randomUUID();
  const giveUp = Date.now() + LOCK_TIMEOUT_S * 1_000;
  for (;;) {
    await runner.query("DELETE FROM `migration_lease` WHERE `name` = 'migrate' AND `until` < UTC_TIMESTAMP()");
    try {
      await runner.query("INSERT INTO `migration_lease` VALUES ('migrate', ?, UTC_TIMESTAMP() + INTERVAL ? SECOND)", [holder, LEASE_S]);
      break;
    } catch (error) {
      if (!isUniqueViolation(error) && !isRetryable(error)) throw error;
      if (Date.now() > giveUp) throw new Error(`another server has held the migration lease for ${LOCK_TIMEOUT_S} s`);
      await sleep(250);
    }
  }
  const renew = setInterval(
    () => {
      runner
        .query("UPDATE `migration_lease` SET `until` = UTC_TIMESTAMP() + INTERVAL ? SECOND WHERE `holder` = ?", [LEASE_S, holder])
        .catch(() => {});
    },
    (LEASE_S * 1_000) / 3,
  );
  try {
    return await migrate();
  } finally {
    clearInterval(renew);
    await runner.query("DELETE FROM `migration_lease` WHERE `holder` = ?", [holder]);
  }
}
