import "reflect-metadata";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type App, createApp } from "../app";
import { loadConfig } from "../config";
import { SubscriptionEntity } from "../entities";
import type { Actor, UserActor } from "../common/actor";
import { type LoadResult, load, recreateDatabase, table } from "./load";

/**
 * A slow Stripe must not hold the database hostage (issue 12, item 5). On MariaDB, 64
 * concurrent callers run recordUsage (the engine, in-process) for BENCH_SECONDS while
 * BENCH_INFLIGHT webhook syncs (`syncSubscription`, through `Database.exclusive`) wait on a
 * Stripe that answers 10 s late (the emulator's latency mode). Three runs:
 *  (a) Stripe fast, nothing in flight;  (b) Stripe slow, syncs in flight through `exclusive`;
 *  (c) the same syncs the way `exclusive` did them before: a transaction and row lock held
 *      across the Stripe read (so each pins one of the pool's 20 connections for 10 s).
 * Env: BENCH_DATABASE_URL_SLOW, BENCH_SECONDS (8), BENCH_CONCURRENCY (64), BENCH_INFLIGHT (24), BENCH_LATENCY_MS (10000).
 */
const DB_URL = process.env.BENCH_DATABASE_URL_SLOW ?? "mariadb://root@127.0.0.1:3306/tb_bench_slow";
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 64);
const INFLIGHT = Number(process.env.BENCH_INFLIGHT ?? 24);
const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 10_000);

async function setUp(app: App) {
  const s = app.services;
  const { user } = await s.auth.signUp(`bench-${Date.now()}@example.test`, "benchmark password", "Bench Owner", "127.0.0.1");
  const owner: UserActor = { kind: "user", user, isStaff: false, sessionTokenHash: "" };
  const org = await s.orgs.create(owner, "Hot org");
  const space = await s.spaces.create(owner, org.id, "Space");
  await s.pools.activatePlan({ kind: "anonymous" }, org.id, { plan: "ENTERPRISE", monthlyCredits: 0 });
  await app.db.transaction((em) => s.pools.creditTopUp(em, org.id, 1_000_000_000, "bench"));
  const { apiKey } = await s.apiKeys.create(owner, org.id, "bench", ["USAGE_WRITE"]);
  const memberId = (await s.members.membershipOf(org.id, user.id))?.id as string;
  return { orgId: org.id, memberId, spaceId: space.id, keyActor: { kind: "apiKey", apiKey } as Actor };
}

async function main(): Promise<void> {
  await recreateDatabase(DB_URL);
  const config = loadConfig({
    DATABASE_URL: DB_URL,
    DATA_DIR: mkdtempSync(join(tmpdir(), "tb-bench-")),
    SESSION_SECRET: "bench",
    STRIPE_EMULATOR_PORT: "0",
    STRIPE_EMULATOR_STATE: "memory",
  });
  const app = await createApp({ config, log: () => {} });
  const emulator = app.services.gateway.emulator;
  if (!emulator) throw new Error("the benchmark runs against the in-process emulator (leave STRIPE_SECRET_KEY unset)");
  const hot = await setUp(app);
  const record = (label: string) => async (i: number) => {
    await app.services.metering.record(hot.keyActor, {
      orgId: hot.orgId,
      memberId: hot.memberId,
      spaceId: hot.spaceId,
      model: "bench-model",
      credits: 1 + (i % 5),
      idempotencyKey: `${label}-${i}`,
    });
    return true;
  };
  const stripe = app.services.gateway.stripe;
  // Webhooks in flight: each re-reads a subscription from the slow Stripe (unknown ids answer 404, late).
  const viaExclusive = (i: number) => app.services.webhooks.syncSubscription(`sub_bench_${i}`).catch(() => undefined);
  const holdingTransaction = (i: number) =>
    app.db
      .transaction(async (em) => {
        await em
          .createQueryBuilder(SubscriptionEntity, "r")
          .setLock("pessimistic_write")
          .where("r.id = :id", { id: `sub_old_${i}` })
          .getOne();
        await stripe.subscriptions.retrieve(`sub_old_${i}`);
      })
      .catch(() => undefined);

  const results: LoadResult[] = [];
  const during = async (label: string, inflight: (i: number) => Promise<unknown>) => {
    emulator.setLatency(LATENCY_MS);
    // Keep INFLIGHT syncs waiting on Stripe for the whole run: each one ended is replaced.
    let stop = false;
    const keep = Array.from({ length: INFLIGHT }, async (_, slot) => {
      for (let n = 0; !stop; n++) await inflight(slot * 1_000 + n);
    });
    await new Promise((r) => setTimeout(r, 300)); // all in flight
    results.push(await load(label, CONCURRENCY, SECONDS, record(label)));
    stop = true;
    emulator.setLatency(0);
    await Promise.all(keep);
  };
  results.push(await load("(a) Stripe fast, nothing in flight", CONCURRENCY, SECONDS, record("a")));
  await during(`(b) Stripe ${LATENCY_MS / 1000} s late, ${INFLIGHT} webhook syncs in flight (exclusive)`, viaExclusive);
  await during(`(c) same, transaction held across the Stripe read (before)`, holdingTransaction);

  console.log(`\nSlow Stripe: MariaDB, ${CONCURRENCY} concurrent recordUsage callers (in-process), ${SECONDS} s per run\n`);
  console.log(table(results));
  await app.close();
  await recreateDatabase(DB_URL);
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
