import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { App } from "../app";
import { LedgerEntryEntity, PoolEntity, UsageEventEntity } from "../entities";
import type { Actor, UserActor } from "../common/actor";

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

/** The server as `pnpm start` runs it, on `port`, with `env` (the database) over the bench's defaults. */
export async function startServer(PORT: number, env: Record<string, string>): Promise<ChildProcess> {
  // BENCH_SERVER_ARGS: extra node flags for the server process (e.g. --cpu-prof).
  const extra = (process.env.BENCH_SERVER_ARGS ?? "").split(" ").filter(Boolean);
  // As `pnpm start` runs it: a bounded heap (MAX_HEAP_MB), so V8 does not grow into idle headroom.
  const heap = `--max-old-space-size=${process.env.MAX_HEAP_MB ?? 192}`;
  const child = spawn(process.execPath, [heap, ...extra, join(__dirname, "..", "main.js")], {
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
