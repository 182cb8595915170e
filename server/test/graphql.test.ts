import { setTimeout as sleep } from "node:timers/promises";
import { MAX_COST, MAX_DEPTH } from "../src/graphql/query-limits";
import { createOrg, signUp } from "./support/fixtures";
import { startTestApp, testDb, type TestApp } from "./support/test-app";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

describe("GraphQL edge", () => {
  it("serves `{ __typename }` and the health check", async () => {
    expect(await t.client().ok("{ __typename }")).toEqual({ __typename: "Query" });
    const health = (await (await fetch(`${t.url}/healthz`)).json()) as { ok: boolean };
    expect(health.ok).toBe(true);
  });

  it("answers are never stored by a browser or a proxy (Cache-Control: no-store), queries, mutations and errors alike", async () => {
    const owner = await signUp(t);
    const { client } = owner;
    for (const res of [
      await client.request("{ me { email } }"),
      await client.request('mutation { createOrg(name: "Cached?") { id } }'),
      await client.request("{ nope }"),
      await fetch(`${t.url}/graphql?query=${encodeURIComponent("{ __typename }")}`, { headers: { "apollo-require-preflight": "1" } }),
    ]) {
      expect(res.status).toBeLessThan(500);
      expect(res.headers.get("cache-control")).toBe("no-store");
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    }
  });

  it("refuses a query deeper than the limit before running it", async () => {
    // Introspection offers a path of any depth: __schema > types > fields > type > ofType > ...
    const path = (depth: number) => {
      let inner = "name";
      for (let i = 0; i < depth - 5; i++) inner = `ofType { ${inner} }`;
      return `{ __schema { types { fields { type { ${inner} } } } } }`;
    };
    expect((await t.client().request(path(MAX_DEPTH))).errors).toBeUndefined();
    const res = await t.client().request(path(MAX_DEPTH + 1));
    expect(res.errors?.[0]).toMatchObject({
      message: `The query is ${MAX_DEPTH + 1} levels deep; the limit is ${MAX_DEPTH}.`,
      extensions: { code: "GRAPHQL_VALIDATION_FAILED" },
    });
  });

  it("refuses a query whose cost is over the limit", async () => {
    const owner = await signUp(t);
    // A page of `first` events multiplies what it selects: org 1 + (usageEvents 1 + 1000 × (edges 1 + cursor 1 + node 4)) = 6002.
    const res = await owner.client.request(
      "query($id: ID!) { org(id: $id) { usageEvents(first: 1000) { edges { cursor node { id model credits } } } } }",
      { id: await createOrg(owner) },
    );
    expect(res.errors?.[0]).toMatchObject({
      message: `The query costs 6002; the limit is ${MAX_COST}.`,
      extensions: { code: "GRAPHQL_VALIDATION_FAILED" },
    });
  });

  it("masks unexpected errors as INTERNAL_SERVER_ERROR without internals", async () => {
    const owner = await signUp(t);
    const orgId = await createOrg(owner);
    await t.app.db.dataSource.query("DROP TABLE space");
    const res = await owner.client.request("query($id: ID!) { org(id: $id) { name spaces { id } } }", { id: orgId });
    expect(res.errors?.[0]).toMatchObject({ message: "Internal server error", extensions: { code: "INTERNAL_SERVER_ERROR" } });
    expect(res.errors?.[0]?.message).toBe("Internal server error");
    expect(JSON.stringify(res.errors)).not.toMatch(/SQLITE|no such table|ER_NO|doesn.t exist|stack/i);
  });

  it("answers malformed requests with GraphQL's request codes", async () => {
    const client = t.client();
    expect(await client.code("{ nope }")).toBe("GRAPHQL_VALIDATION_FAILED");
    expect(await client.code("{ me { ")).toBe("GRAPHQL_PARSE_FAILED");
    expect(await client.code('mutation($c: Int!) { startTopUpCheckout(orgId: "x", credits: $c) { id } }', { c: 2 ** 40 })).toBe(
      "BAD_USER_INPUT",
    );
  });
});

describe("the transaction helper", () => {
  it("retries a transaction that lost a deadlock, so both writers commit", async () => {
    const db = t.app.db;
    await db.dataSource.query("CREATE TABLE lock_probe (id INT PRIMARY KEY, n INT NOT NULL)");
    await db.transaction((em) => em.query("INSERT INTO lock_probe (id, n) VALUES (1, 0), (2, 0)"));
    let attempts = 0;
    let holdingFirst = 0;
    const forUpdate = db.kind === "mysql" ? " FOR UPDATE" : "";
    // Two transactions take the same two rows in opposite orders: on MariaDB one of them deadlocks.
    const writer = (firstId: number, secondId: number) =>
      db.transaction(async (em) => {
        attempts++;
        await em.query(`SELECT n FROM lock_probe WHERE id = ?${forUpdate}`, [firstId]);
        await em.query("UPDATE lock_probe SET n = n + 1 WHERE id = ?", [firstId]);
        // On MariaDB both first attempts hold their first row before either reaches for its second
        // (however slow the machine); SQLite runs one transaction at a time, so nothing to wait for.
        holdingFirst++;
        while (db.kind === "mysql" && holdingFirst < 2) await sleep(5);
        await em.query(`SELECT n FROM lock_probe WHERE id = ?${forUpdate}`, [secondId]);
        await em.query("UPDATE lock_probe SET n = n + 1 WHERE id = ?", [secondId]);
      });
    await Promise.all([writer(1, 2), writer(2, 1)]);
    const rows = await db.dataSource.query("SELECT n FROM lock_probe ORDER BY id");
    expect(rows.map((r: { n: number }) => Number(r.n))).toEqual([2, 2]);
    // SQLite runs them one after the other; MariaDB detects the deadlock and one is run again.
    expect(attempts).toBe(testDb() === "mariadb" ? 3 : 2);
  });
});

describe("the catalog", () => {
  const CATALOG = `{ catalog { currency personalPlans { plan monthlyPriceCents monthlyCredits }
    team { baseMonthlyCredits creditsPerSeat prices { interval baseCents seatCents } }
    topUp { minCredits maxCredits stepCredits centsPerStep } enterpriseDefaultMonthlyCredits } }`;

  it("tells anyone, signed in or not, what the server sells by default", async () => {
    const { catalog } = await t.client().ok(CATALOG);
    expect(catalog).toEqual({
      currency: "usd",
      personalPlans: [
        { plan: "STARTER", monthlyPriceCents: 1_000, monthlyCredits: 1_000 },
        { plan: "PRO", monthlyPriceCents: 2_000, monthlyCredits: 2_500 },
      ],
      team: {
        baseMonthlyCredits: 8_000,
        creditsPerSeat: 1_000,
        prices: [
          { interval: "MONTHLY", baseCents: 4_900, seatCents: 1_200 },
          { interval: "YEARLY", baseCents: 46_800, seatCents: 12_000 },
        ],
      },
      topUp: { minCredits: 1_000, maxCredits: 100_000, stepCredits: 1_000, centsPerStep: 1_000 },
      enterpriseDefaultMonthlyCredits: 50_000,
    });
  });

  it("answers the catalog CATALOG_JSON made, the one checkouts charge", async () => {
    const custom = await startTestApp({
      env: { CATALOG_JSON: '{"team":{"baseMonthlyCredits":10000,"prices":{"MONTHLY":{"baseCents":5900}}}}' },
    });
    try {
      const { catalog } = await custom.client().ok(CATALOG);
      expect(catalog.team.baseMonthlyCredits).toBe(10_000);
      expect(catalog.team.prices[0]).toEqual({ interval: "MONTHLY", baseCents: 5_900, seatCents: 1_200 });
      const price = await custom.app.services.gateway.price("team_base_monthly");
      expect(price.unit_amount).toBe(catalog.team.prices[0].baseCents);
    } finally {
      await custom.close();
    }
  });
});
