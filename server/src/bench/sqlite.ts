import "reflect-metadata";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createApp } from "../app";
import { loadConfig } from "../config";
import { PoolEntity } from "../entities";
import { roundsLine, table } from "./load";
import { checkBooks, peakRssMb, recordUsageRounds, setUp, startServer } from "./server";

/**
 * The credits benchmark on the embedded default (issue 16): SQLite, one hot org, 64
 * concurrent callers, the server as its own process on a fresh DATA_DIR. (c) `{ __typename }`
 * is the floor and (b) `recordUsage` is set against it, in alternating rounds (the median
 * is the figure). Then the books are checked: the credits moved equal the credits answered
 * and the ledger. Env: BENCH_SECONDS, BENCH_ROUNDS, BENCH_CONCURRENCY, BENCH_PORT,
 * BENCH_SERVER_ARGS (e.g. --cpu-prof),
 * BENCH_SERVER_MAIN (another build's server/dist/main.js, for an A/B).
 */
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 64);
const PORT = Number(process.env.BENCH_PORT ?? 4791);

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), "tb-bench-sqlite-"));
  const config = loadConfig({ DATA_DIR: dataDir, SESSION_SECRET: "bench", STRIPE_EMULATOR_PORT: "0" });
  let app = await createApp({ config, log: () => {} });
  const hot = await setUp(app);
  const before = await app.db.manager.findOneByOrFail(PoolEntity, { orgId: hot.orgId });
  await app.close();

  const server = await startServer(PORT, { DATA_DIR: dataDir });
  let run: Awaited<ReturnType<typeof recordUsageRounds>>;
  let rss = 0;
  try {
    run = await recordUsageRounds(PORT, hot, { concurrency: CONCURRENCY, seconds: SECONDS, rounds: ROUNDS });
    rss = peakRssMb(server.pid as number);
  } finally {
    server.kill("SIGTERM");
    await new Promise((resolve) => server.once("exit", resolve));
  }

  app = await createApp({ config, log: () => {} });
  try {
    const { rounds, charged, perTransaction } = run;
    const { moved, events, exact } = await checkBooks(app, hot.orgId, before, charged);
    console.log(
      `\nCredits benchmark: SQLite (the embedded default), one hot org, ${CONCURRENCY} concurrent callers, ${ROUNDS} rounds of ${SECONDS} s\n`,
    );
    console.log(table(rounds.runs));
    console.log(`
(b) / (c), each round against the floors before and after it: ${roundsLine(rounds.ratios)}   target ≥ 0.5
p99 of (b) / p99 of (c): ${roundsLine(rounds.p99Ratios)}   target ≤ 2
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
