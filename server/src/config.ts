import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { type Catalog, loadCatalog, normalizeEmail } from "@team-billing/shared";
import { MIN_KEY_LENGTH } from "./common/secret-box";

/** Everything the server reads from its environment, parsed once (README lists each). */
export interface Config {
  port: number;
  publicUrl: string;
  databaseUrl: string | undefined;
  dataDir: string;
  staffEmails: ReadonlySet<string>;
  smtpUrl: string | undefined;
  mailFrom: string;
  salesEmail: string | undefined;
  stripeSecretKey: string | undefined;
  stripeWebhookSecret: string | undefined;
  /** Another Stripe API host for STRIPE_SECRET_KEY (a standalone emulator); unset: Stripe itself. */
  stripeApiUrl: string | undefined;
  stripeEmulatorPort: number;
  /** How long one Stripe API call may take before it fails (and is retried by its caller). */
  stripeTimeoutMs: number;
  /** Where the embedded emulator keeps its state across restarts; undefined: memory only. */
  stripeEmulatorState: string | undefined;
  devTools: boolean;
  sessionSecret: string;
  /** Encrypts the secrets stored in the database that must be read back (webhook signing secrets). */
  dataEncryptionKey: string;
  catalog: Catalog;
  /** Serve the built console from this folder when it exists. */
  consoleDir: string;
  logQueries: boolean;
  /** Requests per second per API key and per signed-in user (bursts of ten seconds' worth). */
  rateLimitKeyPerSecond: number;
  rateLimitUserPerSecond: number;
  /** Operations per second per client address for callers who are not signed in. */
  rateLimitAnonymousPerSecond: number;
  signUpsPerIpPerHour: number;
  invitationsPerOrgPerDay: number;
  orgsPerUser: number;
  /** NODE_ENV=production: dev defaults off. */
  production: boolean;
  /** Shared rate limits and revoked-key cache across processes; unset: per process. */
  redisUrl: string | undefined;
  /** Prefix of every Redis key and channel (several deployments may share one Redis). */
  redisKeyPrefix: string;
  /** How many proxies in front of us to trust for X-Forwarded-For (the client address of limits). */
  trustProxy: number;
  /** Run pending migrations (under the database-held lock) when the server starts. */
  migrateOnStart: boolean;
  /** `/metrics` from anywhere with this Bearer token; unset: from loopback only. */
  metricsToken: string | undefined;
  /** How long one transaction may keep retrying deadlocks, lock waits and node trouble. */
  txRetryBudgetMs: number;
  /** MySQL: opening a connection; a checked-out connection's silence (or the wait for one); lock waits. */
  dbConnectTimeoutMs: number;
  dbQueryTimeoutMs: number;
  dbLockWaitTimeoutS: number;
  /** MySQL: how long one migration statement may run (0: without limit); the query timeout does not apply. */
  dbMigrationTimeoutMs: number;
  /** On SIGTERM: how long in-flight requests and jobs may take before the process exits anyway. */
  shutdownTimeoutMs: number;
  /** Outbound webhooks may go to private and loopback addresses, over plain http too (on with dev tools). */
  webhookAllowPrivate: boolean;
  /** How long one webhook delivery may take (connect to last byte) before it counts as failed. */
  webhookTimeoutMs: number;
}

type Env = Record<string, string | undefined>;

export function loadConfig(env: Env = process.env): Config {
  const port = intVar(env, "PORT", 4000);
  const dataDir = resolve(env.DATA_DIR || "./data");
  const stripeSecretKey = env.STRIPE_SECRET_KEY || undefined;
  const production = env.NODE_ENV === "production";
  const sessionSecret = env.SESSION_SECRET || persistedSecret(dataDir);
  // Dev tools move the billing clock: on by default only for a local trial (the emulator, not production).
  const devTools = boolVar(env, "DEV_TOOLS", stripeSecretKey === undefined && !production);
  return {
    port,
    publicUrl: (env.PUBLIC_URL || `http://localhost:${port}`).replace(/\/+$/, ""),
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir,
    staffEmails: new Set(
      (env.STAFF_EMAILS ?? "")
        .split(",")
        .map((e) => normalizeEmail(e))
        .filter(Boolean),
    ),
    smtpUrl: env.SMTP_URL || undefined,
    mailFrom: env.MAIL_FROM || "Team Billing <billing@localhost>",
    salesEmail: env.SALES_EMAIL || undefined,
    stripeSecretKey,
    stripeWebhookSecret: env.STRIPE_WEBHOOK_SECRET || undefined,
    stripeApiUrl: env.STRIPE_API_URL || undefined,
    stripeEmulatorPort: intVar(env, "STRIPE_EMULATOR_PORT", 12111),
    stripeTimeoutMs: intVar(env, "STRIPE_TIMEOUT_MS", 20_000),
    stripeEmulatorState:
      env.STRIPE_EMULATOR_STATE === "memory" ? undefined : resolve(env.STRIPE_EMULATOR_STATE || join(dataDir, "stripe-emulator.json")),
    devTools,
    sessionSecret,
    dataEncryptionKey: encryptionKey(env, sessionSecret),
    catalog: loadCatalog(env.CATALOG_JSON),
    consoleDir: resolve(env.CONSOLE_DIR || join(__dirname, "..", "..", "console", "dist")),
    logQueries: boolVar(env, "LOG_QUERIES", false),
    rateLimitKeyPerSecond: intVar(env, "RATE_LIMIT_KEY_PER_SECOND", 100),
    rateLimitUserPerSecond: intVar(env, "RATE_LIMIT_USER_PER_SECOND", 20),
    rateLimitAnonymousPerSecond: intVar(env, "RATE_LIMIT_ANONYMOUS_PER_SECOND", 5),
    signUpsPerIpPerHour: intVar(env, "SIGNUPS_PER_IP_PER_HOUR", 20),
    invitationsPerOrgPerDay: intVar(env, "INVITATIONS_PER_ORG_PER_DAY", 200),
    orgsPerUser: intVar(env, "ORGS_PER_USER", 50),
    production,
    redisUrl: env.REDIS_URL || undefined,
    redisKeyPrefix: env.REDIS_KEY_PREFIX || "tb",
    trustProxy: intVar(env, "TRUST_PROXY", 0),
    migrateOnStart: boolVar(env, "MIGRATE_ON_START", true),
    metricsToken: env.METRICS_TOKEN || undefined,
    shutdownTimeoutMs: intVar(env, "SHUTDOWN_TIMEOUT_MS", 10_000),
    webhookAllowPrivate: boolVar(env, "WEBHOOK_ALLOW_PRIVATE", devTools),
    webhookTimeoutMs: intVar(env, "WEBHOOK_TIMEOUT_MS", 10_000),
    txRetryBudgetMs: intVar(env, "TX_RETRY_BUDGET_MS", 5_000),
    dbConnectTimeoutMs: intVar(env, "DB_CONNECT_TIMEOUT_MS", 3_000),
    dbQueryTimeoutMs: intVar(env, "DB_QUERY_TIMEOUT_MS", 10_000),
    dbLockWaitTimeoutS: intVar(env, "DB_LOCK_WAIT_TIMEOUT_S", 5),
    dbMigrationTimeoutMs: intVar(env, "DB_MIGRATION_TIMEOUT_MS", 3_600_000),
  };
}

function intVar(env: Env, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < 0) throw new Error(`${name} must be a non-negative integer, got "${raw}"`);
  return value;
}

function boolVar(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name]?.toLowerCase();
  if (raw === undefined || raw === "") return fallback;
  if (["1", "true", "on", "yes"].includes(raw)) return true;
  if (["0", "false", "off", "no"].includes(raw)) return false;
  throw new Error(`${name} must be on or off, got "${raw}"`);
}

/**
 * What seals stored secrets (see SecretBox): DATA_ENCRYPTION_KEY, or else the session secret
 * (SecretBox derives a key of its own from it), so processes that share SESSION_SECRET, as
 * they must, read each other's sealed secrets with nothing more to set.
 */
function encryptionKey(env: Env, sessionSecret: string): string {
  const key = env.DATA_ENCRYPTION_KEY;
  if (!key) return sessionSecret;
  if (key.length < MIN_KEY_LENGTH)
    throw new Error(`DATA_ENCRYPTION_KEY must be at least ${MIN_KEY_LENGTH} characters (32 random bytes in base64, say)`);
  return key;
}

/** A secret generated on first start and kept under DATA_DIR, so sessions survive restarts. */
function persistedSecret(dataDir: string): string {
  const file = join(dataDir, "session-secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
