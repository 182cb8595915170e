import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { Agent, request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Sqlite from "better-sqlite3";
import { createConnection } from "mysql2/promise";
import { SMTPServer } from "smtp-server";
import { createApp } from "../src/app";
import { migrate } from "../src/db/migrate";
import { setBuckets, teamOrg } from "./support/credits-fixture";
import { MemoryTransport, MYSQL_ADMIN_URL, startTestApp, type TestApp, testDb } from "./support/test-app";

const MAIN = join(__dirname, "..", "dist", "main.js");
const RECORD = "mutation RecordUsage($input: RecordUsageInput!) { recordUsage(input: $input) { eventId } }";

/** The number on the line of this sample in Prometheus text, 0 when absent. */
function sample(text: string, name: string): number {
  const line = text.split("\n").find((l) => l.startsWith(`${name} `));
  return line ? Number(line.slice(name.length + 1)) : 0;
}

describe("calls that arrive together", () => {
  let t: TestApp;
  afterEach(async () => t?.close());

  // On SQLite a batch's transaction never waits on I/O: without gathering, each call went alone.
  it("share transactions on either database (team_billing_usage_batch_calls)", async () => {
    t = await startTestApp();
    const team = await teamOrg(t);
    const before = await (await fetch(`${t.url}/metrics`)).text();
    const calls = Array.from({ length: 48 }, (_, i) =>
      team.key.request(RECORD, {
        input: {
          orgId: team.orgId,
          memberId: team.ownerMemberId,
          spaceId: team.spaceIds[i % 2],
          model: "m",
          credits: 1,
          idempotencyKey: `g${i}`,
        },
      }),
    );
    expect((await Promise.all(calls)).every((r) => r.errors === undefined)).toBe(true);
    const after = await (await fetch(`${t.url}/metrics`)).text();
    const delta = (name: string) => sample(after, name) - sample(before, name);
    expect(delta("team_billing_usage_batch_calls_sum")).toBe(48);
    // 48 calls sent at once go in a handful of transactions, not 48.
    expect(delta("team_billing_usage_batch_calls_count")).toBeLessThanOrEqual(12);
  });
});

describe("/readyz", () => {
  let t: TestApp;
  afterEach(async () => t?.close());

  it("answers 200 when the database answers and every migration ran", async () => {
    t = await startTestApp();
    const res = await fetch(`${t.url}/readyz`);
    expect({ status: res.status, body: await res.json() }).toEqual({ status: 200, body: { ok: true } });
    expect((await fetch(`${t.url}/healthz`)).status).toBe(200);
  });

  it("answers 503 naming the migrations while they are pending (MIGRATE_ON_START=off), 200 once `migrate` ran", async () => {
    t = await startTestApp({ env: { MIGRATE_ON_START: "off" } });
    const res = await fetch(`${t.url}/readyz`);
    expect({ status: res.status, body: await res.json() }).toEqual({
      status: 503,
      body: { ok: false, failed: { migrations: "migrations are pending: run `pnpm migrate`" } },
    });
    await migrate(t.app.db.dataSource, t.app.db.kind, t.config.dbMigrationTimeoutMs);
    expect((await fetch(`${t.url}/readyz`)).status).toBe(200);
  });

  it("in a process that runs jobs, answers 503 naming the jobs once the runner stopped", async () => {
    t = await startTestApp();
    const app = await createApp({ config: t.config, runJobs: true, mailTransport: new MemoryTransport(), log: () => {} });
    try {
      const url = await app.listen(0);
      expect((await fetch(`${url}/readyz`)).status).toBe(200);
      await app.jobs.stop();
      const res = await fetch(`${url}/readyz`);
      expect({ status: res.status, body: await res.json() }).toEqual({
        status: 503,
        body: { ok: false, failed: { jobs: "the job runner is not running" } },
      });
    } finally {
      await app.close();
    }
  });
});

describe("keep-alive", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  /** GET /healthz through `agent`; the local port of the connection it went over. */
  const get = (agent: Agent) =>
    new Promise<{ port: number; keepAlive: string | string[] | undefined }>((resolve, reject) => {
      const req = request(`${t.url}/healthz`, { agent }, (res) => {
        res.resume();
        res.on("end", () => resolve({ port: req.socket?.localPort ?? 0, keepAlive: res.headers["keep-alive"] }));
      });
      req.on("error", reject);
      req.end();
    });

  it("keeps an idle connection open past a load balancer's 60 s, so the balancer closes it, never the server under a request", async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const first = await get(agent);
      expect(first.keepAlive).toBe("timeout=65");
      // Past Node's default of 5 s: the server would have closed this connection by now.
      await new Promise((resolve) => setTimeout(resolve, 5_500));
      expect((await get(agent)).port).toBe(first.port);
    } finally {
      agent.destroy();
    }
  });
});

describe("/metrics", () => {
  let t: TestApp;
  afterEach(async () => t?.close());

  it("counts recordUsage outcomes by code and times requests by operation name", async () => {
    t = await startTestApp();
    const team = await teamOrg(t);
    const before = await (await fetch(`${t.url}/metrics`)).text();
    const input = (k: string) => ({
      orgId: team.orgId,
      memberId: team.ownerMemberId,
      spaceId: team.spaceIds[0],
      model: "m",
      credits: 5,
      idempotencyKey: k,
    });
    expect((await team.key.request(RECORD, { input: input("a") })).errors).toBeUndefined();
    await setBuckets(t.app, team.orgId, { topUp: 0, monthly: 0 });
    expect((await team.key.request(RECORD, { input: input("b") })).errors?.[0]?.extensions?.code).toBe("BILLING_POOL_EXHAUSTED");

    const res = await fetch(`${t.url}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/plain");
    const after = await res.text();
    const delta = (name: string) => sample(after, name) - sample(before, name);
    expect(delta('team_billing_record_usage_total{outcome="admitted"}')).toBe(1);
    expect(delta('team_billing_record_usage_total{outcome="BILLING_POOL_EXHAUSTED"}')).toBe(1);
    expect(delta('team_billing_graphql_request_duration_seconds_count{operation="RecordUsage"}')).toBe(2);
    // Read at scrape time from this server's database and jobs, and Node's own.
    // The sign-ups' verification mails wait in the outbox until the "mail" job sends them.
    expect(sample(after, 'team_billing_outbox_depth{outbox="mail"}')).toBeGreaterThan(0);
    await t.app.jobs.runNow(["mail"]);
    expect(sample(await (await fetch(`${t.url}/metrics`)).text(), 'team_billing_outbox_depth{outbox="mail"}')).toBe(0);
    expect(after).toContain('team_billing_outbox_depth{outbox="seat_sync"}');
    expect(after).toContain('team_billing_job_lag_seconds{job="mail"}');
    expect(after).toContain('team_billing_db_pool_connections{state="in_use"}');
    expect(after).toContain("team_billing_transaction_retries_total");
    expect(after).toContain('team_billing_outbox_depth{outbox="webhooks"}');
    expect(after).toContain("team_billing_process_cpu_user_seconds_total");
  });

  it("is served to loopback only, never through a proxy, unless METRICS_TOKEN is given as a Bearer token", async () => {
    t = await startTestApp();
    const proxied = await fetch(`${t.url}/metrics`, { headers: { "X-Forwarded-For": "203.0.113.7" } });
    expect({
      status: proxied.status,
      code: ((await proxied.json()) as { errors: { extensions: { code: string } }[] }).errors[0].extensions.code,
    }).toEqual({ status: 403, code: "FORBIDDEN" });
    await t.close();

    t = await startTestApp({ env: { METRICS_TOKEN: "scrape-secret" } });
    expect((await fetch(`${t.url}/metrics`)).status).toBe(403);
    expect((await fetch(`${t.url}/metrics`, { headers: { Authorization: "Bearer wrong-secret" } })).status).toBe(403);
    const ok = await fetch(`${t.url}/metrics`, { headers: { Authorization: "Bearer scrape-secret", "X-Forwarded-For": "203.0.113.7" } });
    expect(ok.status).toBe(200);
  });
});

/** A fresh database for a server process, readable from here. */
async function freshDatabase() {
  const dataDir = mkdtempSync(join(tmpdir(), "tb-op-"));
  if (testDb() === "sqlite") {
    const file = join(dataDir, "team-billing.sqlite");
    return {
      env: { DATA_DIR: dataDir },
      leases: async () => {
        const db = new Sqlite(file, { readonly: true });
        try {
          return db.prepare("SELECT name, holder FROM job_lease").all() as { name: string; holder: string | null }[];
        } finally {
          db.close();
        }
      },
      drop: async () => rmSync(dataDir, { recursive: true, force: true }),
    };
  }
  const name = `tb_test_op_${process.pid}_${randomBytes(4).toString("hex")}`;
  const admin = await createConnection(MYSQL_ADMIN_URL);
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await admin.end();
  const url = new URL(MYSQL_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    env: { DATA_DIR: dataDir, DATABASE_URL: url.toString() },
    leases: async () => {
      const db = await createConnection(url.toString());
      const [rows] = await db.query("SELECT name, holder FROM job_lease");
      await db.end();
      return rows as { name: string; holder: string | null }[];
    },
    drop: async () => {
      const db = await createConnection(MYSQL_ADMIN_URL);
      await db.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await db.end();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** An SMTP receiver that holds every message until released: a "mail" job run that does not end. */
async function stallingSmtp() {
  let gotMessage: () => void = () => {};
  const received = new Promise<void>((resolve) => {
    gotMessage = resolve;
  });
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onData(stream) {
      stream.resume();
      gotMessage(); // and never call back
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.server.address() as { port: number }).port;
  return { url: `smtp://127.0.0.1:${port}?ignoreTLS=true`, received, close: () => new Promise<void>((r) => server.close(() => r())) };
}

const until = async (check: () => Promise<boolean>) => {
  while (!(await check())) await new Promise((r) => setTimeout(r, 50));
};

describe("graceful shutdown on SIGTERM", () => {
  it("finishes the request in flight with 200, gives up the job leases and exits 0", async () => {
    const db = await freshDatabase();
    const smtp = await stallingSmtp();
    const port = 20_000 + Math.floor(Math.random() * 20_000);
    const url = `http://127.0.0.1:${port}`;
    let child: ChildProcess | undefined;
    try {
      child = spawn(process.execPath, [MAIN], {
        env: {
          ...process.env,
          ...db.env,
          PORT: String(port),
          NODE_ENV: "production",
          STRIPE_EMULATOR_PORT: "0",
          SESSION_SECRET: "shutdown-secret",
          SMTP_URL: smtp.url,
          SHUTDOWN_TIMEOUT_MS: "1500",
        },
        stdio: ["ignore", "pipe", "pipe"],
      });
      const proc = child;
      let stdout = "";
      proc.stdout?.on("data", (chunk) => (stdout += chunk));
      const exited = new Promise<number | null>((resolve) => proc.once("exit", (code) => resolve(code)));
      await until(async () => (await fetch(`${url}/readyz`).catch(() => undefined))?.status === 200);

      // A sign-up queues its verification mail; the "mail" job takes its lease and hangs on SMTP.
      const signUp = 'mutation { signUp(email: "down@example.test", password: "correct horse battery", name: "Down") { id } }';
      const signedUp = await fetch(`${url}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ query: signUp }),
      });
      expect(signedUp.status).toBe(200);
      await smtp.received;
      expect((await db.leases()).find((l) => l.name === "mail")?.holder).toEqual(expect.any(String));

      // A request whose body is still coming when the signal arrives.
      const body = JSON.stringify({ query: "{ __typename }" });
      const slow = request(`${url}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) },
      });
      const answered = new Promise<{ status: number; body: string }>((resolve, reject) => {
        slow.on("response", (res) => {
          let text = "";
          res.on("data", (c) => (text += c));
          res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text }));
        });
        slow.on("error", reject);
      });
      slow.write(body.slice(0, 10));
      // In flight: the server counts it (this scrape is the other one).
      await until(async () => sample(await (await fetch(`${url}/metrics`)).text(), "team_billing_http_requests_in_flight") === 2);

      proc.kill("SIGTERM");
      await until(async () => stdout.includes("SIGTERM: shutting down"));
      slow.end(body.slice(10));

      expect(await answered).toEqual({ status: 200, body: `${JSON.stringify({ data: { __typename: "Query" } })}\n` });
      expect(await exited).toBe(0);
      expect((await db.leases()).filter((l) => l.holder !== null)).toEqual([]);
    } finally {
      if (child && child.exitCode === null) child.kill("SIGKILL");
      await smtp.close();
      await db.drop();
    }
  });
});
