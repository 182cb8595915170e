import "reflect-metadata";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type App, createApp } from "../app";
import { loadConfig } from "../config";
import { PoolEntity } from "../entities";
import { jsonPoster, type LoadResult, load, recreateDatabase, table } from "./load";
import { checkBooks, peakRssMb, serverBatchCalls, setUp, startServer } from "./server";

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

  const server = await startServer(PORT, { DATABASE_URL: DB_URL });
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
    const batchesBefore = await serverBatchCalls(PORT);
    results.push(
      await load("(b) recordUsage over HTTP", CONCURRENCY, SECONDS, async (i) => {
        const res = await post({ query: RECORD, variables: { input: call(i, "b") } });
        if (res.errors || !res.data?.recordUsage) throw new Error(`recordUsage failed: ${JSON.stringify(res.errors)}`);
        charged.b = (charged.b ?? 0) + res.data.recordUsage.creditsCharged;
        return true;
      }),
    );
    const batchesAfter = await serverBatchCalls(PORT);
    const perTransaction = (batchesAfter.sum - batchesBefore.sum) / Math.max(1, batchesAfter.count - batchesBefore.count);
    const rss = peakRssMb(server.pid!);

    // Exactness: the pool moved by exactly what the calls were charged, and matches its ledger.
    const answered = Object.values(charged).reduce((x, y) => x + y, 0);
    const { moved, events, exact } = await checkBooks(app, hot.orgId, before, answered);

    const [a, d, c, b] = results;
    console.log(`\nCredits benchmark: MariaDB, one hot org, ${CONCURRENCY} concurrent callers, ${SECONDS} s per run\n`);
    console.log(table(results));
    console.log(`
(b) / (c): ${(b.perSecond / c.perSecond).toFixed(2)}   target ≥ 0.5
(a) / (d): ${(a.perSecond / d.perSecond).toFixed(1)}×   target ≥ 5×
p99 of (b): ${b.p99.toFixed(1)} ms   target ≤ 50 ms
calls per transaction in (b): ${perTransaction.toFixed(1)}
server peak RSS: ${rss.toFixed(0)} MB   target ≤ 250 MB
credits: ${answered.toLocaleString("en-US")} charged in ${events.toLocaleString("en-US")} events; the pool moved ${moved.toLocaleString("en-US")}; ledger ${exact ? "matches" : "DOES NOT match"}: ${exact ? "exact, no overdraft" : "NOT EXACT"}
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
