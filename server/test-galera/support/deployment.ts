import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, openSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createConnection } from "mysql2/promise";
import { checkBooks } from "../../test/support/books";
import { type TeamOrg, teamOrg } from "../../test/support/credits-fixture";
import { startTestApp, type TestApp } from "../../test/support/test-app";
import type { LoadOrg } from "./load";

export const SESSION_SECRET = "galera-suite-secret";

/**
 * How the suite's server processes are set: the server's defaults for retries and timeouts
 * (TX_RETRY_BUDGET_MS 5 s, DB_QUERY_TIMEOUT_MS 10 s, DB_CONNECT_TIMEOUT_MS 3 s), no rate limit
 * in the way of the load. GALERA_SERVER_ENV (JSON) adds to it, to try other settings.
 */
export const SERVER_ENV: Record<string, string> = {
  SESSION_SECRET,
  RATE_LIMIT_KEY_PER_SECOND: "1000000",
  ...(process.env.GALERA_SERVER_ENV ? (JSON.parse(process.env.GALERA_SERVER_ENV) as Record<string, string>) : {}),
};

/** The server settings the bounds below follow (the server's defaults unless GALERA_SERVER_ENV sets them). */
const setting = (name: string, fallback: number) => Number(SERVER_ENV[name] ?? fallback);
export const RETRY_BUDGET_MS = setting("TX_RETRY_BUDGET_MS", 5_000);

/**
 * The longest one request may take, healthy or not: a call's retry budget runs from its
 * arrival (it includes the wait for the batch ahead of it in its org's coalescer), a
 * transaction's connection may stay silent only until the budget runs out, and a last try
 * past it still gets one second (db/data-source.ts connectionDeadline); plus two seconds for
 * a machine this loaded to answer.
 */
export const REQUEST_BOUND_MS = RETRY_BUDGET_MS + 1_000 + 2_000;

/** The same bound holds while the node a server uses is dead or frozen (it was two query timeouts and two budgets). */
export const FAULT_BOUND_MS = REQUEST_BOUND_MS;

/** A request not answered in a minute is abandoned and counted as hung (the bound above is checked apart). */
export const HANG_MS = 60_000;

export interface ServerProcess {
  name: string;
  url: string;
  logFile: string;
  stop(): Promise<void>;
}

const MAIN = join(__dirname, "..", "..", "dist", "main.js");
let started = 0;

/**
 * A real server process (server/dist/main.js, built by `pnpm test:galera`) on `databaseUrl`,
 * its output kept in a log file (named in the report). `syncWait`: DB_SYNC_WAIT, for a
 * process whose reads must see what others wrote through other nodes.
 */
export async function serverProcess(name: string, databaseUrl: string, syncWait: boolean): Promise<ServerProcess> {
  // A random port may be taken by then (other servers run on this machine): a few tries.
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce(name, databaseUrl, syncWait);
    } catch (error) {
      if (attempt >= 3) throw error;
    }
  }
}

async function startOnce(name: string, databaseUrl: string, syncWait: boolean): Promise<ServerProcess> {
  if (!existsSync(MAIN)) throw new Error("server/dist/main.js is missing: run `pnpm test:galera` (it builds the server)");
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  const dataDir = mkdtempSync(join(tmpdir(), "tb-galera-proc-"));
  const logFile = join(dataDir, `server-${++started}.log`);
  const out = openSync(logFile, "a");
  const child = spawn(process.execPath, [MAIN], {
    env: {
      ...process.env,
      ...SERVER_ENV,
      PORT: String(port),
      DATA_DIR: dataDir,
      NODE_ENV: "production",
      STRIPE_EMULATOR_PORT: "0",
      DATABASE_URL: databaseUrl,
      DB_SYNC_WAIT: syncWait ? "1" : "",
    },
    stdio: ["ignore", out, out],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`server ${name} exited: see ${logFile}`);
    if (i > 300) throw new Error(`server ${name} did not start in 30 s: see ${logFile}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  console.log(`server ${name} on ${url}, log ${logFile}`);
  return {
    name,
    url,
    logFile,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

/** The process's transaction retries so far, by error (its `/metrics`, open to loopback). */
export async function retriesOf(p: ServerProcess): Promise<Record<string, number>> {
  const text = await (await fetch(`${p.url}/metrics`)).text();
  const retries: Record<string, number> = {};
  for (const m of text.matchAll(/^team_billing_transaction_retries_total\{error="([^"]*)"\} (\d+)/gm)) retries[m[1]] = Number(m[2]);
  return retries;
}

/** An in-process server on `databaseUrl`, for fixtures and checks (its reads wait for the cluster: support/env.ts). */
export function fixtureApp(databaseUrl: string, migrate = true): Promise<TestApp> {
  return startTestApp({ env: { DATABASE_URL: databaseUrl, MIGRATE_ON_START: migrate ? "true" : "false", SESSION_SECRET } });
}

/** A TEAM org with a metering key, topped up far beyond what a load run can spend. */
export async function loadOrg(t: TestApp): Promise<LoadOrg & { team: TeamOrg }> {
  const team = await teamOrg(t, { spaces: 4 });
  await t.app.db.transaction((em) => t.app.services.pools.creditTopUp(em, team.orgId, 100_000_000, "galera-load"));
  return {
    team,
    orgId: team.orgId,
    memberId: team.members[0].memberId,
    spaceIds: team.spaceIds,
    secret: (team.key as unknown as { bearer: string }).bearer,
  };
}

/** What is left in an org's pool, read on one node (or server) directly, after the cluster's last commit. */
export async function poolTotal(databaseUrl: string, orgId: string): Promise<number> {
  const conn = await createConnection(databaseUrl);
  try {
    await conn.query("SET SESSION wsrep_sync_wait = 1");
    const [rows] = await conn.query("SELECT topUpBalance + monthlyBalance AS total FROM pool WHERE orgId = ?", [orgId]);
    return Number((rows as { total: string | number }[])[0].total);
  } finally {
    await conn.end();
  }
}

/**
 * Support's ledger check (supportLedgerCheck, as staff over GraphQL) of every org, against
 * a server on each database URL in turn: answers the problems found, by URL (empty: clean).
 */
export async function ledgerCheckEverywhere(databaseUrls: string[], orgIds: string[]): Promise<Record<string, string[]>> {
  const found: Record<string, string[]> = {};
  for (const url of databaseUrls) {
    const t = await fixtureApp(url, false);
    try {
      for (const orgId of orgIds) {
        const check = await checkBooks(t, orgId);
        found[url] = [...(found[url] ?? []), ...check.problems.map((p) => `${orgId}: ${p}`)];
        if (!check.ok && check.problems.length === 0) found[url].push(`${orgId}: not ok`);
      }
    } finally {
      await t.close();
    }
  }
  return found;
}
