import { In, type QueryRunner } from "typeorm";
import type { CreditStore } from "../src/credits/credit-store";
import { insertStatements, runStatements, updateStatement } from "../src/db/statements";
import { MembershipEntity, OrgEntity, PoolEntity, SpaceEntity, UsageEventEntity } from "../src/entities";
import { expectLedgerMatches, teamOrg } from "./support/credits-fixture";
import { expectBooksBalancedAfterEach } from "./support/books";
import { startTestApp, type TestApp, testDb } from "./support/test-app";

/**
 * A batch of charges reads what it needs under the org's lock in one round trip and writes
 * in one (on MariaDB; SQLite runs the same statements one by one): CreditStore.lockForCharges,
 * writeCharges and db/statements.ts.
 */

const SET_CAP =
  "mutation($o: ID!, $s: CapScope!, $t: ID!, $l: Int!) { setCap(orgId: $o, scope: $s, targetId: $t, monthlyLimit: $l) { id } }";
const BATCH = `mutation($o: ID!, $calls: [UsageCallInput!]!) {
  recordUsageBatch(orgId: $o, calls: $calls) { index errorCode result { eventId creditsCharged } }
}`;

let t: TestApp;
expectBooksBalancedAfterEach(() => t);
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const storeOf = (app: TestApp["app"]) => (app.services.metering as unknown as { store: CreditStore }).store;

describe("the reads of a batch", () => {
  it("are what TypeORM's own reads answer, column for column, and only the org's", async () => {
    const team = await teamOrg(t, { members: 2, spaces: 2 });
    const other = await teamOrg(t);
    const [m0, m1] = team.members.map((m) => m.memberId);
    await team.owner.client.ok(SET_CAP, { o: team.orgId, s: "MEMBER", t: m0, l: 500 });
    await team.owner.client.ok(SET_CAP, { o: team.orgId, s: "SPACE", t: team.spaceIds[1], l: 700 });
    expect((await team.call({ credits: 7, key: "seen", memberId: m0, spaceId: team.spaceIds[1] })).data.creditsCharged).toBe(7);
    expect((await other.call({ credits: 3, key: "theirs" })).data.creditsCharged).toBe(3);

    const refs = {
      // A member and a Space of another org, and a key another org used, are not this org's.
      memberIds: [m0, m1, other.members[0].memberId],
      spaceIds: [team.spaceIds[0], team.spaceIds[1], other.spaceIds[0]],
      keys: ["seen", "theirs", "new"],
    };
    await t.app.db.transaction(
      async (em) => {
        const read = await storeOf(t.app).lockForCharges(em, team.orgId, refs);
        const pool = await em.findOneByOrFail(PoolEntity, { orgId: team.orgId });
        expect(read.pool).toEqual(pool);
        expect(read.org).toEqual(await em.findOneByOrFail(OrgEntity, { id: team.orgId }));
        const byId = <T extends { id: string }>(rows: T[]) => [...rows].sort((a, b) => a.id.localeCompare(b.id));
        const members = await em.findBy(MembershipEntity, { orgId: team.orgId, id: In(refs.memberIds), active: true });
        expect(members).toHaveLength(2);
        expect(byId(read.members)).toEqual(byId(members));
        const spaces = await em.findBy(SpaceEntity, { orgId: team.orgId, id: In(refs.spaceIds) });
        expect(spaces).toHaveLength(2);
        expect(byId(read.spaces)).toEqual(byId(spaces));
        const prior = await em.findBy(UsageEventEntity, { orgId: team.orgId, idempotencyKey: In(refs.keys) });
        expect(prior.map((e) => e.idempotencyKey)).toEqual(["seen"]);
        expect(read.prior).toEqual(prior);
        expect(read.state).toEqual(await storeOf(t.app).admissionState(em, pool, refs));
        expect(read.state?.caps.size).toBe(2);
        expect(read.state?.counters.get(`MEMBER:${m0}`)).toEqual({ used: 7, reserved: 0 });
      },
      { bundled: true },
    );
  });

  it("answer an org without a pool (personal plans) with no pool and no admission state", async () => {
    const team = await teamOrg(t);
    await t.app.db.manager.delete(PoolEntity, { orgId: team.orgId });
    await t.app.db.manager.update(OrgEntity, { id: team.orgId }, { orgPlan: null });
    const read = await t.app.db.transaction((em) =>
      storeOf(t.app).lockForCharges(em, team.orgId, { memberIds: [team.ownerMemberId], spaceIds: [team.spaceIds[0]], keys: ["k"] }),
    );
    expect(read.pool).toBeNull();
    expect(read.state).toBeNull();
    expect(read.org?.id).toBe(team.orgId);
    expect(read.members.map((m) => m.id)).toEqual([team.ownerMemberId]);
  });
});

if (testDb() === "mariadb") {
  describe("on MariaDB", () => {
    /** Every statement the charges' pool is sent, by transaction (query runner). */
    function recordStatements(): { sent: string[][]; restore: () => void } {
      const bundles = t.app.db.bundles;
      if (!bundles) throw new Error("no charges' pool on MariaDB");
      const sent: string[][] = [];
      const create = bundles.createQueryRunner.bind(bundles);
      const spy = jest.spyOn(bundles, "createQueryRunner").mockImplementation((...args) => {
        const runner: QueryRunner = create(...args);
        const statements: string[] = [];
        sent.push(statements);
        const query = runner.query.bind(runner);
        runner.query = ((sql: string, ...rest: unknown[]) => {
          statements.push(sql);
          return (query as (...a: unknown[]) => Promise<unknown>)(sql, ...rest);
        }) as QueryRunner["query"];
        return runner;
      });
      return { sent, restore: () => spy.mockRestore() };
    }

    it("runs a batch of charges in four round trips: begin, its reads, its writes, commit", async () => {
      const team = await teamOrg(t, { members: 2, spaces: 2 });
      const calls = Array.from({ length: 40 }, (_, i) => ({
        memberId: team.members[i % 2].memberId,
        spaceId: team.spaceIds[i % 2],
        model: `model-${i % 3}`,
        credits: 1 + (i % 4),
        idempotencyKey: `b-${i}`,
      }));
      const { sent, restore } = recordStatements();
      try {
        const { recordUsageBatch } = await team.key.ok(BATCH, { o: team.orgId, calls });
        expect(recordUsageBatch.every((i: { errorCode: string | null }) => i.errorCode === null)).toBe(true);
      } finally {
        restore();
      }
      expect(sent.length).toBeGreaterThan(0);
      expect(sent.length).toBeLessThan(calls.length); // coalesced
      for (const statements of sent) {
        expect(statements).toHaveLength(4);
        expect(statements[0]).toMatch(/^START TRANSACTION/);
        expect(statements[1]).toMatch(/^SELECT \* FROM `pool` WHERE orgId = \? FOR UPDATE;/);
        expect(statements[2].split(";\n").length).toBeGreaterThanOrEqual(7); // pool, counters, events, 3 rollups, ledger
        expect(statements[3]).toBe("COMMIT");
      }
      expect(await t.app.db.manager.countBy(UsageEventEntity, { orgId: team.orgId })).toBe(calls.length);
      await expectLedgerMatches(t.app, team.orgId);
    });

    it("takes several statements in one query only on the charges' connections", async () => {
      // The main pool (everything but charges) refuses a second statement: an injected `;` adds none.
      await expect(t.app.db.manager.query("SELECT 1; SELECT 2")).rejects.toMatchObject({ code: "ER_PARSE_ERROR" });
      const both = await t.app.db.transaction((em) => em.query("SELECT 1 AS one; SELECT 2 AS two"), { bundled: true });
      expect(both).toEqual([[{ one: 1 }], [{ two: 2 }]]);
    });

    it("undoes the statements of a bundle before the one that failed, and the connection serves the next charge", async () => {
      const team = await teamOrg(t);
      const before = await expectLedgerMatches(t.app, team.orgId);
      const update = updateStatement(t.app.db.manager, PoolEntity, { orgId: team.orgId }, { topUpBalance: before.topUpBalance + 1_000 });
      // The first statement succeeds, the second breaks a unique key (the pool's own row again).
      const again = insertStatements(t.app.db.manager, PoolEntity, [before]);
      const failing = t.app.db.transaction((em) => runStatements(em, [update, ...again]), { bundled: true });
      await expect(failing).rejects.toMatchObject({ code: "ER_DUP_ENTRY" });
      expect(await expectLedgerMatches(t.app, team.orgId)).toEqual(before);
      for (let i = 0; i < 12; i++) expect((await team.call({ credits: 2 })).data.creditsCharged).toBe(2);
      const after = await expectLedgerMatches(t.app, team.orgId);
      expect(before.topUpBalance + before.monthlyBalance - (after.topUpBalance + after.monthlyBalance)).toBe(24);
    });
  });
}
