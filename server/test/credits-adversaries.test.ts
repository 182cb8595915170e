import { setTimeout as sleep } from "node:timers/promises";
import { createConnection } from "mysql2/promise";
import type { OffsetClock } from "../src/common/clock";
import { MembershipEntity, PeriodUsageEntity, PoolEntity, ReservationEntity, UsageRollupEntity } from "../src/entities";
import { expectLedgerMatches, personalLedgerSum, POOL, RECORD, setBuckets, teamOrg } from "./support/credits-fixture";
import { addMember, createOrg, orgWithTeam, signUp } from "./support/fixtures";
import { upgradeToTeam } from "./support/stripe-fixture";
import { startTestApp, type TestApp, testDb } from "./support/test-app";

/**
 * The security review's reproductions (findings 2, 4, 5, 6, 11, 16, 20), each the
 * review's way, against a real server on SQLite and on MariaDB.
 */

const SET_CAP =
  "mutation($o: ID!, $t: ID!, $l: Int!) { setCap(orgId: $o, scope: MEMBER, targetId: $t, monthlyLimit: $l) { monthlyLimit } }";
const GRANT = 'mutation($o: ID!, $c: Int!) { grantCredits(orgId: $o, credits: $c, reason: "goodwill") { topUpRemaining totalRemaining } }';
const REMOVE = "mutation($o: ID!, $m: ID!) { removeMember(orgId: $o, memberId: $m) }";
const RESERVE = "mutation($input: ReserveCreditsInput!) { reserveCredits(input: $input) { id } }";
const SETTLE =
  "mutation($o: ID!, $r: ID!, $c: Int!) { settleReservation(orgId: $o, reservationId: $r, credits: $c) { creditsCharged poolRemaining } }";

/** Fails instead of hanging: the old code deadlocked on SQLite. */
async function within<T>(ms: number, what: string, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer after ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

describe("transactions nest (finding 4)", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it("a transaction opened inside another joins it, and the outermost retries the whole", async () => {
    const { db } = t.app;
    let runs = 0;
    const result = await within(
      5_000,
      "nested transaction",
      db.transaction(async (outer) => {
        runs++;
        expect(db.em()).toBe(outer);
        const inner = await db.transaction(async (em) => {
          expect(em).toBe(outer);
          // A deadlock seen by the inner call is retried by the outer one, as a whole.
          if (runs === 1) throw Object.assign(new Error("Deadlock found"), { errno: 1213 });
          return em.query("SELECT 1 AS one");
        });
        return inner;
      }),
    );
    expect(Number(result[0].one)).toBe(1);
    expect(runs).toBe(2);
    expect(db.em()).toBe(db.manager);
  });

  it("work started inside a transaction that runs after it ended opens its own (never the released one)", async () => {
    const { db } = t.app;
    let later: Promise<unknown> = Promise.resolve();
    let inside: unknown;
    await db.transaction(async (em) => {
      inside = em;
      later = sleep(30).then(() =>
        db.transaction(async (own) => {
          expect(own).not.toBe(inside);
          return own.query("SELECT 1 AS one");
        }),
      );
    });
    await within(5_000, "late transaction", later);
    expect(db.em()).toBe(db.manager);
  });
});

describe("setCap on an org whose Team plan ended (findings 4 and 16)", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it("answers BILLING_PLAN_REQUIRED promptly, shows no pool or forecast, and later writes still work", async () => {
    const team = await orgWithTeam(t);
    await upgradeToTeam(team.owner, team.orgId);
    await team.owner.client.ok("mutation($o: ID!) { scheduleDowngrade(orgId: $o) { id } }", { o: team.orgId });
    // The dev clock is staff's to move when STAFF_EMAILS is set.
    const staff = await signUp(t, { email: "staff@support.test" });
    await staff.client.ok("mutation($d: Int!) { devAdvanceClock(days: $d) }", { d: 32 });
    const { org } = await team.owner.client.ok("query($o: ID!) { org(id: $o) { myRole members { id role } } }", { o: team.orgId });
    const ownerMemberId = org.members.find((m: { role: string }) => m.role === "OWNER").id;

    const res = await within(10_000, "setCap", team.owner.client.request(SET_CAP, { o: team.orgId, t: ownerMemberId, l: 100 }));
    expect(res.errors?.[0]?.extensions?.code).toBe("BILLING_PLAN_REQUIRED");
    const after = await within(
      10_000,
      "org",
      team.owner.client.ok("query($o: ID!) { org(id: $o) { plan pool { totalRemaining } forecast { resetAt } caps { id } } }", {
        o: team.orgId,
      }),
    );
    expect(after.org).toEqual({ plan: "PRO", pool: null, forecast: null, caps: [] });
    // The writer is free: a sign-up (a write) answers.
    await within(10_000, "signUp after setCap", signUp(t));
    // A live Team org between its period end and the periods job: setCap rolls the pool inside its own transaction.
    const live = await teamOrg(t, { at: new Date(t.app.clock.now().getTime() - 40 * 86_400_000) });
    const { setCap } = await within(
      10_000,
      "setCap on a due pool",
      live.owner.client.ok(SET_CAP, { o: live.orgId, t: live.members[0].memberId, l: 50 }),
    );
    expect(setCap.monthlyLimit).toBe(50);
    const pool = await expectLedgerMatches(t.app, live.orgId);
    expect(pool.periodEnd.getTime()).toBeGreaterThan(t.app.clock.now().getTime());
  });
});

describe("seat credits are minted once per seat-slot per period (finding 2)", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it("five invite → accept → remove cycles mint one new seat's prorated credits, once", async () => {
    const team = await teamOrg(t, { members: 3 }); // owner + 3: four seats paid for by the allotment
    const alt = await signUp(t, { name: "Alt" });
    const pool = async () => (await team.owner.client.ok(POOL, { id: team.orgId })).org.pool;
    const start = await pool();

    const cycle = async () => {
      const memberId = await addMember(team.owner, team.orgId, alt, "MEMBER");
      const withAlt = await pool();
      await team.owner.client.ok(REMOVE, { o: team.orgId, m: memberId });
      return withAlt;
    };
    // The first time, alt fills a 5th seat-slot the period has not had: its prorated credits, once.
    const first = await cycle();
    const seatCredits = first.monthlyAllotment - start.monthlyAllotment;
    expect(seatCredits).toBeGreaterThan(0);
    expect(seatCredits).toBeLessThanOrEqual(1_000);
    expect(first.monthlyRemaining - start.monthlyRemaining).toBe(seatCredits);
    const afterFirst = await pool();
    // Four more cycles: the slot was already paid for this period, nothing more is minted.
    for (let i = 0; i < 4; i++) await cycle();
    expect(await pool()).toEqual(afterFirst);
    await expectLedgerMatches(t.app, team.orgId);

    // Two genuinely new seats at once (a 5th and a 6th): only the 6th slot is new.
    const more = [await signUp(t), await signUp(t)];
    await addMember(team.owner, team.orgId, more[0]);
    expect((await pool()).monthlyAllotment).toBe(afterFirst.monthlyAllotment);
    await addMember(team.owner, team.orgId, more[1]);
    expect((await pool()).monthlyAllotment - afterFirst.monthlyAllotment).toBe(seatCredits);

    // A new period starts its mark at its own seat count (six): the next (7th) seat mints.
    const row = await t.app.db.manager.findOneByOrFail(PoolEntity, { orgId: team.orgId });
    expect(row.seatHighWater).toBe(6);
  });
});

describe("holds are released exactly once (finding 5)", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const counters = (orgId: string) => t.app.db.manager.findBy(PeriodUsageEntity, { orgId });

  async function holdOf(team: Awaited<ReturnType<typeof teamOrg>>, credits: number) {
    const { reserveCredits } = await team.key.ok(RESERVE, {
      input: { orgId: team.orgId, memberId: team.members[0].memberId, spaceId: team.spaceIds[0], model: "m", credits, ttlSeconds: 10 },
    });
    return reserveCredits.id as string;
  }

  async function expectWholePoolNotOverdrawn(team: Awaited<ReturnType<typeof teamOrg>>) {
    const pool = (await team.key.ok(POOL, { id: team.orgId })).org.pool;
    expect(pool.reserved).toBe(0);
    // More than the pool has is refused; exactly the pool is charged, and it ends at zero.
    expect((await team.call({ credits: pool.totalRemaining + 500 })).code).toBe("BILLING_POOL_EXHAUSTED");
    expect((await team.call({ credits: pool.totalRemaining })).data.poolRemaining).toBe(0);
    const row = await expectLedgerMatches(t.app, team.orgId);
    expect(row.topUpBalance + row.monthlyBalance).toBe(0);
    for (const c of await counters(team.orgId)) expect(c.reserved).toBe(0);
  }

  it("a settle stalled after its checks while the hold expires and the job runs: charged once, nothing returned twice", async () => {
    const team = await teamOrg(t);
    await setBuckets(t.app, team.orgId, { topUp: 0, monthly: 9_000 });
    const reservationId = await holdOf(team, 500);
    const clock = t.app.clock as OffsetClock;

    if (testDb() === "mariadb") {
      // A second session holds the member's counter row, so the settle waits after its checks (holding the pool lock).
      const conn = await createConnection(t.config.databaseUrl as string);
      await conn.query("BEGIN");
      await conn.query("SELECT used FROM period_usage WHERE orgId = ? AND scope = 'MEMBER' AND targetId = ? FOR UPDATE", [
        team.orgId,
        team.members[0].memberId,
      ]);
      const settle = team.key.request(SETTLE, { o: team.orgId, r: reservationId, c: 500 });
      await sleep(700);
      clock.advance(11_000); // the hold's 10 s are over
      const expiry = t.app.services.reservations.expireDue();
      await sleep(700);
      await conn.query("COMMIT");
      await conn.end();
      const [settled, expired] = await Promise.all([settle, expiry]);
      expect(settled.errors).toBeUndefined();
      expect(settled.data?.settleReservation).toEqual({ creditsCharged: 500, poolRemaining: 8_500 });
      expect(expired).toBe(0);
    } else {
      // SQLite has one writer: the job runs between the settle and anything after it.
      const settled = await team.key.ok(SETTLE, { o: team.orgId, r: reservationId, c: 500 });
      expect(settled.settleReservation).toEqual({ creditsCharged: 500, poolRemaining: 8_500 });
      clock.advance(11_000);
      expect(await t.app.services.reservations.expireDue()).toBe(0);
    }
    expect((await t.app.db.manager.findOneByOrFail(ReservationEntity, { id: reservationId })).status).toBe("SETTLED");
    await expectWholePoolNotOverdrawn(team);
  });

  it("an expired hold cannot be settled or released after the job returned it; a released one is not expired again", async () => {
    const team = await teamOrg(t);
    await setBuckets(t.app, team.orgId, { topUp: 0, monthly: 9_000 });
    const clock = t.app.clock as OffsetClock;
    const expiring = await holdOf(team, 700);
    const released = await holdOf(team, 300);
    await team.key.ok("mutation($o: ID!, $r: ID!) { releaseReservation(orgId: $o, reservationId: $r) }", { o: team.orgId, r: released });
    clock.advance(11_000);
    const [settle, expiry] = await Promise.all([
      team.key.request(SETTLE, { o: team.orgId, r: expiring, c: 700 }),
      t.app.services.reservations.expireDue(),
    ]);
    expect(settle.errors?.[0]?.extensions?.code).toBe("CONFLICT");
    expect(expiry).toBe(1);
    expect(await t.app.services.reservations.expireDue()).toBe(0);
    expect(
      await team.key.code("mutation($o: ID!, $r: ID!) { releaseReservation(orgId: $o, reservationId: $r) }", {
        o: team.orgId,
        r: expiring,
      }),
    ).toBe("CONFLICT");
    const statuses = await t.app.db.manager.findBy(ReservationEntity, { orgId: team.orgId });
    expect(Object.fromEntries(statuses.map((r) => [r.id, r.status]))).toEqual({ [expiring]: "EXPIRED", [released]: "RELEASED" });
    await expectWholePoolNotOverdrawn(team);
  });
});

describe("idempotency keys, models and Space names compare byte for byte (finding 6)", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it("keys differing only in case, accent, trailing space or emoji are distinct calls, each charged", async () => {
    const team = await teamOrg(t);
    const keys = ["Case-Key-r1", "case-key-r1", "Case-Key-r1 ", "Cäse-Key-r1", "e-😀-r1", "e-🔥-r1"];
    const events = new Set<string>();
    for (const key of keys) {
      const res = await team.call({ credits: 10, key });
      expect({ key, code: res.code }).toEqual({ key, code: undefined });
      expect(res.data.creditsCharged).toBe(10);
      events.add(res.data.eventId);
    }
    expect(events.size).toBe(keys.length);
    // The same key again is a replay, not a new charge.
    expect((await team.call({ credits: 10, key: "e-🔥-r1" })).data.eventId).toBeDefined();
    const pool = await expectLedgerMatches(t.app, team.orgId);
    expect(pool.monthlyAllotment - pool.monthlyBalance).toBe(10 * keys.length);
  });

  it("40 MEMBER calls fired with case-variant key calls of an API key all succeed", async () => {
    const team = await teamOrg(t);
    const member = team.members[0];
    await team.call({ credits: 5, key: "Case-Key-r1" });
    const mine = Array.from({ length: 40 }, (_, i) =>
      member.user.client.request(RECORD, {
        input: {
          orgId: team.orgId,
          memberId: member.memberId,
          spaceId: team.spaceIds[0],
          model: "m",
          credits: 1,
          idempotencyKey: `mine-${i}`,
        },
      }),
    );
    const variants = ["CASE-KEY-r1", "case-key-r1", "Case-Key-R1", "CASE-KEY-r1", "Cäse-Key-r1"].map((key) =>
      team.call({ credits: 5, key }),
    );
    const [own, theirs] = await Promise.all([Promise.all(mine), Promise.all(variants)]);
    expect(own.map((r) => r.errors?.[0]?.extensions?.code ?? "ok")).toEqual(own.map(() => "ok"));
    expect(theirs.map((r) => r.code ?? "ok")).toEqual(theirs.map(() => "ok"));
    // "CASE-KEY-r1" twice is one call; the four distinct variants are four.
    const pool = await expectLedgerMatches(t.app, team.orgId);
    expect(pool.monthlyAllotment - pool.monthlyBalance).toBe(5 + 40 + 5 * 4);
  });

  it("models differing in case keep their own rollup rows", async () => {
    const team = await teamOrg(t);
    await team.call({ credits: 3, model: "GPT-4" });
    await team.call({ credits: 4, model: "gpt-4" });
    const rows = await t.app.db.manager.findBy(UsageRollupEntity, { orgId: team.orgId });
    expect(rows.map((r) => [r.model, Number(r.credits)]).sort()).toEqual([
      ["GPT-4", 3],
      ["gpt-4", 4],
    ]);
  });

  it("Space names: case-only variants are the same Space, distinct emoji are not", async () => {
    const owner = await signUp(t);
    const orgId = await createOrg(owner);
    const create = (name: string) =>
      owner.client.request("mutation($o: ID!, $n: String!) { createSpace(orgId: $o, name: $n) { name } }", { o: orgId, n: name });
    for (const name of ["🚀", "🔥", "Main", "Café", "Cafe"]) expect((await create(name)).errors).toBeUndefined();
    for (const name of ["main", "MAIN", " Main "]) expect((await create(name)).errors?.[0]?.extensions?.code).toBe("CONFLICT");
  });
});

describe("balances fit the API (finding 20)", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it("the 22nd grant of 100M is refused before anything is written, and the pool answers normally", async () => {
    const team = await teamOrg(t);
    const staff = await signUp(t, { email: "staff@support.test" });
    for (let i = 1; i <= 21; i++) await staff.client.ok(GRANT, { o: team.orgId, c: 100_000_000 });
    const before = await expectLedgerMatches(t.app, team.orgId);
    expect(await staff.client.code(GRANT, { o: team.orgId, c: 100_000_000 })).toBe("BAD_USER_INPUT");
    expect(await expectLedgerMatches(t.app, team.orgId)).toEqual(before);
    const { org } = await team.owner.client.ok(POOL, { id: team.orgId });
    expect(org.pool.totalRemaining).toBe(before.topUpBalance + before.monthlyBalance);
    expect((await team.call({ credits: 1_000, key: "int-overflow-1" })).data.creditsCharged).toBe(1_000);

    // A top-up that would not fit is refused before a checkout session exists.
    const topUp = "mutation($o: ID!, $c: Int!) { startTopUpCheckout(orgId: $o, credits: $c) { id } }";
    const room = 2_147_483_647 - (org.pool.totalRemaining - 1_000);
    await staff.client.ok(GRANT, { o: team.orgId, c: room - 50_000 });
    const sessions = await t.app.services.gateway.stripe.checkout.sessions.list({ limit: 100 });
    expect(await team.owner.client.code(topUp, { o: team.orgId, c: 60_000 })).toBe("BAD_USER_INPUT");
    expect((await t.app.services.gateway.stripe.checkout.sessions.list({ limit: 100 })).data.length).toBe(sessions.data.length);
    // Enterprise terms whose allotment, with the top-ups kept, would not fit.
    const terms = "mutation($o: ID!, $c: Int!) { setEnterpriseTerms(orgId: $o, monthlyCredits: $c, sso: false, dpa: false) { plan } }";
    expect(await staff.client.code(terms, { o: team.orgId, c: 1_000_000_000 })).toBe("BAD_USER_INPUT");
    expect((await team.owner.client.ok("query($o: ID!) { org(id: $o) { plan } }", { o: team.orgId })).org.plan).toBe("TEAM");
    await expectLedgerMatches(t.app, team.orgId);
  });
});

describe("personal credits need the member's consent (finding 11)", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it("an org API key spends a member's personal credits only once the member allowed it; their own session always may", async () => {
    const victim = await signUp(t, { name: "Victim" });
    await t.app.services.personal.setPlan({ kind: "anonymous" }, victim.id, "PRO");
    const boss = await signUp(t, { name: "Boss" });
    const orgId = await createOrg(boss, "Boss Org");
    const memberId = await addMember(boss, orgId, victim, "MEMBER");
    const { createSpace } = await boss.client.ok('mutation($o: ID!) { createSpace(orgId: $o, name: "Work") { id } }', { o: orgId });
    const { createApiKey } = await boss.client.ok(
      'mutation($o: ID!) { createApiKey(orgId: $o, name: "k", scopes: [USAGE_WRITE]) { secret } }',
      { o: orgId },
    );
    const key = t.client({ bearer: createApiKey.secret });
    const input = (credits: number, idempotencyKey: string) => ({
      input: { orgId, memberId, spaceId: createSpace.id, model: "m", credits, idempotencyKey },
    });
    const balance = async () => (await victim.client.ok("{ me { creditBalance } }")).me.creditBalance;
    const start = await balance();

    const refused = await key.request(RECORD, input(2_500, "drain"));
    expect(refused.errors?.[0]?.extensions?.code).toBe("BILLING_PLAN_REQUIRED");
    expect(refused.errors?.[0]?.message).toMatch(/Personal credits/);
    const batch = await key.request(`mutation($o: ID!, $c: [UsageCallInput!]!) { recordUsageBatch(orgId: $o, calls: $c) { __typename } }`, {
      o: orgId,
      c: [{ memberId, spaceId: createSpace.id, model: "m", credits: 1, idempotencyKey: "b1" }],
    });
    expect(JSON.stringify(batch)).not.toMatch(/"UsageResult"/);
    expect(await balance()).toBe(start);

    // The member's own session spends their own credits.
    await victim.client.ok(RECORD, input(10, "own"));
    expect(await balance()).toBe(start - 10);

    await t.app.db.manager.update(MembershipEntity, { id: memberId }, { personalCreditsAllowed: true });
    await key.ok(RECORD, input(20, "allowed"));
    expect(await balance()).toBe(start - 30);
    const ledger = await personalLedgerSum(t.app, victim.id);
    expect(ledger.ledger).toBe(ledger.balance);
  });
});
