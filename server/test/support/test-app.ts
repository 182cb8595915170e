import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createConnection } from "mysql2/promise";
import { type App, createApp } from "../../src/app";
import { type Clock, OffsetClock } from "../../src/common/clock";
import { type Config, loadConfig } from "../../src/config";
import type { MailMessage, MailTransport } from "../../src/mail/mail.transport";
import { GqlClient } from "./gql-client";

/** MariaDB for tests; override with TEST_MYSQL_URL (the server user must be able to create databases). */
export const MYSQL_ADMIN_URL = process.env.TEST_MYSQL_URL ?? "mysql://root@127.0.0.1:3306/test";

export type TestDb = "sqlite" | "mariadb";
export const testDb = (): TestDb => (process.env.TEST_DB === "mariadb" ? "mariadb" : "sqlite");

/** Mail captured in memory, so tests can read what would have been sent. */
export class MemoryTransport implements MailTransport {
  readonly sent: MailMessage[] = [];
  failNext = 0;
  async send(message: MailMessage): Promise<void> {
    if (this.failNext > 0) {
      this.failNext--;
      throw new Error("SMTP 451 try again later");
    }
    this.sent.push(message);
  }
}

export interface TestApp {
  app: App;
  url: string;
  config: Config;
  mail: MemoryTransport;
  /** A fresh client with its own cookie jar. */
  client(options?: { bearer?: string }): GqlClient;
  close(): Promise<void>;
  /**
   * Stops this server as a crash-free shutdown would and starts a new one on the same
   * database, DATA_DIR, ports and configuration, with a new clock (a new process's).
   */
  restart(): Promise<TestApp>;
}

export interface TestAppOptions {
  env?: Record<string, string>;
  clock?: Clock;
  mailTransport?: MailTransport;
  /** Use the transport the configuration chooses (SMTP_URL, else .eml files) instead of memory. */
  defaultMail?: boolean;
  /** Reuse another test app's database (a second server process on the same data). */
  shareDatabaseWith?: TestApp;
}

/** A real server on a real database, listening on a random port. */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const dataDir = mkdtempSync(join(tmpdir(), "tb-test-"));
  const shared = options.shareDatabaseWith;
  let databaseUrl: string | undefined = shared?.config.databaseUrl;
  let dropDatabase = async () => {};
  if (testDb() === "mariadb" && !shared) {
    const name = `tb_test_${process.pid}_${randomBytes(4).toString("hex")}`;
    const admin = await createConnection(MYSQL_ADMIN_URL);
    await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    await admin.end();
    const url = new URL(MYSQL_ADMIN_URL);
    url.pathname = `/${name}`;
    databaseUrl = url.toString();
    dropDatabase = async () => {
      const conn = await createConnection(MYSQL_ADMIN_URL);
      await conn.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await conn.end();
    };
  }
  const config = loadConfig({
    DATA_DIR: shared?.config.dataDir ?? dataDir,
    SESSION_SECRET: shared?.config.sessionSecret ?? "test-secret",
    PUBLIC_URL: "http://console.test",
    STAFF_EMAILS: "staff@support.test",
    STRIPE_EMULATOR_PORT: "0",
    STRIPE_EMULATOR_STATE: "memory",
    // Test files sign up many accounts from one address; the limits have tests of their own.
    SIGNUPS_PER_IP_PER_HOUR: "100000",
    RATE_LIMIT_ANONYMOUS_PER_SECOND: "100000",
    ORGS_PER_USER: "100000",
    // Each test server its own Redis keys (where a test sets REDIS_URL).
    REDIS_KEY_PREFIX: `tb-test-${process.pid}-${randomBytes(4).toString("hex")}`,
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    ...options.env,
  });
  const cleanup = async () => {
    if (!shared) {
      await dropDatabase();
      rmSync(dataDir, { recursive: true, force: true });
    }
  };
  return startOn(config, options, 0, cleanup);
}

async function startOn(config: Config, options: TestAppOptions, port: number, cleanup: () => Promise<void>): Promise<TestApp> {
  const mail = new MemoryTransport();
  const app = await createApp({
    config,
    clock: options.clock ?? new OffsetClock(),
    mailTransport: options.defaultMail ? undefined : (options.mailTransport ?? mail),
    log: process.env.TEST_LOG ? (m: string, e?: unknown) => console.error(m, e ?? "") : () => {},
  });
  const url = await app.listen(port);
  return {
    app,
    url,
    config,
    mail,
    client: (clientOptions) => new GqlClient(url, clientOptions?.bearer),
    async close() {
      await app.close();
      await cleanup();
    },
    async restart() {
      const emulatorPort = app.services.gateway.emulator?.port ?? config.stripeEmulatorPort;
      await app.close();
      const again = { ...config, stripeEmulatorPort: emulatorPort };
      return startOn(again, { ...options, clock: undefined }, Number(new URL(url).port), cleanup);
    },
  };
}
