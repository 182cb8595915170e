import type { TestApp } from "../test/support/test-app";
import { createClusterDatabase, createSingleDatabase, haproxyUrl, NODES, nodeUrl } from "./support/cluster";
import {
  fixtureApp,
  ledgerCheckEverywhere,
  loadOrg,
  poolTotal,
  HANG_MS,
  REQUEST_BOUND_MS,
  retriesOf,
  type ServerProcess,
  serverProcess,
} from "./support/deployment";
import { describeLoad, LOAD_TABLE_HEAD, type LoadOrg, type LoadResult, runLoad } from "./support/load";
import { CONCURRENCY, LOAD_SECONDS, ORGS, report } from "./support/report";

// Steady load from two server processes, as many gateways would send it: the same load on the
// single MariaDB (the baseline of the same run), then on the cluster through HAProxy (one
// node takes the writes), then through two different nodes at once (multi-primary, where
// conflicting commits are refused by certification and the server runs them again).
// Zero errors answered, SERVICE_UNAVAILABLE included: retrying is the server's job.

interface Setup {
  /** Where the fixtures are written and the pools read. */
  fixtureUrl: string;
  /** Each process: its name, its database URL and whether it reads with DB_SYNC_WAIT. */
  processes: [string, string, boolean][];
  /** The databases the books are checked on afterwards (every node of the cluster). */
  checkUrls: string[];
}

const results: { label: string; result: LoadResult }[] = [];

async function steadyRun(label: string, setup: Setup): Promise<LoadResult> {
  let t: TestApp | undefined;
  let processes: ServerProcess[] = [];
  try {
    t = await fixtureApp(setup.fixtureUrl);
    const orgs: LoadOrg[] = [];
    for (let i = 0; i < ORGS; i++) orgs.push(await loadOrg(t));
    const before = new Map<string, number>();
    for (const org of orgs) before.set(org.orgId, await poolTotal(setup.fixtureUrl, org.orgId));
    processes = await Promise.all(setup.processes.map(([name, url, syncWait]) => serverProcess(name, url, syncWait)));

    const result = await runLoad(processes, { seconds: LOAD_SECONDS, concurrency: CONCURRENCY, orgs, hangMs: HANG_MS });
    results.push({ label, result });
    const retries = await Promise.all(processes.map(async (p) => `${p.name}: ${JSON.stringify(await retriesOf(p))}`));
    report(`${LOAD_TABLE_HEAD}\n${describeLoad(label, result)}\n\ntransactions run again: ${retries.join("; ")}`);

    // Zero errors answered, nothing hung, every process served.
    for (const g of result.gateways) {
      expect({ gateway: g.name, errors: g.errors, hung: g.hung }).toEqual({ gateway: g.name, errors: {}, hung: 0 });
      expect(g.charged).toBeGreaterThan(0);
      expect(g.max).toBeLessThan(REQUEST_BOUND_MS);
    }
    // What was acknowledged is what the pools lost, read on every node.
    for (const org of orgs) {
      const spent = (before.get(org.orgId) ?? 0) - (result.acknowledged.get(org.orgId) ?? 0);
      for (const url of setup.checkUrls)
        expect({ url, org: org.orgId, left: await poolTotal(url, org.orgId) }).toEqual({ url, org: org.orgId, left: spent });
    }
    const problems = await ledgerCheckEverywhere(
      setup.checkUrls,
      orgs.map((o) => o.orgId),
    );
    expect(problems).toEqual(Object.fromEntries(setup.checkUrls.map((u) => [u, []])));
    return result;
  } finally {
    await Promise.all(processes.map((p) => p.stop()));
    await t?.close();
  }
}

const perSecond = (r: LoadResult) => r.gateways.reduce((s, g) => s + g.perSecond, 0);
const p99 = (r: LoadResult) => Math.max(...r.gateways.map((g) => g.p99));

describe(`${LOAD_SECONDS} s of steady load from two server processes (${CONCURRENCY} callers each, ${ORGS} orgs)`, () => {
  it("on the single MariaDB (the baseline of this run)", async () => {
    const db = await createSingleDatabase();
    try {
      await steadyRun("one MariaDB", {
        fixtureUrl: db.url,
        processes: [
          ["A", db.url, false],
          ["B", db.url, false],
        ],
        checkUrls: [db.url],
      });
    } finally {
      await db.drop();
    }
  });

  it("on Galera through HAProxy (one node takes the writes): zero errors, the books clean on every node", async () => {
    const db = await createClusterDatabase();
    try {
      const url = haproxyUrl(db.name);
      await steadyRun("Galera via HAProxy", {
        fixtureUrl: url,
        processes: [
          ["A→HAProxy", url, false],
          ["B→HAProxy", url, false],
        ],
        checkUrls: NODES.map((n) => nodeUrl(n, db.name)),
      });
    } finally {
      await db.drop();
    }
  });

  it("on Galera through two nodes at once (multi-primary): zero errors, the books clean on every node", async () => {
    const db = await createClusterDatabase();
    try {
      await steadyRun("Galera via 2 nodes", {
        fixtureUrl: nodeUrl(3, db.name),
        processes: [
          ["A→node1", nodeUrl(1, db.name), true],
          ["B→node2", nodeUrl(2, db.name), true],
        ],
        checkUrls: NODES.map((n) => nodeUrl(n, db.name)),
      });
    } finally {
      await db.drop();
    }
  });

  afterAll(() => {
    const base = results.find((r) => r.label === "one MariaDB")?.result;
    if (!base) return;
    const lines = results.map(
      ({ label, result }) =>
        `| ${label} | ${perSecond(result).toFixed(0)} | ${(perSecond(result) / perSecond(base)).toFixed(2)} | ${p99(result).toFixed(1)} |`,
    );
    report(`| run (two processes) | calls/s | vs one MariaDB | worst p99 ms |\n|---|---:|---:|---:|\n${lines.join("\n")}`);
  });
});
