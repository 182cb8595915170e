import { performance } from "node:perf_hooks";
import { createServer, type Server, Socket } from "node:net";
import { createConnection } from "mysql2/promise";
import type { CreditStore } from "../src/credits/credit-store";
import { isConnectionError, isRetryable, isUniqueViolation } from "../src/db/transient-errors";
import { UsageEventEntity } from "../src/entities";
import { expectLedgerMatches, POOL, teamOrg } from "./support/credits-fixture";
import { expectBooksBalancedAfterEach } from "./support/books";
import { startTestApp, type TestApp, testDb } from "./support/test-app";

const BATCH = `mutation($o: ID!, $calls: [UsageCallInput!]!) {
  recordUsageBatch(orgId: $o, calls: $calls) { index errorCode result { eventId creditsCharged } }
}`;

describe("which errors a transaction retries", () => {
  const driver = (errno: number, code = "") => ({ driverError: { errno, code } });

  it("retries contention and a node in trouble", () => {
    for (const errno of [1213, 1205, 1020, 1047, 1180, 1927, 9007, 8028]) expect(isRetryable(driver(errno))).toBe(true);
    for (const code of ["PROTOCOL_CONNECTION_LOST", "ECONNRESET", "ETIMEDOUT", "EPIPE", "ECONNREFUSED", "DB_ACQUIRE_TIMEOUT"]) {
      expect(isRetryable({ code })).toBe(true);
      expect(isConnectionError({ driverError: { code } })).toBe(true);
    }
    expect(isRetryable({ code: "SQLITE_BUSY" })).toBe(true);
    expect(isRetryable(new Error("Can't add new command when connection is in closed state"))).toBe(true);
  });

  it("does not retry what running again cannot fix", () => {
    for (const errno of [1062, 1146, 1054, 1406, 1452]) expect(isRetryable(driver(errno))).toBe(false);
    expect(isRetryable(new Error("boom"))).toBe(false);
    expect(isRetryable({ code: "SQLITE_CONSTRAINT_UNIQUE" })).toBe(false);
    expect(isConnectionError(driver(1213))).toBe(false);
    expect(isUniqueViolation(driver(1062, "ER_DUP_ENTRY"))).toBe(true);
  });
});

describe("a coalesced batch", () => {
  let t: TestApp;
  expectBooksBalancedAfterEach(() => t);
  beforeAll(async () => {
    t = await startTestApp({ env: { TX_RETRY_BUDGET_MS: "400" } });
  });
  afterAll(() => t.close());

  /** Makes the batch transaction fail (inside it, as a driver would) while `fail` says so. */
  const batchSizes: number[] = [];
  function breakTargets(fail: (keys: string[]) => unknown) {
    const { store } = t.app.services.metering as unknown as { store: CreditStore };
    const original = store.lockForCharges.bind(store);
    return jest.spyOn(store, "lockForCharges").mockImplementation(async (em, orgId, refs) => {
      batchSizes.push(refs.keys.length);
      const error = fail(refs.keys);
      if (error) throw error;
      return original(em, orgId, refs);
    });
  }

  it("answers the others when one call breaks, and charges only them", async () => {
    const team = await teamOrg(t);
    const before = (await team.owner.client.ok(POOL, { id: team.orgId })).org.pool.totalRemaining;
    batchSizes.length = 0;
    const spy = breakTargets((keys) => (keys.includes("poison") ? new Error("a bug one call sets off") : undefined));
    const calls = ["a", "b", "poison", "c", "d"].map((key) => ({
      memberId: team.members[0].memberId,
      spaceId: team.spaceIds[0],
      model: "gpt-test",
      credits: 10,
      idempotencyKey: key,
    }));
    try {
      const { recordUsageBatch } = await team.key.ok(BATCH, { o: team.orgId, calls });
      expect(recordUsageBatch.map((i: { errorCode: string | null }) => i.errorCode)).toEqual([
        null,
        null,
        "INTERNAL_SERVER_ERROR",
        null,
        null,
      ]);
    } finally {
      spy.mockRestore();
    }
    // The poisoned call went in a batch with others (the first call runs alone at once).
    expect(Math.max(...batchSizes)).toBeGreaterThan(1);
    const after = (await team.owner.client.ok(POOL, { id: team.orgId })).org.pool.totalRemaining;
    expect(after).toBe(before - 40);
    expect(await t.app.db.manager.countBy(UsageEventEntity, { orgId: team.orgId })).toBe(4);
    await expectLedgerMatches(t.app, team.orgId);
  });

  it("retries a deadlock, and answers SERVICE_UNAVAILABLE per call when one never clears", async () => {
    const team = await teamOrg(t);
    const deadlock = () => Object.assign(new Error("Deadlock found when trying to get lock"), { errno: 1213, code: "ER_LOCK_DEADLOCK" });
    let deadlocks = 2;
    let spy = breakTargets(() => (deadlocks-- > 0 ? deadlock() : undefined));
    const first = await team.call({ credits: 5 });
    spy.mockRestore();
    expect(first.code).toBeUndefined();
    expect(first.data.creditsCharged).toBe(5);

    spy = breakTargets((keys) => (keys.includes("stuck") ? deadlock() : undefined));
    const calls = ["x", "y", "stuck", "z"].map((key) => ({
      memberId: team.members[0].memberId,
      spaceId: team.spaceIds[0],
      model: "gpt-test",
      credits: 3,
      idempotencyKey: key,
    }));
    try {
      const { recordUsageBatch } = await team.key.ok(BATCH, { o: team.orgId, calls });
      const codes = recordUsageBatch.map((i: { errorCode: string | null }) => i.errorCode);
      expect(codes).toEqual([null, null, "SERVICE_UNAVAILABLE", null]);
    } finally {
      spy.mockRestore();
    }
    // A call told SERVICE_UNAVAILABLE was not charged: sent again, it is charged once.
    const again = await team.call({ credits: 3, key: "stuck" });
    expect(again.data.creditsCharged).toBe(3);
    await expectLedgerMatches(t.app, team.orgId);
  });
});

if (testDb() === "mariadb") {
  describe("MariaDB transactions", () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp();
    });
    afterAll(() => t.close());

    it("run at READ COMMITTED on every connection: a row committed elsewhere mid-transaction is seen", async () => {
      const team = await teamOrg(t);
      const other = await createConnection(t.config.databaseUrl as string);
      try {
        // More transactions at once than the pool holds connections: fresh ones as well as reused.
        const seen = await Promise.all(
          Array.from({ length: 30 }, (_, i) =>
            t.app.db.transaction(async (em) => {
              const read = async () =>
                Number((await em.query("SELECT softAlertThresholdPercent AS p FROM org WHERE id = ?", [team.orgId]))[0].p);
              const first = await read();
              // Each transaction's snapshot is taken; then another session commits a change.
              if (i === 0) await other.query("UPDATE org SET softAlertThresholdPercent = 77 WHERE id = ?", [team.orgId]);
              await new Promise((resolve) => setTimeout(resolve, 200));
              return { first, second: await read() };
            }),
          ),
        );
        // Under REPEATABLE READ the second read would repeat the first.
        expect(seen.every((s) => s.second === 77)).toBe(true);
      } finally {
        await other.end();
      }
    });
  });

  describe("a transaction's budget", () => {
    it("bounds its own connections' silence, not work it started that runs after it", async () => {
      const short = await startTestApp({ env: { TX_RETRY_BUDGET_MS: "1000" } });
      try {
        let later: Promise<{ s: string | number }[]> = Promise.resolve([]);
        await short.app.db.transaction(async (em) => {
          await em.query("SELECT 1");
          // Started inside, run after the commit: a plain query, held to DB_QUERY_TIMEOUT_MS (10 s), not to the 1 s budget.
          later = new Promise((resolve) => setTimeout(resolve, 10)).then(() => short.app.db.manager.query("SELECT SLEEP(1.5) AS s"));
        });
        expect(Number((await later)[0].s)).toBe(0);
      } finally {
        await short.close();
      }
    });
  });

  describe("a MariaDB row lock held elsewhere", () => {
    let t: TestApp;
    expectBooksBalancedAfterEach(() => t);
    beforeAll(async () => {
      t = await startTestApp({ env: { DB_LOCK_WAIT_TIMEOUT_S: "1", TX_RETRY_BUDGET_MS: "1500" } });
    });
    afterAll(() => t.close());

    /** Another session locks the org's pool row until `release`. */
    async function holdPool(orgId: string) {
      const other = await createConnection(t.config.databaseUrl as string);
      await other.query("BEGIN");
      await other.query("SELECT * FROM pool WHERE orgId = ? FOR UPDATE", [orgId]);
      return async () => {
        await other.query("ROLLBACK");
        await other.end();
      };
    }

    it("answers SERVICE_UNAVAILABLE with retryAfter past the budget, and charges nothing", async () => {
      const team = await teamOrg(t);
      const before = (await team.owner.client.ok(POOL, { id: team.orgId })).org.pool.totalRemaining;
      const release = await holdPool(team.orgId);
      let res: { errors?: { extensions?: Record<string, unknown> }[] };
      try {
        res = await team.key.request("mutation($input: RecordUsageInput!) { recordUsage(input: $input) { eventId } }", {
          input: {
            orgId: team.orgId,
            memberId: team.members[0].memberId,
            spaceId: team.spaceIds[0],
            model: "gpt-test",
            credits: 25,
            idempotencyKey: "locked-out",
          },
        });
      } finally {
        await release();
      }
      expect(res.errors?.[0]?.extensions?.code).toBe("SERVICE_UNAVAILABLE");
      expect(res.errors?.[0]?.extensions?.retryAfter).toBeGreaterThanOrEqual(1);
      const after = (await team.owner.client.ok(POOL, { id: team.orgId })).org.pool.totalRemaining;
      expect(after).toBe(before);
      expect(await t.app.db.manager.countBy(UsageEventEntity, { orgId: team.orgId })).toBe(0);
    });

    it("succeeds when the lock is released within the budget (after a lock-wait timeout)", async () => {
      const team = await teamOrg(t);
      const release = await holdPool(team.orgId);
      // Released after the first try's one-second lock wait ran out (1205), within the budget.
      const releasing = new Promise((resolve) => setTimeout(resolve, 1_200)).then(release);
      const result = await team.call({ credits: 25 });
      await releasing;
      expect(result.code).toBeUndefined();
      expect(result.data.creditsCharged).toBe(25);
      await expectLedgerMatches(t.app, team.orgId);
    });
  });

  describe("a database node that freezes", () => {
    let t: TestApp;
    let viaProxy: TestApp;
    let proxy: FreezableProxy;
    beforeAll(async () => {
      proxy = new FreezableProxy();
      t = await startTestApp();
      const port = await proxy.listen();
      const url = new URL(t.config.databaseUrl as string);
      url.host = `127.0.0.1:${port}`;
      viaProxy = await startTestApp({
        shareDatabaseWith: t,
        env: { DATABASE_URL: url.toString(), DB_QUERY_TIMEOUT_MS: "1500", DB_CONNECT_TIMEOUT_MS: "1000", TX_RETRY_BUDGET_MS: "1000" },
      });
    });
    afterAll(async () => {
      proxy?.resume();
      await viaProxy?.close();
      await t.close();
      await proxy?.close();
    });

    /** recordUsage of `credits` through `app` with the team's key, timed. */
    const recorder = (app: TestApp, team: Awaited<ReturnType<typeof teamOrg>>, credits: number) => {
      const key = app.client({ bearer: (team.key as unknown as { bearer: string }).bearer });
      return async (idempotencyKey: string) => {
        const started = performance.now();
        const res = await key.request("mutation($input: RecordUsageInput!) { recordUsage(input: $input) { creditsCharged } }", {
          input: {
            orgId: team.orgId,
            memberId: team.members[0].memberId,
            spaceId: team.spaceIds[0],
            model: "gpt-test",
            credits,
            idempotencyKey,
          },
        });
        return {
          charged: res.data?.recordUsage?.creditsCharged as number | undefined,
          code: res.errors?.[0]?.extensions?.code ?? null,
          seconds: (performance.now() - started) / 1_000,
        };
      };
    };

    it("fails requests with SERVICE_UNAVAILABLE instead of hanging, and serves again once it thaws", async () => {
      const team = await teamOrg(t);
      const record = recorder(viaProxy, team, 4);
      expect((await record("before")).charged).toBe(4);
      proxy.freeze();
      expect((await record("during")).code).toBe("SERVICE_UNAVAILABLE");
      proxy.resume();
      expect((await record("during")).charged).toBe(4);
      await expectLedgerMatches(t.app, team.orgId);
    }, 30_000);

    it("costs a request about its retry budget, not the query timeout, however long it queued", async () => {
      // Timeouts far above the budget: only the budget can bound what the frozen node costs.
      const url = new URL(viaProxy.config.databaseUrl as string);
      const budgeted = await startTestApp({
        shareDatabaseWith: t,
        env: { DATABASE_URL: url.toString(), DB_QUERY_TIMEOUT_MS: "20000", DB_CONNECT_TIMEOUT_MS: "20000", TX_RETRY_BUDGET_MS: "2000" },
      });
      try {
        const team = await teamOrg(t);
        const record = recorder(budgeted, team, 3);
        expect((await record("warm")).code).toBeNull();
        proxy.freeze();
        // The first call's batch meets the frozen node; two more queue behind it.
        const first = record("first");
        await new Promise((resolve) => setTimeout(resolve, 500));
        const answers = await Promise.all([first, record("second"), record("third")]);
        proxy.resume();
        expect(answers.map((a) => a.code)).toEqual(["SERVICE_UNAVAILABLE", "SERVICE_UNAVAILABLE", "SERVICE_UNAVAILABLE"]);
        // The budget (2 s), a last try's one second and slack; the query timeout is 20 s.
        for (const a of answers) expect(a.seconds).toBeLessThan(5);
        // Resent with its key once the node is back, the call is charged once.
        expect((await record("second")).charged).toBe(3);
        await expectLedgerMatches(t.app, team.orgId);
      } finally {
        proxy.resume();
        await budgeted.close();
      }
    }, 60_000);
  });
}

/** A TCP proxy to the test MariaDB that can stop forwarding (a SIGSTOPped node: connections stay open, nothing answers). */
class FreezableProxy {
  private server: Server | undefined;
  private frozen = false;
  private readonly held: (() => void)[] = [];
  private readonly sockets = new Set<Socket>();

  async listen(): Promise<number> {
    const target = new URL(process.env.TEST_MYSQL_URL ?? "mysql://root@127.0.0.1:3306/test");
    this.server = createServer((client) => {
      const upstream = new Socket();
      upstream.connect(Number(target.port || 3306), target.hostname);
      for (const [from, to] of [
        [client, upstream],
        [upstream, client],
      ] as const) {
        this.sockets.add(from);
        from.on("data", (chunk) => {
          if (this.frozen) this.held.push(() => to.write(chunk));
          else to.write(chunk);
        });
        from.on("close", () => {
          this.sockets.delete(from);
          to.destroy();
        });
        from.on("error", () => to.destroy());
      }
    });
    await new Promise<void>((resolve) => this.server?.listen(0, "127.0.0.1", resolve));
    const address = this.server.address();
    return typeof address === "object" && address ? address.port : 0;
  }

  freeze(): void {
    this.frozen = true;
  }

  resume(): void {
    this.frozen = false;
    for (const send of this.held.splice(0)) send();
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise((resolve) => this.server?.close(resolve));
  }
}
