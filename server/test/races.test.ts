import { OrgEntity, UsageEventEntity } from "../src/entities";
import { expectLedgerMatches, RECORD, setBuckets, type TeamOrg, teamOrg } from "./support/credits-fixture";
import { GqlClient } from "./support/gql-client";
import { startServerProcess } from "./support/server-process";
import { expectBooksBalancedAfterEach } from "./support/books";
import { startTestApp, type TestApp, testDb } from "./support/test-app";

const CALLS = 300;
const COST = 7;

let t: TestApp;
expectBooksBalancedAfterEach(() => t);
let second: { url: string; stop(): Promise<void> } | undefined;
let secondUrl: string;
beforeAll(async () => {
  t = await startTestApp();
  // On MariaDB a second server process on the same database: the two agree only through
  // the database's row locks. (SQLite is the single-process embedded default.)
  if (testDb() === "mariadb") {
    second = await startServerProcess({ DATABASE_URL: t.config.databaseUrl as string, SESSION_SECRET: t.config.sessionSecret });
  }
  secondUrl = second?.url ?? t.url;
});
afterAll(async () => {
  await second?.stop();
  await t.close();
});

/** Fires `n` calls at once, alternating between the two servers; returns each call's code ("ok" or the error). */
async function fire(
  team: TeamOrg,
  n: number,
  input: (i: number) => { memberId?: string; spaceId?: string; key?: string },
): Promise<string[]> {
  const secret = (team.key as unknown as { bearer: string }).bearer;
  const clients = [team.key, new GqlClient(secondUrl, secret)];
  const results = await Promise.all(
    Array.from({ length: n }, (_, i) =>
      clients[i % 2].request(RECORD, {
        input: {
          orgId: team.orgId,
          memberId: input(i).memberId ?? team.members[0].memberId,
          spaceId: input(i).spaceId ?? team.spaceIds[0],
          model: "race",
          credits: COST,
          idempotencyKey: input(i).key ?? `race-${i}`,
        },
      }),
    ),
  );
  return results.map((r) => (r.errors ? String(r.errors[0].extensions?.code) : "ok"));
}

const count = (codes: string[], code: string) => codes.filter((c) => c === code).length;

describe(`${CALLS} concurrent calls, across two server processes (MariaDB)`, () => {
  it("for the pool's last credits: exactly floor(remaining / cost) win, the rest are refused, the pool is exact", async () => {
    const team = await teamOrg(t);
    await setBuckets(t.app, team.orgId, { topUp: 300, monthly: 700 });
    const codes = await fire(team, CALLS, () => ({}));
    const winners = Math.floor(1_000 / COST);
    expect(count(codes, "ok")).toBe(winners);
    expect(count(codes, "BILLING_POOL_EXHAUSTED")).toBe(CALLS - winners);
    const pool = await expectLedgerMatches(t.app, team.orgId);
    expect(pool.topUpBalance + pool.monthlyBalance).toBe(1_000 - winners * COST);
    expect(pool.topUpBalance).toBe(0);
    expect(await t.app.db.manager.countBy(UsageEventEntity, { orgId: team.orgId })).toBe(winners);
  });

  it("against a member cap: exactly floor(cap / cost) win", async () => {
    const team = await teamOrg(t);
    const memberId = team.members[0].memberId;
    await team.owner.client.ok("mutation($o: ID!, $t: ID!) { setCap(orgId: $o, scope: MEMBER, targetId: $t, monthlyLimit: 500) { id } }", {
      o: team.orgId,
      t: memberId,
    });
    const codes = await fire(team, CALLS, () => ({ memberId }));
    expect(count(codes, "ok")).toBe(Math.floor(500 / COST));
    expect(count(codes, "BILLING_MEMBER_CAP_REACHED")).toBe(CALLS - Math.floor(500 / COST));
    const pool = await expectLedgerMatches(t.app, team.orgId);
    expect(pool.monthlyBalance).toBe(10_000 - Math.floor(500 / COST) * COST);
  });

  it("against a Space cap, with calls spread over members: exactly floor(cap / cost) win", async () => {
    const team = await teamOrg(t, { members: 3 });
    const spaceId = team.spaceIds[1];
    await team.owner.client.ok("mutation($o: ID!, $t: ID!) { setCap(orgId: $o, scope: SPACE, targetId: $t, monthlyLimit: 333) { id } }", {
      o: team.orgId,
      t: spaceId,
    });
    const codes = await fire(team, CALLS, (i) => ({ spaceId, memberId: team.members[i % 3].memberId }));
    expect(count(codes, "ok")).toBe(Math.floor(333 / COST));
    expect(count(codes, "BILLING_SPACE_CAP_REACHED")).toBe(CALLS - Math.floor(333 / COST));
    await expectLedgerMatches(t.app, team.orgId);
  });

  it("20 simultaneous calls with one idempotency key charge once and all answer the same event", async () => {
    const team = await teamOrg(t);
    const secret = (team.key as unknown as { bearer: string }).bearer;
    const clients = [team.key, new GqlClient(secondUrl, secret)];
    const input = {
      orgId: team.orgId,
      memberId: team.members[0].memberId,
      spaceId: team.spaceIds[0],
      model: "same",
      credits: 42,
      idempotencyKey: "one-key",
    };
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => clients[i % 2].ok(RECORD, { input })));
    expect(new Set(results.map((r) => r.recordUsage.eventId)).size).toBe(1);
    const pool = await expectLedgerMatches(t.app, team.orgId);
    expect(pool.monthlyBalance).toBe(10_000 - 42);
    expect(await t.app.db.manager.countBy(UsageEventEntity, { orgId: team.orgId })).toBe(1);
  });
});

describe("the hot path fails closed", () => {
  it("refuses the call and charges nothing when the database fails mid-transaction", async () => {
    const team = await teamOrg(t);
    const before = await expectLedgerMatches(t.app, team.orgId);
    await t.app.db.dataSource.query("ALTER TABLE ledger_entry RENAME TO ledger_entry_away");
    try {
      const res = await team.call({ credits: 10, key: "during-outage" });
      expect(res.code).toBe("INTERNAL_SERVER_ERROR");
    } finally {
      await t.app.db.dataSource.query("ALTER TABLE ledger_entry_away RENAME TO ledger_entry");
    }
    const after = await expectLedgerMatches(t.app, team.orgId);
    expect(after).toMatchObject({ topUpBalance: before.topUpBalance, monthlyBalance: before.monthlyBalance });
    expect(await t.app.db.manager.countBy(UsageEventEntity, { orgId: team.orgId })).toBe(0);
    // The same key works once the database is back: nothing was half-recorded under it.
    expect((await team.call({ credits: 10, key: "during-outage" })).data.creditsCharged).toBe(10);
  });
});

describe("db.exclusive: a read from elsewhere and the write of it, with no other caller for the row in between", () => {
  const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

  /** A stand-in for Stripe: callers read its value, wait, and store value + 1. */
  function remote() {
    const state = { value: 0, reading: 0, mostAtOnce: 0 };
    const bump = (db: TestApp["app"]["db"], orgId: string) =>
      db.exclusive(
        { entity: OrgEntity, id: orgId },
        async () => {
          state.mostAtOnce = Math.max(state.mostAtOnce, ++state.reading);
          const seen = state.value;
          await pause(30);
          state.reading--;
          return seen;
        },
        async (em, seen) => {
          await em.update(OrgEntity, { id: orgId }, { name: `seen ${seen}` });
          state.value = seen + 1;
        },
      );
    return { state, bump };
  }

  it("serializes callers for one row: none writes back an older copy", async () => {
    const team = await teamOrg(t);
    const { state, bump } = remote();
    await Promise.all(Array.from({ length: 6 }, () => bump(t.app.db, team.orgId)));
    expect(state).toMatchObject({ value: 6, mostAtOnce: 1 });
    expect((await t.app.db.manager.findOneByOrFail(OrgEntity, { id: team.orgId })).name).toBe("seen 5");
  });

  it("lets callers for different rows read at the same time", async () => {
    const [a, b] = [await teamOrg(t), await teamOrg(t)];
    const { state, bump } = remote();
    await Promise.all([bump(t.app.db, a.orgId), bump(t.app.db, b.orgId)]);
    expect(state.mostAtOnce).toBe(2);
  });
});
