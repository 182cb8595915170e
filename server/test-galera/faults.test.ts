import { setTimeout as sleep } from "node:timers/promises";
import { performance } from "node:perf_hooks";
import type { TestApp } from "../test/support/test-app";
import { activeNode, createClusterDatabase, haproxyUrl, NODES, node, nodeUrl } from "./support/cluster";
import {
  fixtureApp,
  ledgerCheckEverywhere,
  loadOrg,
  poolTotal,
  FAULT_BOUND_MS,
  HANG_MS,
  retriesOf,
  type ServerProcess,
  serverProcess,
} from "./support/deployment";
import { describeLoad, LOAD_TABLE_HEAD, type LoadOrg, runLoad } from "./support/load";
import { CONCURRENCY, ORGS, report } from "./support/report";

// A node fails under load. The node HAProxy sends the writes to is the victim, and it is also
// the node a second process talks to directly: process A (through HAProxy) must fail over to
// the next node, process B (on the victim alone) must answer SERVICE_UNAVAILABLE quickly
// instead of hanging, and both must serve again once the node is back. The load resends a
// call answered SERVICE_UNAVAILABLE with its idempotency key (as the API asks of a gateway),
// so every call's fate is known: what was acknowledged must be exactly what the pools lost.

/** Seconds of load before the fault, and after the node is Synced again. */
const BEFORE_S = 8;
const AFTER_S = 10;
/** How long the node stays dead (before it is started again) or frozen (before SIGCONT). */
const DOWN_S = 12;

async function faultRun(fault: "kill" | "freeze") {
  const db = await createClusterDatabase();
  let t: TestApp | undefined;
  let processes: ServerProcess[] = [];
  try {
    t = await fixtureApp(haproxyUrl(db.name));
    const orgs: LoadOrg[] = [];
    for (let i = 0; i < ORGS; i++) orgs.push(await loadOrg(t));
    const before = new Map<string, number>();
    for (const org of orgs) before.set(org.orgId, await poolTotal(haproxyUrl(db.name), org.orgId));
    const victim = await activeNode();
    processes = await Promise.all([
      serverProcess("A→HAProxy", haproxyUrl(db.name), true),
      serverProcess(`B→node${victim}`, nodeUrl(victim, db.name), true),
    ]);

    // The scenario, beside the load: times in ms since the load started.
    const marks: { fault?: number; back?: number } = {};
    const t0 = performance.now();
    const scenario = (async () => {
      await sleep(BEFORE_S * 1_000);
      marks.fault = performance.now() - t0;
      if (fault === "kill") {
        await node("kill", victim);
        await sleep(DOWN_S * 1_000);
        await node("start", victim); // rejoins (IST), returns once Synced
      } else {
        await node("freeze", victim);
        await sleep(DOWN_S * 1_000);
        await node("thaw", victim);
        await node("wait", victim); // evicted while frozen: it rejoins, returns once Synced
      }
      marks.back = performance.now() - t0;
      await sleep(AFTER_S * 1_000);
    })();
    const result = await runLoad(processes, {
      seconds: BEFORE_S + AFTER_S,
      concurrency: CONCURRENCY,
      orgs,
      hangMs: HANG_MS,
      resend: true,
      until: scenario,
    });
    await scenario;

    const fmt = (ms?: number) => `${((ms ?? 0) / 1_000).toFixed(1)} s`;
    const spans = result.gateways.map((g) => {
      const errs = g.errorTimes;
      const outage = errs.length ? `errors from ${fmt(errs[0])} to ${fmt(errs[errs.length - 1])}` : "no error";
      const slow = g.slow.length ? ` (${g.slow.length} over 3 s)` : "";
      if (process.env.GALERA_TRACE) console.log(g.name, JSON.stringify(g.slow));
      return `${g.name}: ${outage}, slowest request ${(g.max / 1_000).toFixed(1)} s${slow}`;
    });
    const retries = await Promise.all(processes.map(async (p) => `${p.name}: ${JSON.stringify(await retriesOf(p))}`));
    report(
      `${LOAD_TABLE_HEAD}\n${describeLoad(`node${victim} ${fault === "kill" ? "SIGKILL" : "SIGSTOP"}`, result)}\n\n` +
        `fault at ${fmt(marks.fault)}, node Synced again at ${fmt(marks.back)}; ${spans.join("; ")}\n\n` +
        `transactions run again: ${retries.join("; ")}`,
    );

    for (const g of result.gateways) {
      // No request hung past the bound; the only error answered is the retryable one; every call resolved.
      expect({ gateway: g.name, hung: g.hung, unresolved: g.unresolved }).toEqual({ gateway: g.name, hung: 0, unresolved: 0 });
      expect(g.max).toBeLessThan(FAULT_BOUND_MS);
      expect(Object.keys(g.errors).filter((code) => code !== "SERVICE_UNAVAILABLE")).toEqual([]);
      // Service back: charges after the node is back (Synced in the cluster's view), and no error answered from 2 s after.
      expect(g.chargeTimes.filter((at) => at > (marks.back ?? 0)).length).toBeGreaterThan(0);
      expect(g.errorTimes.filter((at) => at > (marks.back ?? 0) + 2_000)).toEqual([]);
    }
    // Nothing acknowledged lost, nothing charged twice: read on every node.
    for (const org of orgs) {
      const left = (before.get(org.orgId) ?? 0) - (result.acknowledged.get(org.orgId) ?? 0);
      for (const n of NODES) {
        const url = nodeUrl(n, db.name);
        expect({ url, org: org.orgId, left: await poolTotal(url, org.orgId) }).toEqual({ url, org: org.orgId, left });
      }
    }
    const checkUrls = NODES.map((n) => nodeUrl(n, db.name));
    const problems = await ledgerCheckEverywhere(
      checkUrls,
      orgs.map((o) => o.orgId),
    );
    expect(problems).toEqual(Object.fromEntries(checkUrls.map((u) => [u, []])));
  } finally {
    await Promise.all(processes.map((p) => p.stop()));
    await t?.close();
    await db.drop();
  }
}

describe(`a node fails under load from two server processes (${CONCURRENCY} callers each, ${ORGS} orgs)`, () => {
  // Whatever a failed test left behind, every node is back before the next.
  afterEach(async () => {
    for (const n of NODES) {
      await node("thaw", n).catch(() => {});
      await node("start", n);
    }
  });

  it("SIGKILL of the node HAProxy writes to: fail-over, nothing acknowledged lost, service back when it rejoins", () => faultRun("kill"));

  it("SIGSTOP of the node HAProxy writes to: no request hangs, nothing acknowledged lost, service back when it thaws", () =>
    faultRun("freeze"));
});
