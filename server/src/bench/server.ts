import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { App } from "../app";
import { LedgerEntryEntity, PoolEntity, UsageEventEntity } from "../entities";
import type { Actor, UserActor } from "../common/actor";
import { alternate, jsonPoster, load, type Rounds } from "./load";

/** One hot org on ENTERPRISE with a billion top-up credits, four Spaces and a USAGE_WRITE key. */
export async function setUp(app: App) {
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

type Hot = Awaited<ReturnType<typeof setUp>>;

/** The i-th call of a run: 1 to 5 credits, the hot org's four Spaces in turn, a key of its own. */
export const benchCall = (hot: Hot, i: number, tag: string) => ({
  orgId: hot.orgId,
  memberId: hot.memberId,
  spaceId: hot.spaceIds[i % hot.spaceIds.length],
  model: "bench-model",
  credits: 1 + (i % 5),
  idempotencyKey: `${tag}-${i}`,
});

const RECORD = "mutation($input: RecordUsageInput!) { recordUsage(input: $input) { eventId creditsCharged poolRemaining } }";
const WARM_UP_SECONDS = 3;

/**
 * (b) recordUsage against (c) the floor, `{ __typename }`, over HTTP to the server on `port`
 * with the hot org's key, in alternating rounds (see `alternate`), after a warm-up (the
 * server's first seconds are its JIT's, not the product's). Returns the rounds, the credits
 * the calls were answered as charged, and the calls per transaction the server reports.
 */
export async function recordUsageRounds(port: number, hot: Hot, opts: { concurrency: number; seconds: number; rounds: number }) {
  const post = jsonPoster(port, "/graphql", { authorization: `Bearer ${hot.secret}` }, opts.concurrency) as (
    body: unknown,
  ) => Promise<{ data?: { recordUsage?: { creditsCharged: number } }; errors?: unknown[] }>;
  const floor = async () => !(await post({ query: "{ __typename }" })).errors;
  let charged = 0;
  const record = (tag: string) => async (i: number) => {
    const res = await post({ query: RECORD, variables: { input: benchCall(hot, i, tag) } });
    if (res.errors || !res.data?.recordUsage) throw new Error(`recordUsage failed: ${JSON.stringify(res.errors)}`);
    charged += res.data.recordUsage.creditsCharged;
    return true;
  };
  await load("warm-up floor", opts.concurrency, WARM_UP_SECONDS, floor);
  await load("warm-up recordUsage", opts.concurrency, WARM_UP_SECONDS, record("w"));
  const before = await serverBatchCalls(port);
  const rounds: Rounds = await alternate(
    opts.rounds,
    opts.concurrency,
    opts.seconds,
    { label: "(c) { __typename } over HTTP", fn: floor },
    { label: "(b) recordUsage over HTTP", fn: (round) => record(`b${round}`) },
  );
  const after = await serverBatchCalls(port);
  const perTransaction = (after.sum - before.sum) / Math.max(1, after.count - before.count);
  return { rounds, charged, perTransaction };
}

/** The server as `pnpm start` runs it, on `port`, with `env` (the database) over the bench's defaults. */
export async function startServer(PORT: number, env: Record<string, string>): Promise<ChildProcess> {
  // BENCH_SERVER_ARGS: extra node flags for the server process (e.g. --cpu-prof).
  const extra = (process.env.BENCH_SERVER_ARGS ?? "").split(" ").filter(Boolean);
  // As `pnpm start` runs it: a bounded heap (MAX_HEAP_MB), so V8 does not grow into idle headroom,
  // and 16 MB semi-spaces (the young generation scavenged less often).
  const heap = [`--max-old-space-size=${process.env.MAX_HEAP_MB ?? 192}`, "--max-semi-space-size=16"];
  // BENCH_SERVER_MAIN: another build's dist/main.js, to set two builds against each other on one database.
  const main = process.env.BENCH_SERVER_MAIN ?? join(__dirname, "..", "main.js");
  const child = spawn(process.execPath, [...heap, ...extra, main], {
    env: {
      ...process.env,
      PORT: String(PORT),
      DATA_DIR: mkdtempSync(join(tmpdir(), "tb-bench-")),
      SESSION_SECRET: "bench",
      NODE_ENV: "production",
      STRIPE_EMULATOR_PORT: "0",
      // The benchmark measures throughput, not the partner rate limit.
      RATE_LIMIT_KEY_PER_SECOND: "1000000",
      ...env,
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

export function peakRssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
}

/** The server's own count of calls charged and transactions (its /metrics, from loopback): their ratio is the batch size. */
export async function serverBatchCalls(port: number): Promise<{ sum: number; count: number }> {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  const value = (name: string) => Number(new RegExp(`^${name} (\\S+)$`, "m").exec(text)?.[1] ?? 0);
  return { sum: value("team_billing_usage_batch_calls_sum"), count: value("team_billing_usage_batch_calls_count") };
}

/**
 * Exactness after a run: the pool moved by exactly what the calls were answered as charged,
 * the events add up to the same, and the ledger sums to the pool's balance.
 */
export async function checkBooks(app: App, orgId: string, before: PoolEntity, answered: number) {
  const after = await app.db.manager.findOneByOrFail(PoolEntity, { orgId });
  const moved = before.topUpBalance + before.monthlyBalance - (after.topUpBalance + after.monthlyBalance);
  const events = await app.db.manager
    .createQueryBuilder(UsageEventEntity, "e")
    .select("COUNT(*)", "n")
    .addSelect("SUM(e.credits)", "credits")
    .where("e.orgId = :o", { o: orgId })
    .getRawOne<{ n: string; credits: string }>();
  const ledger = await app.db.manager
    .createQueryBuilder(LedgerEntryEntity, "l")
    .select("SUM(l.amount)", "total")
    .where("l.accountId = :o", { o: orgId })
    .getRawOne<{ total: string }>();
  const exact =
    moved === answered && Number(events?.credits) === answered && Number(ledger?.total) === after.topUpBalance + after.monthlyBalance;
  return { moved, events: Number(events?.n), exact };
}
