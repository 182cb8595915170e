import "reflect-metadata";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type App, createApp } from "../app";
import { loadConfig } from "../config";
import { PoolEntity } from "../entities";
import { load, recreateDatabase, roundsLine, table } from "./load";
import { benchCall, checkBooks, peakRssMb, recordUsageRounds, setUp, startServer } from "./server";

/**
 * The credits benchmark (issue 3), on MariaDB, one hot org, 64 concurrent callers:
 *  (a) the engine alone, in-process;  (b) recordUsage over HTTP to a server process;
 *  (c) `{ __typename }` over HTTP, the floor of the GraphQL stack;
 *  (d) a naive baseline: the same engine with one transaction per call (SELECT ... FOR UPDATE).
 * Then checks that the credits moved are exact. Env: BENCH_DATABASE_URL, BENCH_SECONDS, BENCH_ROUNDS, BENCH_CONCURRENCY,
 * BENCH_SERVER_MAIN (another build's server/dist/main.js, for an A/B).
 */
const DB_URL = process.env.BENCH_DATABASE_URL ?? "mariadb://root@127.0.0.1:3306/tb_bench";
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
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
  const charged: Record<string, number> = {};
  const engine = (label: string, a: App) => async (i: number) => {
    const result = await a.services.metering.record(hot.keyActor, benchCall(hot, i, label));
    charged[label] = (charged[label] ?? 0) + result.creditsCharged;
    return true;
  };

  const server = await startServer(PORT, { DATABASE_URL: DB_URL });
  try {
    const a = await load("(a) engine alone", CONCURRENCY, SECONDS, engine("a", app));
    const d = await load("(d) naive: a transaction per call", CONCURRENCY, SECONDS, engine("d", naive));
    const {
      rounds,
      charged: overHttp,
      perTransaction,
    } = await recordUsageRounds(PORT, hot, {
      concurrency: CONCURRENCY,
      seconds: SECONDS,
      rounds: ROUNDS,
    });
    const rss = peakRssMb(server.pid!);

    // Exactness: the pool moved by exactly what the calls were charged, and matches its ledger.
    const answered = Object.values(charged).reduce((x, y) => x + y, 0) + overHttp;
    const { moved, events, exact } = await checkBooks(app, hot.orgId, before, answered);

    console.log(
      `\nCredits benchmark: MariaDB, one hot org, ${CONCURRENCY} concurrent callers, ${SECONDS} s per run, ${ROUNDS} rounds of (b)\n`,
    );
    console.log(table([a, d, ...rounds.runs]));
    console.log(`
(b) / (c), each round against the floors before and after it: ${roundsLine(rounds.ratios)}   target ≥ 0.6
p99 of (b) / p99 of (c): ${roundsLine(rounds.p99Ratios)}   target ≤ 2
(a) / (d): ${(a.perSecond / d.perSecond).toFixed(1)}×   target ≥ 5×
p99 of (b) in ms: ${roundsLine(rounds.measured.map((m) => m.p99))}   target ≤ 50
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
