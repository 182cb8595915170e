import { UsageEventEntity } from "../src/entities";
import { expectBooksBalanced } from "../test/support/books";
import { expectLedgerMatches, RECORD, setBuckets, type TeamOrg, teamOrg } from "../test/support/credits-fixture";
import { GqlClient } from "../test/support/gql-client";
import type { TestApp } from "../test/support/test-app";
import { createClusterDatabase, haproxyUrl, type NodeId, nodeUrl } from "./support/cluster";
import { fixtureApp, ledgerCheckEverywhere, type ServerProcess, serverProcess } from "./support/deployment";

// The single-database race suite (test/races.test.ts), on a multi-primary cluster: two server
// processes writing through two different nodes at once, which agree only through Galera's
// certification (a conflicting commit is refused on one node and run again by the server).
const CALLS = 300;
const COST = 7;

let db: { name: string; drop(): Promise<void> };
let t: TestApp;
let processes: ServerProcess[];
const orgIds: string[] = [];

beforeAll(async () => {
  db = await createClusterDatabase();
  // Fixtures through HAProxy (node 1); the two processes on nodes 2 and 3.
  t = await fixtureApp(haproxyUrl(db.name));
  processes = await Promise.all(([2, 3] as NodeId[]).map((n) => serverProcess(`node${n}`, nodeUrl(n, db.name), true)));
});
afterAll(async () => {
  await Promise.all((processes ?? []).map((p) => p.stop()));
  await t?.close();
  await db?.drop();
});

/** Fires `n` calls at once, alternating between the two processes; returns each call's code ("ok" or the error). */
async function fire(team: TeamOrg, n: number, input: (i: number) => { memberId?: string; key?: string }): Promise<string[]> {
  const secret = (team.key as unknown as { bearer: string }).bearer;
  const clients = processes.map((p) => new GqlClient(p.url, secret));
  const results = await Promise.all(
    Array.from({ length: n }, (_, i) =>
      clients[i % 2].request(RECORD, {
        input: {
          orgId: team.orgId,
          memberId: input(i).memberId ?? team.members[0].memberId,
          spaceId: team.spaceIds[0],
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

describe(`${CALLS} concurrent calls through two Galera nodes, two server processes`, () => {
  it("for the pool's last credits: exactly floor(remaining / cost) win, the rest are refused, the pool is exact", async () => {
    const team = await teamOrg(t);
    orgIds.push(team.orgId);
    await setBuckets(t.app, team.orgId, { topUp: 300, monthly: 700 });
    const codes = await fire(team, CALLS, () => ({}));
    const winners = Math.floor(1_000 / COST);
    expect({ ok: count(codes, "ok"), refused: count(codes, "BILLING_POOL_EXHAUSTED") }).toEqual({ ok: winners, refused: CALLS - winners });
    const pool = await expectLedgerMatches(t.app, team.orgId);
    expect(pool.topUpBalance + pool.monthlyBalance).toBe(1_000 - winners * COST);
    expect(await t.app.db.manager.countBy(UsageEventEntity, { orgId: team.orgId })).toBe(winners);
    await expectBooksBalanced(t, team.orgId);
  });

  it("against a member cap: exactly floor(cap / cost) win", async () => {
    const team = await teamOrg(t);
    orgIds.push(team.orgId);
    const memberId = team.members[0].memberId;
    await team.owner.client.ok("mutation($o: ID!, $t: ID!) { setCap(orgId: $o, scope: MEMBER, targetId: $t, monthlyLimit: 500) { id } }", {
      o: team.orgId,
      t: memberId,
    });
    const codes = await fire(team, CALLS, () => ({ memberId }));
    const winners = Math.floor(500 / COST);
    expect({ ok: count(codes, "ok"), refused: count(codes, "BILLING_MEMBER_CAP_REACHED") }).toEqual({
      ok: winners,
      refused: CALLS - winners,
    });
    const pool = await expectLedgerMatches(t.app, team.orgId);
    expect(pool.monthlyBalance).toBe(10_000 - winners * COST);
    await expectBooksBalanced(t, team.orgId);
  });

  it("20 simultaneous calls with one idempotency key, through both nodes, charge once and all answer the same event", async () => {
    const team = await teamOrg(t);
    orgIds.push(team.orgId);
    const secret = (team.key as unknown as { bearer: string }).bearer;
    const clients = processes.map((p) => new GqlClient(p.url, secret));
    const input = {
      orgId: team.orgId,
      memberId: team.members[0].memberId,
      spaceId: team.spaceIds[0],
      model: "same",
      credits: 42,
      idempotencyKey: "one",
    };
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => clients[i % 2].ok<{ recordUsage: { eventId: string } }>(`${RECORD}`, { input })),
    );
    expect(new Set(results.map((r) => r.recordUsage.eventId)).size).toBe(1);
    const pool = await expectLedgerMatches(t.app, team.orgId);
    expect(pool.monthlyBalance).toBe(10_000 - 42);
    expect(await t.app.db.manager.countBy(UsageEventEntity, { orgId: team.orgId })).toBe(1);
  });

  it("leaves the books clean on every node", async () => {
    const problems = await ledgerCheckEverywhere(
      ([1, 2, 3] as NodeId[]).map((n) => nodeUrl(n, db.name)),
      orgIds,
    );
    expect(problems).toEqual(Object.fromEntries(([1, 2, 3] as NodeId[]).map((n) => [nodeUrl(n, db.name), []])));
  });
});
