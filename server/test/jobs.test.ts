import { setTimeout as sleep } from "node:timers/promises";
import { JobLeaseEntity } from "../src/entities";
import { JobRunner } from "../src/jobs/job-runner";
import { startTestApp, testDb, type TestApp } from "./support/test-app";

let first: TestApp;
let second: TestApp;
beforeAll(async () => {
  first = await startTestApp();
  // On MariaDB a second server (its own connection pool) on the same database. SQLite is the
  // single-process embedded default: there the second runner shares the first one's handle.
  second = testDb() === "mariadb" ? await startTestApp({ shareDatabaseWith: first }) : first;
});
afterAll(async () => {
  if (second !== first) await second.close();
  await first.close();
});

describe("job runner leases", () => {
  it("runs a job in only one of two processes at a time", async () => {
    let concurrent = 0;
    let maxConcurrent = 0;
    let runs = 0;
    const job = {
      name: "exclusive",
      everyMs: 60_000,
      run: async () => {
        concurrent++;
        maxConcurrent = Math.max(maxConcurrent, concurrent);
        runs++;
        await sleep(150);
        concurrent--;
      },
    };
    const a = new JobRunner(first.app.db, first.app.clock);
    const b = new JobRunner(second.app.db, second.app.clock);
    a.register(job);
    b.register(job);
    const [ranA, ranB] = await Promise.all([a.runNow(), b.runNow()]);
    expect([ranA.exclusive, ranB.exclusive].filter(Boolean)).toHaveLength(1);
    expect(maxConcurrent).toBe(1);
    expect(runs).toBe(1);
    // Released after the run: the other process may run it next.
    expect((await b.runNow()).exclusive).toBe(true);
  });

  it("lets another process take over a lease whose holder died", async () => {
    const dead = new JobRunner(first.app.db, first.app.clock);
    const now = first.app.clock.now();
    await first.app.db.transaction((em) =>
      em.save(JobLeaseEntity, { name: "orphaned", holder: dead.holder, leaseUntil: new Date(now.getTime() + 60_000), lastRunAt: null }),
    );
    let runs = 0;
    const survivor = new JobRunner(second.app.db, second.app.clock);
    survivor.register({ name: "orphaned", everyMs: 60_000, leaseMs: 1000, run: async () => void runs++ });
    expect((await survivor.runNow()).orphaned).toBe(false);
    await first.app.db.transaction((em) => em.update(JobLeaseEntity, { name: "orphaned" }, { leaseUntil: new Date(now.getTime() - 1) }));
    expect((await survivor.runNow()).orphaned).toBe(true);
    expect(runs).toBe(1);
  });

  it("keeps running other jobs when one throws, and logs the failure", async () => {
    const logged: string[] = [];
    const runner = new JobRunner(first.app.db, first.app.clock, (m) => logged.push(m));
    let okRuns = 0;
    runner.register({
      name: "broken",
      everyMs: 60_000,
      run: async () => {
        throw new Error("boom");
      },
    });
    runner.register({ name: "fine", everyMs: 60_000, run: async () => void okRuns++ });
    expect(await runner.runNow()).toEqual({ broken: false, fine: true });
    expect(okRuns).toBe(1);
    expect(logged.join("\n")).toContain("job broken failed: Error: boom");
    expect((await runner.runNow(["broken"])).broken).toBe(false); // the lease was released despite the throw
    expect(logged.filter((l) => l.includes("boom"))).toHaveLength(2);
  });
});
