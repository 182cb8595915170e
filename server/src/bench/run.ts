import "reflect-metadata";
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type App, createApp } from "../app";
import { loadConfig } from "../config";
import { LedgerEntryEntity, PoolEntity, UsageEventEntity } from "../entities";
import type { Actor, UserActor } from "../common/actor";
import { jsonPoster, type LoadResult, load, recreateDatabase, table } from "./load";

/**
 * The credits benchmark (issue 3), on MariaDB, one hot org, 64 concurrent callers:
 *  (a) the engine alone, in-process;  (b) recordUsage over HTTP to a server process;
 *  (c) `{ __typename }` over HTTP, the floor of the GraphQL stack;
 *  (d) a naive baseline: the same engine with one transaction per call (SELECT ... FOR UPDATE).
 * Then checks that the credits moved are exact. Env: BENCH_DATABASE_URL, BENCH_SECONDS, BENCH_CONCURRENCY.
 */
const DB_URL = process.env.BENCH_DATABASE_URL ?? "mariadb://root@127.0.0.1:3306/tb_bench";
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 64);
const PORT = Number(process.env.BENCH_PORT ?? 4790);

async function setUp(app: App) {
  const s = app.services;
  const { user } = await s.auth.signUp(`bench-${Date.now()}@example.test`, "benchmark password", "Bench Owner", "127.0.0.1");
  const owner: UserActor = { kind: "user", user, isStaff: false, sessionTokenHash: "" };
  const org = await s.orgs.create(owner, "Hot org");
  const spaces = await Promise.all([0, 1, 2, 3].map((i) => s.spaces.create(owner, org.id, `Space ${i}`)));
  await s.pools.activatePlan({ kind: "anonymous" }, org.id, { plan: "ENTERPRISE", monthlyCredits: 0 });
  await app.db.transaction((em) => s.pools.creditTopUp(em, org.id, 1_000_000_000, "bench"));
  const { apiKey, secret } = await s.apiKeys.create(owner, org.id, "bench", ["USAGE_WRITE"]);
  const memberId = (await s.members.membershipOf(org.id, user.id))!.id;
  return { orgId: org.id, memberId, spaceIds: spaces.map((x) => x.id), secret, keyActor: { kind: "apiKey", apiKey } as Actor };
}

async function startServer(): Promise<ChildProcess> {
  // BENCH_SERVER_ARGS: extra node flags for the server process (e.g. --cpu-prof).
  const extra = (process.env.BENCH_SERVER_ARGS ?? "").split(" ").filter(Boolean);
  // As `pnpm start` runs it: a bounded heap (MAX_HEAP_MB), so V8 does not grow into idle headroom.
  const heap = `--max-old-space-size=${process.env.MAX_HEAP_MB ?? 192}`;
  const child = spawn(process.execPath, [heap, ...extra, join(__dirname, "..", "main.js")], {
    env: {
      ...process.env,
      DATABASE_URL: DB_URL,
      PORT: String(PORT),
      DATA_DIR: mkdtempSync(join(tmpdir(), "tb-bench-")),
      SESSION_SECRET: "bench",
      NODE_ENV: "production",
      STRIPE_EMULATOR_PORT: "0",
      // The benchmark measures throughput, not the partner rate limit.
      RATE_LIMIT_KEY_PER_SECOND: "1000000",
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${PORT}/healthz`)).ok) return child;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("the server did not start");
}

function peakRssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
}

async function main(): Promise<void> {
  await recreateDatabase(DB_URL);
  const config = loadConfig({
    DATABASE_URL: DB_URL,
    DATA_DIR: mkdtempSync(join(tmpdir(), "tb-bench-")),
    SESSION_SECRET: "bench",
    STRIPE_EMULATOR_PORT: "0",
  });
  const app = await createApp({ config, log: () => {} });
  const naive = await createApp({ config, log: () => {}, services: { coalesceUsage: false } });
  const hot = await setUp(app);
  const before = await app.db.manager.findOneByOrFail(PoolEntity, { orgId: hot.orgId });
  const call = (i: number, tag: string) => ({
    orgId: hot.orgId,
    memberId: hot.memberId,
    spaceId: hot.spaceIds[i % hot.spaceIds.length],
    model: "bench-model",
    credits: 1 + (i % 5),
    idempotencyKey: `${tag}-${i}`,
  });
  const charged: Record<string, number> = {};
  const engine = (label: string, a: App) => async (i: number) => {
    const result = await a.services.metering.record(hot.keyActor, call(i, label));
    charged[label] = (charged[label] ?? 0) + result.creditsCharged;
    return true;
  };

  const server = await startServer();
  const results: LoadResult[] = [];
  try {
    results.push(await load("(a) engine alone", CONCURRENCY, SECONDS, engine("a", app)));
    results.push(await load("(d) naive: a transaction per call", CONCURRENCY, SECONDS, engine("d", naive)));
    const post = jsonPoster(PORT, "/graphql", { authorization: `Bearer ${hot.secret}` }, CONCURRENCY) as (
      body: unknown,
    ) => Promise<{ data?: { recordUsage?: { creditsCharged: number } }; errors?: unknown[] }>;
    results.push(
      await load("(c) { __typename } over HTTP", CONCURRENCY, SECONDS, async () => !(await post({ query: "{ __typename }" })).errors),
    );
    const RECORD = "mutation($input: RecordUsageInput!) { recordUsage(input: $input) { eventId creditsCharged poolRemaining } }";
    results.push(
      await load("(b) recordUsage over HTTP", CONCURRENCY, SECONDS, async (i) => {
        const res = await post({ query: RECORD, variables: { input: call(i, "b") } });
        if (res.errors || !res.data?.recordUsage) throw new Error(`recordUsage failed: ${JSON.stringify(res.errors)}`);
        charged.b = (charged.b ?? 0) + res.data.recordUsage.creditsCharged;
        return true;
      }),
    );
    const rss = peakRssMb(server.pid!);

    // Exactness: the pool moved by exactly what the calls were charged, and matches its ledger.
    const after = await app.db.manager.findOneByOrFail(PoolEntity, { orgId: hot.orgId });
    const moved = before.topUpBalance + before.monthlyBalance - (after.topUpBalance + after.monthlyBalance);
    const answered = Object.values(charged).reduce((x, y) => x + y, 0);
    const events = await app.db.manager
      .createQueryBuilder(UsageEventEntity, "e")
      .select("COUNT(*)", "n")
      .addSelect("SUM(e.credits)", "credits")
      .where("e.orgId = :o", { o: hot.orgId })
      .getRawOne<{ n: string; credits: string }>();
    const ledger = await app.db.manager
      .createQueryBuilder(LedgerEntryEntity, "l")
      .select("SUM(l.amount)", "total")
      .where("l.accountId = :o", { o: hot.orgId })
      .getRawOne<{ total: string }>();
    const exact =
      moved === answered && Number(events?.credits) === answered && Number(ledger?.total) === after.topUpBalance + after.monthlyBalance;

    const [a, d, c, b] = results;
    console.log(`\nCredits benchmark: MariaDB, one hot org, ${CONCURRENCY} concurrent callers, ${SECONDS} s per run\n`);
    console.log(table(results));
    console.log(`
(b) / (c): ${(b.perSecond / c.perSecond).toFixed(2)}   target ≥ 0.5
(a) / (d): ${(a.perSecond / d.perSecond).toFixed(1)}×   target ≥ 5×
p99 of (b): ${b.p99.toFixed(1)} ms   target ≤ 50 ms
server peak RSS: ${rss.toFixed(0)} MB   target ≤ 250 MB
credits: ${answered.toLocaleString("en-US")} charged in ${Number(events?.n).toLocaleString("en-US")} events; the pool moved ${moved.toLocaleString("en-US")}; ledger ${exact ? "matches" : "DOES NOT match"}: ${exact ? "exact, no overdraft" : "NOT EXACT"}
`);
    if (!exact) process.exitCode = 1;
  } finally {
    server.kill("SIGTERM");
    await new Promise((resolve) => server.once("exit", resolve));
    await naive.close();
    await app.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
