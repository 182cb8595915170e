import type { DataSource } from "typeorm";
import type { DatabaseKind } from "./data-source";

/** How long a server waits for another one's migrations before it gives up (and exits). */
const LOCK_TIMEOUT_S = 600;

/**
 * Runs the pending migrations exactly once, however many servers start together.
 *
 * MySQL/MariaDB: a named lock (`GET_LOCK`, one per database) held on one connection for
 * the whole run; a second server waits on it, then finds nothing pending. The lock lives
 * with that connection, so a process that dies mid-run frees it. SQLite: one file and
 * one server process (its single writer); nothing to coordinate.
 */
export async function migrate(dataSource: DataSource, kind: DatabaseKind): Promise<string[]> {
  if (kind === "sqlite") return names(await dataSource.runMigrations({ transaction: "each" }));
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    const [{ got }] = await runner.query(`SELECT GET_LOCK(${LOCK_NAME}, ?) AS got`, [LOCK_TIMEOUT_S]);
    if (Number(got) !== 1) throw new Error(`another server has held the migration lock for ${LOCK_TIMEOUT_S} s`);
    try {
      return names(await dataSource.runMigrations({ transaction: "each" }));
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
