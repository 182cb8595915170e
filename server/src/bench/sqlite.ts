import "reflect-metadata";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createApp } from "../app";
import { loadConfig } from "../config";
import { PoolEntity } from "../entities";
import { jsonPoster, type LoadResult, load, table } from "./load";
import { checkBooks, peakRssMb, serverBatchCalls, setUp, startServer } from "./server";

/**
 * The credits benchmark on the embedded default (issue 16): SQLite, one hot org, 64
 * concurrent callers, the server as its own process on a fresh DATA_DIR. (c) `{ __typename }`
 * is the floor; (b) `recordUsage`; the floor again after, so a drift of the machine shows.
 * Then the books are checked: the credits moved equal the credits answered and the ledger.
 * Env: BENCH_SECONDS, BENCH_CONCURRENCY, BENCH_PORT, BENCH_SERVER_ARGS (e.g. --cpu-prof).
 */
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 64);
const PORT = Number(process.env.BENCH_PORT ?? 4791);
const WARM_UP_SECONDS = 3;

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), "tb-bench-sqlite-"));
  const config = loadConfig({ DATA_DIR: dataDir, SESSION_SECRET: "bench", STRIPE_EMULATOR_PORT: "0" });
  let app = await createApp({ config, log: () => {} });
  const hot = await setUp(app);
  const before = await app.db.manager.findOneByOrFail(PoolEntity, { orgId: hot.orgId });
  await app.close();

  let charged = 0;
  const results: LoadResult[] = [];
  const server = await startServer(PORT, { DATA_DIR: dataDir });
  let rss = 0;
  let perTransaction = 0;
  const batchCalls = () => serverBatchCalls(PORT);
  try {
    const post = jsonPoster(PORT, "/graphql", { authorization: `Bearer ${hot.secret}` }, CONCURRENCY) as (
      body: unknown,
    ) => Promise<{ data?: { recordUsage?: { creditsCharged: number } }; errors?: unknown[] }>;
    const floor = (label: string) => load(label, CONCURRENCY, SECONDS, async () => !(await post({ query: "{ __typename }" })).errors);
    const RECORD = "mutation($input: RecordUsageInput!) { recordUsage(input: $input) { eventId creditsCharged poolRemaining } }";
    const record = (tag: string) => async (i: number) => {
      const input = {
        orgId: hot.orgId,
        memberId: hot.memberId,
        spaceId: hot.spaceIds[i % hot.spaceIds.length],
        model: "bench-model",
        credits: 1 + (i % 5),
        idempotencyKey: `${tag}-${i}`,
      };
      const res = await post({ query: RECORD, variables: { input } });
      if (res.errors || !res.data?.recordUsage) throw new Error(`recordUsage failed: ${JSON.stringify(res.errors)}`);
      charged += res.data.recordUsage.creditsCharged;
      return true;
    };
    // Warm-up (not reported): the server's first seconds are its JIT's, not the product's.
    await load("warm-up floor", CONCURRENCY, WARM_UP_SECONDS, async () => !(await post({ query: "{ __typename }" })).errors);
    await load("warm-up recordUsage", CONCURRENCY, WARM_UP_SECONDS, record("w"));
    results.push(await floor("(c) { __typename } over HTTP"));
    const before = await batchCalls();
    results.push(await load("(b) recordUsage over HTTP", CONCURRENCY, SECONDS, record("b")));
    const after = await batchCalls();
    perTransaction = (after.sum - before.sum) / Math.max(1, after.count - before.count);
    results.push(await floor("(c') the floor again"));
    rss = peakRssMb(server.pid as number);
  } finally {
    server.kill("SIGTERM");
    await new Promise((resolve) => server.once("exit", resolve));
  }

  app = await createApp({ config, log: () => {} });
  try {
    const { moved, events, exact } = await checkBooks(app, hot.orgId, before, charged);
    const [c, b, c2] = results;
    const floorRate = (c.perSecond + c2.perSecond) / 2;
    const floorP99 = Math.max(c.p99, c2.p99);
    console.log(
      `\nCredits benchmark: SQLite (the embedded default), one hot org, ${CONCURRENCY} concurrent callers, ${SECONDS} s per run\n`,
    );
    console.log(table(results));
    console.log(`
(b) / (c): ${(b.perSecond / floorRate).toFixed(2)}   target ≥ 0.5 (the floor: the mean of the runs before and after)
p99 of (b) / p99 of (c): ${(b.p99 / floorP99).toFixed(2)}
calls per transaction in (b): ${perTransaction.toFixed(1)}
server peak RSS: ${rss.toFixed(0)} MB
credits: ${charged.toLocaleString("en-US")} charged in ${events.toLocaleString("en-US")} events; the pool moved ${moved.toLocaleString("en-US")}; ledger ${exact ? "matches: exact, no overdraft" : "DOES NOT match: NOT EXACT"}
`);
    if (!exact) process.exitCode = 1;
  } finally {
    await app.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
