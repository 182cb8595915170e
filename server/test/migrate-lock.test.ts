process.env.TEST_DB = "mariadb";
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { createConnection } from "mysql2/promise";
import type { MigrationInterface, QueryRunner } from "typeorm";
import { buildDataSource } from "../src/db/data-source";
import { migrate } from "../src/db/migrate";
import { MYSQL_MIGRATIONS } from "../src/db/migrations/mysql";
import { startServerProcess } from "./support/server-process";
import { MYSQL_ADMIN_URL } from "./support/test-app";

const MIGRATE = join(__dirname, "..", "dist", "scripts", "migrate.js");

/** Two servers started at once on an empty MariaDB database: the migration lock makes one migrate, the other wait. */
describe("migrations once (MariaDB)", () => {
  const name = `tb_test_mig_${process.pid}_${randomBytes(4).toString("hex")}`;
  const url = new URL(MYSQL_ADMIN_URL);
  url.pathname = `/${name}`;
  const env = { DATABASE_URL: url.toString(), SESSION_SECRET: "migrate-lock-secret" };
  const servers: { url: string; stop(): Promise<void> }[] = [];

  beforeAll(async () => {
    const admin = await createConnection(MYSQL_ADMIN_URL);
    await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    await admin.end();
  });
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    const admin = await createConnection(MYSQL_ADMIN_URL);
    await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
    await admin.end();
  });

  it("both servers come up and ready, and each migration ran exactly once", async () => {
    servers.push(...(await Promise.all([startServerProcess(env), startServerProcess(env)])));
    for (const server of servers) {
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
      const ready = await fetch(`${server.url}/readyz`);
      expect({ status: ready.status, body: await ready.json() }).toEqual({ status: 200, body: { ok: true } });
    }
    const db = await createConnection(env.DATABASE_URL);
    const [rows] = await db.query("SELECT name, COUNT(*) AS times FROM migrations GROUP BY name");
    await db.end();
    const times = Object.fromEntries((rows as { name: string; times: number }[]).map((r) => [r.name, Number(r.times)]));
    const expected = Object.fromEntries(MYSQL_MIGRATIONS.map((m) => [m.name, 1]));
    expect(times).toEqual(expected);
  });

  it("`pnpm migrate` afterwards takes the same lock and finds nothing to run", () => {
    const run = spawnSync(process.execPath, [MIGRATE], { env: { ...process.env, ...env }, encoding: "utf8" });
    expect({ status: run.status, stdout: run.stdout.trim() }).toEqual({ status: 0, stdout: "migrations: nothing to run" });
  });
});

/** A migration whose one statement says nothing for 1.5 s, as an ALTER of a big table would. */
class SlowMigration9999999999999 implements MigrationInterface {
  name = "SlowMigration9999999999999";
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("SELECT SLEEP(1.5)");
  }
  async down(): Promise<void> {}
}

describe("a slow migration (MariaDB)", () => {
  const name = `tb_test_slowmig_${process.pid}_${randomBytes(4).toString("hex")}`;
  const url = new URL(MYSQL_ADMIN_URL);
  url.pathname = `/${name}`;

  beforeAll(async () => {
    const admin = await createConnection(MYSQL_ADMIN_URL);
    await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    await admin.end();
  });
  afterAll(async () => {
    const admin = await createConnection(MYSQL_ADMIN_URL);
    await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
    await admin.end();
  });

  async function migrateWithSlowStep(statementTimeoutMs: number) {
    // Every other statement is bounded by a 500 ms query timeout; the slow step takes 1.5 s.
    const dataSource = buildDataSource({ databaseUrl: url.toString(), queryTimeoutMs: 500 });
    await dataSource.initialize();
    (dataSource.migrations as MigrationInterface[]).push(new SlowMigration9999999999999());
    try {
      return await migrate(dataSource, "mysql", statementTimeoutMs);
    } finally {
      await dataSource.destroy();
    }
  }

  it("is bounded by DB_MIGRATION_TIMEOUT_MS, not by the query timeout that would drop it mid-statement", async () => {
    await expect(migrateWithSlowStep(1_000)).rejects.toThrow(/did not answer in time|ETIMEDOUT|closed/i);
    const ran = await migrateWithSlowStep(10_000);
    expect(ran).toEqual(["SlowMigration9999999999999"]);
  });
});
