import { ManualClock } from "../src/common/clock";
import { addMonthsClamped, periodAt, periodIndexAt } from "../src/credits/periods";
import { LedgerEntryEntity, ReservationEntity } from "../src/entities";
import { expectLedgerMatches, POOL, setBuckets, teamOrg } from "./support/credits-fixture";
import { signUp } from "./support/fixtures";
import { expectBooksBalancedAfterEach } from "./support/books";
import { startTestApp, type TestApp, testDb } from "./support/test-app";

const DAY = 86_400_000;
const ISO = (d: Date) => d.toISOString();

describe("period arithmetic", () => {
  it("steps month-end anchors from the anchor: Jan 31 → Feb 28/29 → Mar 31", () => {
    const anchor = new Date("2027-01-31T09:30:00.000Z");
    expect([1, 2, 3].map((i) => ISO(addMonthsClamped(anchor, i)))).toEqual([
      "2027-02-28T09:30:00.000Z",
      "2027-03-31T09:30:00.000Z",
      "2027-04-30T09:30:00.000Z",
    ]);
    expect(ISO(addMonthsClamped(new Date("2028-01-31T00:00:00Z"), 1))).toBe("2028-02-29T00:00:00.000Z");
    expect(ISO(addMonthsClamped(new Date("2026-12-15T00:00:00Z"), 13))).toBe("2028-01-15T00:00:00.000Z");
  });

  it("finds the period containing a moment", () => {
    const anchor = new Date("2027-01-31T00:00:00Z");
    expect(periodIndexAt(anchor, new Date("2027-02-27T23:59:59Z"))).toBe(0);
    expect(periodIndexAt(anchor, new Date("2027-02-28T00:00:00Z"))).toBe(1);
    expect(periodIndexAt(anchor, new Date("2027-03-31T00:00:00Z"))).toBe(2);
    expect(periodAt(anchor, 1)).toEqual({ index: 1, start: new Date("2027-02-28T00:00:00Z"), end: new Date("2027-03-31T00:00:00Z") });
  });
});

describe("the monthly cycle", () => {
  const clock = new ManualClock("2027-01-31T10:00:00.000Z");
  let t: TestApp;
  expectBooksBalancedAfterEach(() => t);
  let second: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ clock });
    // A second server process on the same MariaDB (SQLite is single-process: the same app runs the job twice).
    second = testDb() === "mariadb" ? await startTestApp({ clock, shareDatabaseWith: t }) : t;
  });
  afterAll(async () => {
    if (second !== t) await second.close();
    await t.close();
  });

  it("expires the monthly remainder, grants afresh, starts caps over and keeps top-ups, exactly once", async () => {
    clock.set("2027-01-31T10:00:00.000Z");
    const team = await teamOrg(t, { members: 1 });
    await setBuckets(t.app, team.orgId, { topUp: 500, monthly: 9_000 });
    const memberId = team.members[0].memberId;
    await team.owner.client.ok("mutation($o: ID!, $t: ID!) { setCap(orgId: $o, scope: MEMBER, targetId: $t, monthlyLimit: 600) { id } }", {
      o: team.orgId,
      t: memberId,
    });
    await team.call({ memberId, credits: 600 });
    expect((await team.call({ memberId, credits: 1 })).code).toBe("BILLING_MEMBER_CAP_REACHED");
    // Top-ups went first: 500 from top-up, 100 from monthly.
    clock.set("2027-02-28T10:00:00.000Z");
    // Both processes run the period job at once.
    await Promise.all([t.app.jobs.runNow(["periods"]), second.app.jobs.runNow(["periods"])]);
    const { org } = await team.owner.client.ok(POOL, { id: team.orgId });
    expect(org.pool).toMatchObject({
      periodStart: "2027-02-28T10:00:00.000Z",
      periodEnd: "2027-03-31T10:00:00.000Z",
      monthlyAllotment: 10_000,
      monthlyRemaining: 10_000,
      topUpRemaining: 0,
    });
    const grants = await t.app.db.manager.findBy(LedgerEntryEntity, { accountId: team.orgId, kind: "GRANT", reference: "period:1" });
    const expiries = await t.app.db.manager.findBy(LedgerEntryEntity, { accountId: team.orgId, kind: "EXPIRY", reference: "period:1" });
    expect(grants.map((g) => g.amount)).toEqual([10_000]);
    expect(expiries.map((e) => e.amount)).toEqual([-8_900]);
    expect((await team.call({ memberId, credits: 600 })).data.creditsCharged).toBe(600);
    await expectLedgerMatches(t.app, team.orgId);
  });

  it("rolls a due period inside the call itself when no job has run yet", async () => {
    clock.set("2027-03-01T00:00:00.000Z");
    const team = await teamOrg(t);
    await setBuckets(t.app, team.orgId, { topUp: 0, monthly: 5 });
    clock.advance(31 * DAY);
    const res = await team.call({ credits: 100 });
    expect(res.data).toMatchObject({ fromMonthly: 100, poolRemaining: 9_900 });
    await expectLedgerMatches(t.app, team.orgId);
  });

  it("catches up several missed periods, one grant per period", async () => {
    clock.set("2027-04-10T00:00:00.000Z");
    const team = await teamOrg(t);
    clock.advance(95 * DAY);
    await t.app.jobs.runNow(["periods"]);
    const grants = await t.app.db.manager.findBy(LedgerEntryEntity, { accountId: team.orgId, kind: "GRANT" });
    expect(grants.map((g) => g.reference).sort()).toEqual(["period:1", "period:2", "period:3", "plan:TEAM"]);
    const pool = await expectLedgerMatches(t.app, team.orgId);
    expect(ISO(pool.periodStart)).toBe("2027-07-10T00:00:00.000Z");
  });

  it("refills personal balances on their own anniversaries", async () => {
    clock.set("2027-01-31T12:00:00.000Z");
    const team = await teamOrg(t);
    const userId = team.owner.id;
    await t.app.services.personal.setPlan({ kind: "anonymous" }, userId, "PRO");
    await t.app.db.transaction((em) => em.query("UPDATE personal_balance SET balance = 10 WHERE userId = ?", [userId]));
    await t.app.db.transaction((em) =>
      em.insert(LedgerEntryEntity, {
        account: "USER",
        accountId: userId,
        bucket: "PERSONAL",
        kind: "ADJUSTMENT",
        amount: -2_490,
        balanceAfter: 10,
        reference: "test",
        reason: null,
        actorEmail: null,
        at: clock.now(),
      }),
    );
    clock.set("2027-02-28T12:00:00.000Z");
    await t.app.jobs.runNow(["periods"]);
    expect(await t.app.services.personal.balanceOf(userId)).toBe(2_500);
    const entries = await t.app.db.manager.findBy(LedgerEntryEntity, { account: "USER", accountId: userId });
    expect(entries.reduce((s, e) => s + e.amount, 0)).toBe(2_500);
  });
});

describe("the soft alert", () => {
  const clock = new ManualClock("2027-05-01T00:00:00.000Z");
  let t: TestApp;
  expectBooksBalancedAfterEach(() => t);
  beforeAll(async () => {
    t = await startTestApp({ clock });
  });
  afterAll(() => t.close());
  const alerts = (to: string) => t.mail.sent.filter((m) => m.to === to && m.subject.includes("credit pool is below"));

  it("emails each OWNER once when the pool first falls below the threshold; re-armed by a top-up above it and by the refill", async () => {
    const team = await teamOrg(t); // allotment 10,000; 20% = 2,000
    await team.call({ credits: 7_900 });
    await t.app.jobs.runNow(["mail"]);
    expect(alerts(team.owner.email)).toHaveLength(0);
    await team.call({ credits: 200 }); // 1,900 left
    await team.call({ credits: 100 });
    await t.app.jobs.runNow(["mail"]);
    expect(alerts(team.owner.email)).toHaveLength(1);
    expect(alerts(team.owner.email)[0].text).toContain("1,900 credits left");
    expect(alerts(team.owner.email)[0].text).toContain(`/orgs/${team.orgId}/billing`);
    // 8,100 spent "today" on this clock: 1,158 a day, so 1,900 lasts 1 more day, before the refill.
    expect(alerts(team.owner.email)[0].text).toContain(
      "At the last week's pace (1,158 credits a day) the pool lasts about 1 more day: before the refill.",
    );

    await t.app.db.transaction((em) => t.app.services.pools.creditTopUp(em, team.orgId, 1_000, "cs_test_small")); // 2,800: above again
    await team.call({ credits: 900 }); // 1,900: below again → second alert
    await t.app.jobs.runNow(["mail"]);
    expect(alerts(team.owner.email)).toHaveLength(2);

    clock.advance(31 * DAY);
    await t.app.jobs.runNow(["periods"]);
    await team.call({ credits: 10_000 });
    await t.app.jobs.runNow(["mail"]);
    expect(alerts(team.owner.email)).toHaveLength(3);
  });

  it("uses the threshold OWNER or ADMIN set (1 to 99)", async () => {
    const team = await teamOrg(t);
    const set = "mutation($o: ID!, $p: Int!) { setSoftAlertThreshold(orgId: $o, percent: $p) { softAlertThresholdPercent } }";
    expect(await team.owner.client.code(set, { o: team.orgId, p: 0 })).toBe("BAD_USER_INPUT");
    expect(await team.owner.client.code(set, { o: team.orgId, p: 100 })).toBe("BAD_USER_INPUT");
    expect((await team.owner.client.ok(set, { o: team.orgId, p: 50 })).setSoftAlertThreshold.softAlertThresholdPercent).toBe(50);
    await team.call({ credits: 5_001 });
    await t.app.jobs.runNow(["mail"]);
    expect(alerts(team.owner.email)[0].subject).toContain("below 50%");
  });
});

describe("support grants", () => {
  let t: TestApp;
  expectBooksBalancedAfterEach(() => t);
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());
  const GRANT =
    "mutation($o: ID!, $c: Int!, $r: String!) { grantCredits(orgId: $o, credits: $c, reason: $r) { topUpRemaining monthlyRemaining totalRemaining } }";

  it("adds to the top-up bucket, removes only from it and never more than it holds, and audits with the staff email and reason", async () => {
    const team = await teamOrg(t);
    const staff = await signUp(t, { email: "staff@support.test" });
    expect((await staff.client.ok(GRANT, { o: team.orgId, c: 500, r: "outage credit" })).grantCredits).toEqual({
      topUpRemaining: 500,
      monthlyRemaining: 10_000,
      totalRemaining: 10_500,
    });
    // The review's stray minus sign: refused, saying how much there is, and nothing moves (the monthly bucket least of all).
    const tooMuch = await staff.client.request(GRANT, { o: team.orgId, c: -20_000, r: "remove everything" });
    expect(tooMuch.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(tooMuch.errors?.[0]?.message).toContain("holds 500 credits");
    expect((await staff.client.ok(GRANT, { o: team.orgId, c: -500, r: "take the credit back" })).grantCredits).toEqual({
      topUpRemaining: 0,
      monthlyRemaining: 10_000,
      totalRemaining: 10_000,
    });
    expect(await staff.client.code(GRANT, { o: team.orgId, c: 10, r: "" })).toBe("BAD_USER_INPUT");
    expect(await team.owner.client.code(GRANT, { o: team.orgId, c: 10, r: "please" })).toBe("FORBIDDEN");
    const { org } = await team.owner.client.ok("query($id: ID!) { org(id: $id) { auditLog { action actorEmail details } } }", {
      id: team.orgId,
    });
    const adjustments = org.auditLog.filter((e: { action: string }) => e.action === "credits.adjusted");
    expect(adjustments.map((e: { actorEmail: string }) => e.actorEmail)).toEqual(["staff@support.test", "staff@support.test"]);
    expect(JSON.parse(adjustments[1].details).after).toMatchObject({ reason: "outage credit", requested: 500 });
    await expectLedgerMatches(t.app, team.orgId);
  });
});

describe("reservations and batches", () => {
  const clock = new ManualClock("2027-06-01T00:00:00.000Z");
  let t: TestApp;
  expectBooksBalancedAfterEach(() => t);
  beforeAll(async () => {
    t = await startTestApp({ clock });
  });
  afterAll(() => t.close());
  const RESERVE = "mutation($i: ReserveCreditsInput!) { reserveCredits(input: $i) { id credits status expiresAt } }";
  const SETTLE =
    "mutation($o: ID!, $r: ID!, $c: Int!) { settleReservation(orgId: $o, reservationId: $r, credits: $c) { creditsCharged fromTopUp fromMonthly poolRemaining } }";
  const RELEASE = "mutation($o: ID!, $r: ID!) { releaseReservation(orgId: $o, reservationId: $r) }";

  it("holds against the pool and caps, settles the actual cost, releases, and expires", async () => {
    const team = await teamOrg(t);
    const memberId = team.members[0].memberId;
    await setBuckets(t.app, team.orgId, { topUp: 0, monthly: 1_000 });
    await team.owner.client.ok("mutation($o: ID!, $t: ID!) { setCap(orgId: $o, scope: MEMBER, targetId: $t, monthlyLimit: 700) { id } }", {
      o: team.orgId,
      t: memberId,
    });
    const hold = (credits: number, ttlSeconds?: number) =>
      team.key.request(RESERVE, { i: { orgId: team.orgId, memberId, spaceId: team.spaceIds[0], model: "big", credits, ttlSeconds } });

    const first = (await hold(600)).data!.reserveCredits;
    expect(first).toMatchObject({ credits: 600, status: "HELD" });
    expect((await team.call({ memberId, credits: 101 })).code).toBe("BILLING_MEMBER_CAP_REACHED");
    expect((await team.key.ok(POOL, { id: team.orgId })).org.pool).toMatchObject({ reserved: 600, totalRemaining: 1_000 });

    // Settling for more than held passes only if the cap allows: 650 fits under 700.
    expect((await team.key.ok(SETTLE, { o: team.orgId, r: first.id, c: 650 })).settleReservation).toMatchObject({
      creditsCharged: 650,
      poolRemaining: 350,
    });
    expect((await team.key.ok(SETTLE, { o: team.orgId, r: first.id, c: 650 })).settleReservation.creditsCharged).toBe(650);
    expect(await team.key.code(SETTLE, { o: team.orgId, r: first.id, c: 10 })).toBe("CONFLICT");

    const second = (await hold(50)).data!.reserveCredits;
    expect((await hold(1)).errors?.[0]?.extensions?.code).toBe("BILLING_MEMBER_CAP_REACHED");
    expect((await team.key.ok(RELEASE, { o: team.orgId, r: second.id })).releaseReservation).toBe(true);
    expect(await team.key.code(RELEASE, { o: team.orgId, r: second.id })).toBe("CONFLICT");

    const third = (await hold(40, 60)).data!.reserveCredits;
    clock.advance(61_000);
    await t.app.jobs.runNow(["reservations"]);
    expect((await t.app.db.manager.findOneByOrFail(ReservationEntity, { id: third.id })).status).toBe("EXPIRED");
    expect(await team.key.code(SETTLE, { o: team.orgId, r: third.id, c: 40 })).toBe("CONFLICT");
    const pool = await expectLedgerMatches(t.app, team.orgId);
    expect(pool).toMatchObject({ reserved: 0, monthlyBalance: 350 });
  });

  it("answers a batch with one result or error per call, in order", async () => {
    const team = await teamOrg(t);
    await setBuckets(t.app, team.orgId, { topUp: 0, monthly: 100 });
    const BATCH =
      "mutation($o: ID!, $c: [UsageCallInput!]!) { recordUsageBatch(orgId: $o, calls: $c) { index result { creditsCharged poolRemaining } errorCode resetsAt } }";
    const call = (credits: number, idempotencyKey: string, memberId = team.ownerMemberId) => ({
      memberId,
      spaceId: team.spaceIds[0],
      model: "m",
      credits,
      idempotencyKey,
    });
    const { recordUsageBatch } = await team.key.ok(BATCH, {
      o: team.orgId,
      c: [call(60, "a"), call(60, "b"), call(0, "c"), call(40, "d"), call(60, "a"), call(1, "e", "nobody")],
    });
    expect(
      recordUsageBatch.map(
        (r: { errorCode: string | null; result: { poolRemaining: number } | null }) => r.errorCode ?? r.result?.poolRemaining,
      ),
    ).toEqual([40, "BILLING_POOL_EXHAUSTED", "BAD_USER_INPUT", 0, 40, "BAD_USER_INPUT"]);
    expect(recordUsageBatch[1].resetsAt).toBeDefined();
    expect(await team.key.code(BATCH, { o: team.orgId, c: [] })).toBe("BAD_USER_INPUT");
    await expectLedgerMatches(t.app, team.orgId);
  });
});
