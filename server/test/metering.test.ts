import { addMonthsClamped } from "../src/credits/periods";
import { LedgerEntryEntity, UsageEventEntity } from "../src/entities";
import { expectLedgerMatches, personalLedgerSum, POOL, RECORD, setBuckets, teamOrg } from "./support/credits-fixture";
import { addMember, createOrg, signUp } from "./support/fixtures";
import { expectBooksBalancedAfterEach } from "./support/books";
import { startTestApp, type TestApp } from "./support/test-app";

const SET_CAP =
  "mutation($o: ID!, $s: CapScope!, $t: ID!, $l: Int!) { setCap(orgId: $o, scope: $s, targetId: $t, monthlyLimit: $l) { id scope targetId monthlyLimit usedThisPeriod } }";

let t: TestApp;
expectBooksBalancedAfterEach(() => t);
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

describe("a TEAM pool", () => {
  it("is seeded with 8,000 + 1,000 per seat for a month from activation", async () => {
    const before = t.app.clock.now();
    const team = await teamOrg(t, { members: 2 });
    const { org } = await team.owner.client.ok(POOL, { id: team.orgId });
    expect(org.pool).toMatchObject({
      monthlyAllotment: 11_000,
      monthlyRemaining: 11_000,
      topUpRemaining: 0,
      totalRemaining: 11_000,
      reserved: 0,
    });
    const start = new Date(org.pool.periodStart);
    expect(start.getTime()).toBeGreaterThanOrEqual(before.getTime());
    expect(org.pool.periodEnd).toBe(addMonthsClamped(start, 1).toISOString());
    await expectLedgerMatches(t.app, team.orgId);
  });

  it("spends top-ups first, then the monthly bucket, and records the split", async () => {
    const team = await teamOrg(t);
    await setBuckets(t.app, team.orgId, { topUp: 100, monthly: 1_000 });
    const first = await team.call({ credits: 60 });
    expect(first.data).toMatchObject({ creditsCharged: 60, fromTopUp: 60, fromMonthly: 0, poolRemaining: 1_040 });
    const second = await team.call({ credits: 100 });
    expect(second.data).toMatchObject({ fromTopUp: 40, fromMonthly: 60, poolRemaining: 940 });
    const event = await t.app.db.manager.findOneByOrFail(UsageEventEntity, { id: second.data.eventId });
    expect(event).toMatchObject({ credits: 100, fromTopUp: 40, fromMonthly: 60, model: "gpt-test", memberId: team.members[0].memberId });
    const ledger = await t.app.db.manager.findBy(LedgerEntryEntity, { reference: second.data.eventId });
    expect(ledger.map((l) => [l.bucket, l.kind, l.amount]).sort()).toEqual([
      ["MONTHLY", "USAGE", -60],
      ["TOP_UP", "USAGE", -40],
    ]);
    await expectLedgerMatches(t.app, team.orgId);
  });

  it("refuses bad input with BAD_USER_INPUT and charges nothing", async () => {
    const team = await teamOrg(t, { members: 1 });
    const other = await teamOrg(t);
    const removed = await signUp(t);
    const removedId = await addMember(team.owner, team.orgId, removed);
    await team.owner.client.ok("mutation($o: ID!, $m: ID!) { removeMember(orgId: $o, memberId: $m) }", { o: team.orgId, m: removedId });
    // (the member who came and went added a prorated seat's credits: the pool before the bad calls)
    const before = await expectLedgerMatches(t.app, team.orgId);
    const cases = [
      { credits: 0 },
      { credits: -5 },
      { credits: 1_000_001 },
      { credits: 1, model: "" },
      { credits: 1, model: "   " },
      { credits: 1, model: "m".repeat(201) },
      { credits: 1, key: "" },
      { credits: 1, key: "k".repeat(256) },
      { credits: 1, memberId: other.ownerMemberId },
      { credits: 1, memberId: removedId },
      { credits: 1, memberId: "not-a-member" },
      { credits: 1, spaceId: other.spaceIds[0] },
      { credits: 1, spaceId: "00000000-0000-4000-8000-000000000000" },
    ];
    for (const input of cases)
      expect([JSON.stringify(input), (await team.call(input)).code]).toEqual([JSON.stringify(input), "BAD_USER_INPUT"]);
    const res = await team.key.request(RECORD, {
      input: { orgId: team.orgId, memberId: team.ownerMemberId, spaceId: team.spaceIds[0], model: "m", credits: 1.5, idempotencyKey: "x" },
    });
    expect(res.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    const pool = await expectLedgerMatches(t.app, team.orgId);
    expect(pool.monthlyBalance).toBe(before.monthlyBalance);
    expect(await t.app.db.manager.countBy(UsageEventEntity, { orgId: team.orgId })).toBe(0);
  });

  it("lets a signed-in member record for themself only", async () => {
    const team = await teamOrg(t, { members: 2 });
    const [me, them] = team.members;
    const input = (memberId: string, idempotencyKey: string) => ({
      input: { orgId: team.orgId, memberId, spaceId: team.spaceIds[0], model: "m", credits: 5, idempotencyKey },
    });
    expect((await me.user.client.ok(RECORD, input(me.memberId, "self"))).recordUsage.creditsCharged).toBe(5);
    expect(await me.user.client.code(RECORD, input(them.memberId, "other"))).toBe("FORBIDDEN");
    const stranger = await signUp(t);
    expect(await stranger.client.code(RECORD, input(me.memberId, "stranger"))).toBe("NOT_FOUND");
  });

  it("answers a replay with the first result, and another call under the same key with CONFLICT", async () => {
    const team = await teamOrg(t);
    const first = await team.call({ credits: 7, key: "retry-me" });
    const replay = await team.call({ credits: 7, key: "retry-me" });
    expect(replay.data).toEqual(first.data);
    expect((await team.call({ credits: 8, key: "retry-me" })).code).toBe("CONFLICT");
    expect((await team.call({ credits: 7, key: "retry-me", spaceId: team.spaceIds[1] })).code).toBe("CONFLICT");
    const pool = await expectLedgerMatches(t.app, team.orgId);
    expect(pool.monthlyBalance).toBe(10_000 - 7);
  });

  it("refuses a call the pool cannot cover with BILLING_POOL_EXHAUSTED and the reset time", async () => {
    const team = await teamOrg(t);
    await setBuckets(t.app, team.orgId, { topUp: 0, monthly: 10 });
    const refused = await team.call({ credits: 11 });
    const { org } = await team.owner.client.ok(POOL, { id: team.orgId });
    expect(refused).toMatchObject({ code: "BILLING_POOL_EXHAUSTED", resetsAt: org.pool.periodEnd });
    expect((await team.call({ credits: 10 })).data.poolRemaining).toBe(0);
    expect((await team.call({ credits: 1 })).code).toBe("BILLING_POOL_EXHAUSTED");
    await expectLedgerMatches(t.app, team.orgId);
  });
});

describe("caps", () => {
  it("stops a member at their cap and a Space at its cap, with usedThisPeriod", async () => {
    const team = await teamOrg(t, { members: 2 });
    const [a, b] = team.members;
    const { setCap } = await team.owner.client.ok(SET_CAP, { o: team.orgId, s: "MEMBER", t: a.memberId, l: 100 });
    expect(setCap).toMatchObject({ scope: "MEMBER", targetId: a.memberId, monthlyLimit: 100, usedThisPeriod: 0 });
    expect((await team.call({ memberId: a.memberId, credits: 90 })).data).toBeDefined();
    const refused = await team.call({ memberId: a.memberId, credits: 11 });
    expect(refused.code).toBe("BILLING_MEMBER_CAP_REACHED");
    expect(refused.resetsAt).toBeDefined();
    expect((await team.call({ memberId: b.memberId, credits: 500 })).data).toBeDefined();

    await team.owner.client.ok(SET_CAP, { o: team.orgId, s: "SPACE", t: team.spaceIds[1], l: 50 });
    expect((await team.call({ memberId: b.memberId, spaceId: team.spaceIds[1], credits: 50 })).data).toBeDefined();
    expect((await team.call({ memberId: b.memberId, spaceId: team.spaceIds[1], credits: 1 })).code).toBe("BILLING_SPACE_CAP_REACHED");

    const { org } = await team.owner.client.ok("query($id: ID!) { org(id: $id) { caps { scope targetId monthlyLimit usedThisPeriod } } }", {
      id: team.orgId,
    });
    expect(org.caps).toEqual([
      { scope: "MEMBER", targetId: a.memberId, monthlyLimit: 100, usedThisPeriod: 90 },
      { scope: "SPACE", targetId: team.spaceIds[1], monthlyLimit: 50, usedThisPeriod: 50 },
    ]);
  });

  it("blocks until the reset when lowered below what is used; removing it lifts the block", async () => {
    const team = await teamOrg(t);
    const memberId = team.members[0].memberId;
    await team.call({ memberId, credits: 80 });
    const { setCap } = await team.owner.client.ok(SET_CAP, { o: team.orgId, s: "MEMBER", t: memberId, l: 50 });
    expect(setCap.usedThisPeriod).toBe(80);
    expect((await team.call({ memberId, credits: 1 })).code).toBe("BILLING_MEMBER_CAP_REACHED");
    await team.owner.client.ok("mutation($o: ID!, $c: ID!) { removeCap(orgId: $o, capId: $c) }", { o: team.orgId, c: setCap.id });
    expect((await team.call({ memberId, credits: 1 })).data.creditsCharged).toBe(1);
  });

  it("refuses caps on unknown targets, negative limits, and orgs without a pool", async () => {
    const team = await teamOrg(t);
    const other = await teamOrg(t);
    expect(await team.owner.client.code(SET_CAP, { o: team.orgId, s: "MEMBER", t: other.ownerMemberId, l: 5 })).toBe("BAD_USER_INPUT");
    expect(await team.owner.client.code(SET_CAP, { o: team.orgId, s: "SPACE", t: team.members[0].memberId, l: 5 })).toBe("BAD_USER_INPUT");
    expect(await team.owner.client.code(SET_CAP, { o: team.orgId, s: "MEMBER", t: team.ownerMemberId, l: -1 })).toBe("BAD_USER_INPUT");
    const solo = await signUp(t);
    const soloOrg = await createOrg(solo);
    const { org } = await solo.client.ok("query($id: ID!) { org(id: $id) { members { id } } }", { id: soloOrg });
    expect(await solo.client.code(SET_CAP, { o: soloOrg, s: "MEMBER", t: org.members[0].id, l: 5 })).toBe("BILLING_PLAN_REQUIRED");
  });
});

describe("personal plans", () => {
  it("FREE members get BILLING_PLAN_REQUIRED; a STARTER member spends their own balance", async () => {
    const owner = await signUp(t);
    const orgId = await createOrg(owner, "Solo");
    const { createSpace } = await owner.client.ok('mutation($o: ID!) { createSpace(orgId: $o, name: "S") { id } }', { o: orgId });
    const { org } = await owner.client.ok("query($id: ID!) { org(id: $id) { members { id } } }", { id: orgId });
    const input = (idempotencyKey: string, credits = 100) => ({
      input: { orgId, memberId: org.members[0].id, spaceId: createSpace.id, model: "m", credits, idempotencyKey },
    });
    expect(await owner.client.code(RECORD, input("a"))).toBe("BILLING_PLAN_REQUIRED");

    await t.app.services.personal.setPlan({ kind: "anonymous" }, owner.id, "STARTER");
    const { recordUsage } = await owner.client.ok(RECORD, input("b"));
    expect(recordUsage).toMatchObject({ creditsCharged: 100, fromTopUp: 0, fromMonthly: 0, poolRemaining: 900 });
    const me = await owner.client.ok("{ me { plan creditBalance } }");
    expect(me.me).toEqual({ plan: "STARTER", creditBalance: 900 });
    const refused = await owner.client.request(RECORD, input("c", 901));
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: "BILLING_POOL_EXHAUSTED", resetsAt: expect.any(String) });
    expect((await owner.client.ok("query($id: ID!) { org(id: $id) { plan pool { totalRemaining } } }", { id: orgId })).org).toEqual({
      plan: "STARTER",
      pool: null,
    });
    const sums = await personalLedgerSum(t.app, owner.id);
    expect(sums.ledger).toBe(sums.balance);
  });

  it("never touches a personal balance on TEAM", async () => {
    const team = await teamOrg(t, { members: 2 });
    for (const m of team.members) await t.app.services.personal.setPlan({ kind: "anonymous" }, m.user.id, "PRO");
    const before = await Promise.all(team.members.map((m) => personalLedgerSum(t.app, m.user.id)));
    for (const m of team.members)
      for (let i = 0; i < 3; i++) expect((await team.call({ memberId: m.memberId, credits: 25 })).data).toBeDefined();
    const after = await Promise.all(team.members.map((m) => personalLedgerSum(t.app, m.user.id)));
    expect(after).toEqual(before);
    expect(after.map((s) => s.balance)).toEqual([2_500, 2_500]);
    const personalSpends = await t.app.db.manager
      .createQueryBuilder(UsageEventEntity, "e")
      .where("e.orgId = :o AND e.fromPersonal > 0", { o: team.orgId })
      .getCount();
    expect(personalSpends).toBe(0);
  });
});
