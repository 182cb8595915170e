import { ManualClock } from "../src/common/clock";
import { DomainEvents } from "../src/common/domain-events";
import { UsageVoided } from "../src/credits/corrections-events";
import { AuditEntryEntity, LedgerEntryEntity, ReservationEntity } from "../src/entities";
import { checkBooks, expectBooksBalancedAfterEach } from "./support/books";
import { personalLedgerSum, POOL, setBuckets, type TeamOrg, teamOrg } from "./support/credits-fixture";
import { addMember, createOrg, type SignedInUser, signUp } from "./support/fixtures";
import { startTestApp, type TestApp } from "./support/test-app";

// Issue 15, item 1: taking back a call metered by mistake, every bucket situation.

const DAY = 86_400_000;
const VOID = `mutation($o: ID!, $e: ID!, $r: String!) {
  voidUsage(orgId: $o, eventId: $e, reason: $r) { id credits fromTopUp fromMonthly occurredAt voidedAt voidReason }
}`;
const CAPS = "query($id: ID!) { org(id: $id) { caps { id scope targetId monthlyLimit usedThisPeriod } } }";
const SET_CAP =
  "mutation($o: ID!, $s: CapScope!, $t: ID!, $l: Int!) { setCap(orgId: $o, scope: $s, targetId: $t, monthlyLimit: $l) { id } }";
const REPORT = `query($id: ID!, $from: DateTime, $to: DateTime) { org(id: $id) { usage(from: $from, to: $to) {
  totalCredits calls byMember { memberId credits calls } bySpace { spaceId credits calls } byModel { model credits calls } daily { date credits calls }
} } }`;
const EVENTS = "query($id: ID!) { org(id: $id) { usageEvents(first: 100) { edges { node { id credits voidedAt voidReason } } } } }";
const FORECAST = "query($id: ID!) { org(id: $id) { forecast { burnPerDay caps { capId burnPerDay } } } }";
const AUDIT = `query($id: ID!) { org(id: $id) { auditEntries(first: 20, actionPrefix: "usage.") { edges { node { action actorKind actorName summary } } } } }`;
const RESERVE = "mutation($input: ReserveCreditsInput!) { reserveCredits(input: $input) { id } }";
const SETTLE = "mutation($o: ID!, $r: ID!, $c: Int!) { settleReservation(orgId: $o, reservationId: $r, credits: $c) { eventId } }";
const CREATE_ALERT = `mutation($o: ID!, $t: ID, $p: Int!) {
  createUsageAlert(orgId: $o, scope: MEMBER, targetId: $t, thresholdPercent: $p, notifyRoles: [ADMIN]) { id }
}`;
const ALERTS = "query($id: ID!) { org(id: $id) { usageAlerts { id triggered } } }";

const clock = new ManualClock("2027-03-01T10:00:00.000Z");
let t: TestApp;
expectBooksBalancedAfterEach(() => t);
beforeAll(async () => {
  t = await startTestApp({ clock, env: { RATE_LIMIT_KEY_PER_SECOND: "1000000" } });
});
afterAll(() => t.close());

type Team = TeamOrg & { admin: SignedInUser };

/** A Team org with an ADMIN, one MEMBER, two Spaces, caps on the member and the first Space, and known buckets. */
async function team(buckets: { topUp: number; monthly: number }, at?: Date): Promise<Team> {
  const org = await teamOrg(t, { members: 1, spaces: 2, at });
  const admin = await signUp(t, { name: "Admin" });
  await addMember(org.owner, org.orgId, admin, "ADMIN");
  await org.owner.client.ok(SET_CAP, { o: org.orgId, s: "MEMBER", t: org.members[0].memberId, l: 100_000 });
  await org.owner.client.ok(SET_CAP, { o: org.orgId, s: "SPACE", t: org.spaceIds[0], l: 100_000 });
  await setBuckets(t.app, org.orgId, buckets);
  return { ...org, admin };
}

const pool = async (org: TeamOrg) => {
  const p = (await org.owner.client.ok(POOL, { id: org.orgId })).org.pool;
  return { topUp: p.topUpRemaining as number, monthly: p.monthlyRemaining as number };
};
/** What the caps have used this period: the member's and the first Space's, as the console shows them. */
const used = async (org: TeamOrg) => {
  const caps: { scope: string; usedThisPeriod: number }[] = (await org.owner.client.ok(CAPS, { id: org.orgId })).org.caps;
  return {
    member: caps.find((c) => c.scope === "MEMBER")?.usedThisPeriod,
    space: caps.find((c) => c.scope === "SPACE")?.usedThisPeriod,
  };
};
const report = async (org: TeamOrg, range: { from?: Date; to?: Date } = {}) =>
  (await org.owner.client.ok(REPORT, { id: org.orgId, from: range.from?.toISOString(), to: range.to?.toISOString() })).org.usage;
const voidLines = (orgId: string) =>
  t.app.db.manager.find(LedgerEntryEntity, { where: { accountId: orgId, kind: "VOID" }, order: { id: "ASC" } });
const voidAudits = (orgId: string) => t.app.db.manager.findBy(AuditEntryEntity, { orgId, action: "usage.voided" });
const audit = async (org: TeamOrg) =>
  (await org.owner.client.ok(AUDIT, { id: org.orgId })).org.auditEntries.edges.map(
    (e: { node: { action: string; actorKind: string; actorName: string; summary: string } }) => e.node,
  );
const csv = async (org: TeamOrg) => {
  const bearer = (org.key as unknown as { bearer: string }).bearer;
  const res = await fetch(`${t.url}/orgs/${org.orgId}/usage.csv`, { headers: { authorization: `Bearer ${bearer}` } });
  expect(res.status).toBe(200);
  const lines = (await res.text()).trim().split("\n");
  return { header: lines[0], rows: lines.slice(1) };
};
const codeOf = (res: { errors?: readonly { extensions?: Record<string, unknown> }[] }) => res.errors?.[0]?.extensions?.code;

describe("voidUsage", () => {
  it("returns an all top-up call to the top-up bucket and the counters, audited in words, and counts it out of every report", async () => {
    const org = await team({ topUp: 1_000, monthly: 5_000 });
    const member = org.members[0];
    const kept = await org.call({ credits: 40, model: "gpt-keep" });
    const { data: call } = await org.call({ credits: 300, model: "gpt-oops" });
    expect(call).toMatchObject({ fromTopUp: 300, fromMonthly: 0 });
    expect(await pool(org)).toEqual({ topUp: 660, monthly: 5_000 });
    expect(await used(org)).toEqual({ member: 340, space: 340 });
    const before = await report(org);
    expect(before).toMatchObject({ totalCredits: 340, calls: 2 });
    expect((await csv(org)).rows).toHaveLength(2);

    const emitted: unknown[] = [];
    const emit = DomainEvents.prototype.emit;
    const spy = jest.spyOn(DomainEvents.prototype, "emit").mockImplementation(async function (this: DomainEvents, event, payload) {
      if (event === UsageVoided) emitted.push(payload);
      return emit.call(this, event, payload);
    });
    let voided: Record<string, unknown>;
    try {
      voided = (await org.owner.client.ok(VOID, { o: org.orgId, e: call.eventId, r: "  gateway retried with a fresh key  " })).voidUsage;
    } finally {
      spy.mockRestore();
    }
    expect(voided).toEqual({
      id: call.eventId,
      credits: 300,
      fromTopUp: 300,
      fromMonthly: 0,
      occurredAt: "2027-03-01T10:00:00.000Z",
      voidedAt: "2027-03-01T10:00:00.000Z",
      voidReason: "gateway retried with a fresh key",
    });
    expect(emitted).toEqual([
      {
        orgId: org.orgId,
        eventId: call.eventId,
        memberId: member.memberId,
        memberUserId: member.user.id,
        spaceId: org.spaceIds[0],
        model: "gpt-oops",
        credits: 300,
        returned: { topUp: 300, monthly: 0, personal: 0 },
        reason: "gateway retried with a fresh key",
        voidedAt: new Date("2027-03-01T10:00:00.000Z"),
        actor: { kind: "USER", userId: org.owner.id, apiKeyId: null, description: "Owner" },
      },
    ]);

    expect(await pool(org)).toEqual({ topUp: 960, monthly: 5_000 });
    expect(await used(org)).toEqual({ member: 40, space: 40 });
    expect(await voidLines(org.orgId)).toEqual([
      expect.objectContaining({
        bucket: "TOP_UP",
        amount: 300,
        balanceAfter: 960,
        reference: call.eventId,
        reason: "gateway retried with a fresh key",
        actorEmail: org.owner.email,
      }),
    ]);
    const [entry] = await audit(org);
    expect(entry).toMatchObject({ action: "usage.voided", actorKind: "USER" });
    expect(entry.summary).toBe(
      `Owner voided a call by Member0 (${member.user.email}) in Space "Space 0" (gpt-oops, 300 credits, recorded Mar 1, 2027): 300 credits back to the top-up bucket. Reason: gateway retried with a fresh key`,
    );

    // Every report counts it out; the event list and the CSV keep it, marked.
    const after = await report(org);
    expect(after).toMatchObject({
      totalCredits: 40,
      calls: 1,
      byMember: [{ memberId: member.memberId, credits: 40, calls: 1 }],
      bySpace: [{ spaceId: org.spaceIds[0], credits: 40, calls: 1 }],
      byModel: [{ model: "gpt-keep", credits: 40, calls: 1 }],
    });
    expect(after.daily.find((d: { date: string }) => d.date === "2027-03-01")).toEqual({ date: "2027-03-01", credits: 40, calls: 1 });
    // A range that starts and ends mid-bucket reads raw events at its ends: they count it out too.
    const odd = await report(org, { from: new Date("2027-03-01T09:57:30.000Z"), to: new Date("2027-03-01T10:03:10.000Z") });
    expect(odd).toMatchObject({ totalCredits: 40, calls: 1 });
    const edges = (await org.owner.client.ok(EVENTS, { id: org.orgId })).org.usageEvents.edges.map(
      (e: { node: Record<string, unknown> }) => e.node,
    );
    expect(edges).toEqual(
      expect.arrayContaining([
        { id: call.eventId, credits: 300, voidedAt: "2027-03-01T10:00:00.000Z", voidReason: "gateway retried with a fresh key" },
        { id: kept.data.eventId, credits: 40, voidedAt: null, voidReason: null },
      ]),
    );
    const file = await csv(org);
    expect(file.header).toBe(
      "occurred_at,event_id,member_id,member_name,space_id,space_name,model,credits,from_top_up,from_monthly,from_personal,voided_at,void_reason",
    );
    expect(file.rows).toHaveLength(2);
    expect(file.rows.find((r) => r.includes(call.eventId))).toMatch(
      /,gpt-oops,300,300,0,0,2027-03-01T10:00:00\.000Z,gateway retried with a fresh key$/,
    );
    expect(file.rows.find((r) => r.includes(kept.data.eventId))).toMatch(/,gpt-keep,40,40,0,0,,$/);
    // The forecast's pace (the last 7 days, up to now) counts it out too.
    clock.advance(60_000);
    const forecast = (await org.owner.client.ok(FORECAST, { id: org.orgId })).org.forecast;
    expect(forecast.burnPerDay).toBe(Math.ceil(40 / 7));
    clock.set("2027-03-01T10:00:00.000Z");
  });

  it("returns an all monthly call to the monthly bucket, by a USAGE_WRITE key", async () => {
    const org = await team({ topUp: 0, monthly: 5_000 });
    const { data: call } = await org.call({ credits: 200 });
    expect(call).toMatchObject({ fromTopUp: 0, fromMonthly: 200 });
    const { voidUsage } = await org.key.ok(VOID, { o: org.orgId, e: call.eventId, r: "test run against production" });
    expect(voidUsage.voidReason).toBe("test run against production");
    expect(await pool(org)).toEqual({ topUp: 0, monthly: 5_000 });
    expect(await used(org)).toEqual({ member: 0, space: 0 });
    expect(await voidLines(org.orgId)).toEqual([
      expect.objectContaining({ bucket: "MONTHLY", amount: 200, balanceAfter: 5_000, actorEmail: null }),
    ]);
    const [entry] = await audit(org);
    expect(entry).toMatchObject({ actorKind: "API_KEY" });
    expect(entry.summary).toMatch(/^API key "gateway" voided a call .*: 200 credits back to the monthly bucket\. Reason: test run/);
    expect(await report(org)).toMatchObject({ totalCredits: 0, calls: 0, byMember: [], bySpace: [], byModel: [] });
  });

  it("returns a split call to both buckets, by an ADMIN", async () => {
    const org = await team({ topUp: 100, monthly: 5_000 });
    const { data: call } = await org.call({ credits: 250 });
    expect(call).toMatchObject({ fromTopUp: 100, fromMonthly: 150 });
    expect(await pool(org)).toEqual({ topUp: 0, monthly: 4_850 });
    await org.admin.client.ok(VOID, { o: org.orgId, e: call.eventId, r: "stream billed twice" });
    expect(await pool(org)).toEqual({ topUp: 100, monthly: 5_000 });
    expect(await used(org)).toEqual({ member: 0, space: 0 });
    expect((await voidLines(org.orgId)).map((l) => [l.bucket, l.amount, l.balanceAfter])).toEqual([
      ["TOP_UP", 100, 100],
      ["MONTHLY", 150, 5_000],
    ]);
    expect((await audit(org))[0].summary).toContain("100 credits back to the top-up bucket; 150 credits back to the monthly bucket.");
  });

  it("returns only the top-up part of a previous period's call, and leaves this period's counters alone", async () => {
    clock.set("2027-03-01T10:00:00.000Z");
    const org = await team({ topUp: 100, monthly: 5_000 }, clock.now());
    clock.set("2027-03-30T10:00:00.000Z");
    const { data: old } = await org.call({ credits: 250 });
    expect(old).toMatchObject({ fromTopUp: 100, fromMonthly: 150 });
    // The period ends on Apr 1; nothing reads the pool until the void rolls it.
    clock.set("2027-04-02T10:00:00.000Z");
    await org.owner.client.ok(VOID, { o: org.orgId, e: old.eventId, r: "duplicate from last month" });
    const allotment = (await org.owner.client.ok(POOL, { id: org.orgId })).org.pool.monthlyAllotment;
    expect(await pool(org)).toEqual({ topUp: 100, monthly: allotment });
    expect(await used(org)).toEqual({ member: 0, space: 0 });
    expect((await voidLines(org.orgId)).map((l) => [l.bucket, l.amount])).toEqual([["TOP_UP", 100]]);
    expect((await audit(org))[0].summary).toContain(
      "100 credits back to the top-up bucket; 150 monthly credits not returned, as their month has ended (they would have expired with it).",
    );
    // Last period's report counts it out as well.
    expect(await report(org, { from: new Date("2027-03-01T10:00:00.000Z"), to: new Date("2027-04-01T10:00:00.000Z") })).toMatchObject({
      totalCredits: 0,
      calls: 0,
    });
    clock.set("2027-03-01T10:00:00.000Z");
  });

  it("after the refill: an old call gives back its top-up part only, a new one both, each from this period's counters only if it is this period's", async () => {
    clock.set("2027-03-01T10:00:00.000Z");
    const org = await team({ topUp: 300, monthly: 5_000 }, clock.now());
    clock.set("2027-03-31T09:00:00.000Z");
    const { data: old } = await org.call({ credits: 400 });
    expect(old).toMatchObject({ fromTopUp: 300, fromMonthly: 100 });
    clock.set("2027-04-01T11:00:00.000Z");
    await t.app.jobs.runNow(["periods"]);
    const refilled = await pool(org);
    expect(refilled.topUp).toBe(0);
    const { data: fresh } = await org.call({ credits: 70 });
    expect(fresh).toMatchObject({ fromTopUp: 0, fromMonthly: 70 });
    expect(await used(org)).toEqual({ member: 70, space: 70 });

    await org.owner.client.ok(VOID, { o: org.orgId, e: old.eventId, r: "old duplicate" });
    expect(await pool(org)).toEqual({ topUp: 300, monthly: refilled.monthly - 70 });
    expect(await used(org)).toEqual({ member: 70, space: 70 });

    await org.owner.client.ok(VOID, { o: org.orgId, e: fresh.eventId, r: "new duplicate" });
    expect(await pool(org)).toEqual({ topUp: 300, monthly: refilled.monthly });
    expect(await used(org)).toEqual({ member: 0, space: 0 });
    clock.set("2027-03-01T10:00:00.000Z");
  });

  it("voids a reservation's settled call the same way", async () => {
    const org = await team({ topUp: 50, monthly: 5_000 });
    const member = org.members[0];
    const { reserveCredits } = await org.key.ok(RESERVE, {
      input: { orgId: org.orgId, memberId: member.memberId, spaceId: org.spaceIds[0], model: "long-call", credits: 500 },
    });
    const { settleReservation } = await org.key.ok(SETTLE, { o: org.orgId, r: reserveCredits.id, c: 320 });
    expect(await pool(org)).toEqual({ topUp: 0, monthly: 4_730 });
    expect(await used(org)).toEqual({ member: 320, space: 320 });
    const { voidUsage } = await org.key.ok(VOID, { o: org.orgId, e: settleReservation.eventId, r: "the model call failed after all" });
    expect(voidUsage).toMatchObject({ credits: 320, fromTopUp: 50, fromMonthly: 270 });
    expect(await pool(org)).toEqual({ topUp: 50, monthly: 5_000 });
    expect(await used(org)).toEqual({ member: 0, space: 0 });
    expect(await t.app.db.manager.findOneByOrFail(ReservationEntity, { id: reserveCredits.id })).toMatchObject({ status: "SETTLED" });
    // Settling again answers the settled call (voided now); nothing is charged twice.
    expect((await org.key.request(SETTLE, { o: org.orgId, r: reserveCredits.id, c: 320 })).data?.settleReservation.eventId).toBe(
      settleReservation.eventId,
    );
    expect(await pool(org)).toEqual({ topUp: 50, monthly: 5_000 });
  });

  it("answers a second void with the first one's result and changes the balances once", async () => {
    const org = await team({ topUp: 0, monthly: 5_000 });
    const { data: call } = await org.call({ credits: 120 });
    const first = (await org.owner.client.ok(VOID, { o: org.orgId, e: call.eventId, r: "first reason" })).voidUsage;
    clock.advance(60_000);
    const second = (await org.admin.client.ok(VOID, { o: org.orgId, e: call.eventId, r: "another reason" })).voidUsage;
    const third = (await org.key.ok(VOID, { o: org.orgId, e: call.eventId, r: "and a third" })).voidUsage;
    expect(second).toEqual(first);
    expect(third).toEqual(first);
    expect(first).toMatchObject({ voidedAt: "2027-03-01T10:00:00.000Z", voidReason: "first reason" });
    expect(await pool(org)).toEqual({ topUp: 0, monthly: 5_000 });
    expect(await voidLines(org.orgId)).toHaveLength(1);
    expect(await voidAudits(org.orgId)).toHaveLength(1);
    clock.set("2027-03-01T10:00:00.000Z");
  });

  it("stays exact when voids of one call race each other and new calls race for the credits it returns", async () => {
    const org = await team({ topUp: 0, monthly: 500 });
    const { data: call } = await org.call({ credits: 400 });
    const { data: other } = await org.call({ credits: 50 });
    expect(await pool(org)).toEqual({ topUp: 0, monthly: 50 });
    const voids = [
      ...Array.from({ length: 4 }, (_, i) => org.key.request(VOID, { o: org.orgId, e: call.eventId, r: `racing void ${i}` })),
      ...Array.from({ length: 2 }, (_, i) => org.owner.client.request(VOID, { o: org.orgId, e: other.eventId, r: `racing other ${i}` })),
    ];
    const calls = Array.from({ length: 8 }, () => org.call({ credits: 100 }));
    const [voided, charged] = await Promise.all([Promise.all(voids), Promise.all(calls)]);
    for (const v of voided) expect(v.errors).toBeUndefined();
    const answers = voided.map((v) => v.data?.voidUsage);
    expect(new Set(answers.slice(0, 4).map((a) => JSON.stringify(a))).size).toBe(1);
    expect(new Set(answers.slice(4).map((a) => JSON.stringify(a))).size).toBe(1);
    const admitted = charged.filter((c) => !c.code);
    for (const refused of charged.filter((c) => c.code)) expect(refused.code).toBe("BILLING_POOL_EXHAUSTED");
    // At most what was there plus what came back: 50 + 400 + 50.
    expect(admitted.length).toBeLessThanOrEqual(5);
    expect(await pool(org)).toEqual({ topUp: 0, monthly: 500 - admitted.length * 100 });
    expect(await used(org)).toEqual({ member: admitted.length * 100, space: admitted.length * 100 });
    expect((await voidLines(org.orgId)).map((l) => l.amount).sort()).toEqual([400, 50]);
    expect(await voidAudits(org.orgId)).toHaveLength(2);
    expect(await report(org)).toMatchObject({ totalCredits: admitted.length * 100, calls: admitted.length });
  });

  it("is refused, changing nothing and telling nothing, to a key of another org, a MEMBER and a key without USAGE_WRITE", async () => {
    const org = await team({ topUp: 0, monthly: 5_000 });
    const stranger = await team({ topUp: 0, monthly: 5_000 });
    const { data: call } = await org.call({ credits: 90 });
    const before = await pool(org);

    const crossOrg = await stranger.key.request(VOID, { o: org.orgId, e: call.eventId, r: "not mine" });
    expect(codeOf(crossOrg)).toBe("NOT_FOUND");
    expect(crossOrg.errors?.[0].message).toBe("Org was not found.");
    const ownOrgOtherEvent = await stranger.key.request(VOID, { o: stranger.orgId, e: call.eventId, r: "not mine" });
    expect(codeOf(ownOrgOtherEvent)).toBe("NOT_FOUND");
    expect(ownOrgOtherEvent.errors?.[0].message).toBe("Usage event was not found.");
    const missing = await org.key.request(VOID, { o: org.orgId, e: "not-an-id", r: "typo" });
    expect(missing.errors?.[0].message).toBe("Usage event was not found.");

    const asMember = await org.members[0].user.client.request(VOID, { o: org.orgId, e: call.eventId, r: "mine to take back" });
    expect(codeOf(asMember)).toBe("FORBIDDEN");
    const { createApiKey } = await org.owner.client.ok(
      'mutation($o: ID!) { createApiKey(orgId: $o, name: "reader", scopes: [USAGE_READ]) { secret } }',
      { o: org.orgId },
    );
    const reader = await t.client({ bearer: createApiKey.secret }).request(VOID, { o: org.orgId, e: call.eventId, r: "reader" });
    expect(codeOf(reader)).toBe("FORBIDDEN");
    const shortReason = await org.owner.client.request(VOID, { o: org.orgId, e: call.eventId, r: "  " });
    expect(codeOf(shortReason)).toBe("BAD_USER_INPUT");

    expect(await pool(org)).toEqual(before);
    expect(await voidLines(org.orgId)).toHaveLength(0);
    expect(await voidAudits(org.orgId)).toHaveLength(0);
    const { org: listed } = await org.owner.client.ok(EVENTS, { id: org.orgId });
    expect(listed.usageEvents.edges[0].node.voidedAt).toBeNull();
  });

  it("refuses a call older than 30 days with BAD_USER_INPUT, changing nothing, and voids a younger one", async () => {
    clock.set("2027-03-01T10:00:00.000Z");
    const org = await team({ topUp: 1_000, monthly: 5_000 }, clock.now());
    const { data: old } = await org.call({ credits: 10 });
    clock.set("2027-03-02T10:00:00.000Z");
    const { data: edge } = await org.call({ credits: 20 });
    clock.set(new Date(new Date("2027-03-01T10:00:00.000Z").getTime() + 30 * DAY + 1));
    const before = await pool(org);
    const late = await org.owner.client.request(VOID, { o: org.orgId, e: old.eventId, r: "too late" });
    expect(codeOf(late)).toBe("BAD_USER_INPUT");
    expect(late.errors?.[0].message).toBe(
      "eventId: this call was recorded on Mar 1, 2027, more than 30 days ago; a call can be voided within 30 days",
    );
    expect(await pool(org)).toEqual(before);
    await org.owner.client.ok(VOID, { o: org.orgId, e: edge.eventId, r: "just in time" });
    expect(await pool(org)).toEqual({ topUp: before.topUp + 20, monthly: before.monthly });
    clock.set("2027-03-01T10:00:00.000Z");
  });

  it("resolves a member's cap alert when a void takes the member back above its threshold", async () => {
    const org = await team({ topUp: 0, monthly: 5_000 });
    const member = org.members[0];
    await org.owner.client.ok(SET_CAP, { o: org.orgId, s: "MEMBER", t: member.memberId, l: 1_000 });
    const { createUsageAlert } = await org.owner.client.ok(CREATE_ALERT, { o: org.orgId, t: member.memberId, p: 20 });
    const { data: call } = await org.call({ credits: 850 });
    const alertOf = async () =>
      (await org.owner.client.ok(ALERTS, { id: org.orgId })).org.usageAlerts.find((a: { id: string }) => a.id === createUsageAlert.id);
    expect((await alertOf()).triggered).toBe(true);
    await org.owner.client.ok(VOID, { o: org.orgId, e: call.eventId, r: "runaway loop" });
    expect((await alertOf()).triggered).toBe(false);
  });

  it("returns a call paid with personal credits to the member's personal balance", async () => {
    const owner = await signUp(t, { name: "Solo" });
    const orgId = await createOrg(owner, "Solo Labs");
    await t.app.services.personal.setPlan({ kind: "anonymous" }, owner.id, "PRO");
    const { org } = await owner.client.ok("query($id: ID!) { org(id: $id) { members { id } } }", { id: orgId });
    const { createSpace } = await owner.client.ok('mutation($o: ID!) { createSpace(orgId: $o, name: "Main") { id } }', { o: orgId });
    const record = (credits: number, key: string) =>
      owner.client.ok("mutation($input: RecordUsageInput!) { recordUsage(input: $input) { eventId } }", {
        input: { orgId, memberId: org.members[0].id, spaceId: createSpace.id, model: "gpt-test", credits, idempotencyKey: key },
      });
    const start = (await personalLedgerSum(t.app, owner.id)).balance;
    const { recordUsage } = await record(35, "solo-1");
    expect((await personalLedgerSum(t.app, owner.id)).balance).toBe(start - 35);
    const { voidUsage } = await owner.client.ok(VOID, { o: orgId, e: recordUsage.eventId, r: "billed twice" });
    expect(voidUsage).toMatchObject({ credits: 35, fromTopUp: 0, fromMonthly: 0, voidReason: "billed twice" });
    const after = await personalLedgerSum(t.app, owner.id);
    expect(after.balance).toBe(start);
    expect(after.ledger).toBe(start);
    const [line] = await t.app.db.manager.findBy(LedgerEntryEntity, { accountId: owner.id, kind: "VOID" });
    expect(line).toMatchObject({ account: "USER", bucket: "PERSONAL", amount: 35, balanceAfter: start, reference: recordUsage.eventId });
    const [entry] = await t.app.db.manager.findBy(AuditEntryEntity, { orgId, action: "usage.voided" });
    expect(entry.after?.summary).toContain("35 credits back to Solo's personal credits.");
  });

  it("support's ledger check tells a VOID line that does not match its call, and one for a call that is not voided", async () => {
    const org = await team({ topUp: 0, monthly: 5_000 });
    const { data: voided } = await org.call({ credits: 60 });
    const { data: kept } = await org.call({ credits: 30 });
    await org.owner.client.ok(VOID, { o: org.orgId, e: voided.eventId, r: "duplicate" });
    expect((await checkBooks(t, org.orgId)).ok).toBe(true);
    const db = t.app.db.manager;
    const [line] = await voidLines(org.orgId);
    try {
      await db.update(LedgerEntryEntity, { id: line.id }, { amount: 120 });
      await db.insert(LedgerEntryEntity, { ...line, id: undefined, reference: kept.eventId, amount: 30 });
      const { ok, problems } = await checkBooks(t, org.orgId);
      expect(ok).toBe(false);
      expect(problems).toEqual(
        expect.arrayContaining([
          `Usage event ${voided.eventId} (60 credits): voided, its VOID ledger lines return 120 monthly credits; expected 60 (what it took) or none.`,
          `Usage event ${kept.eventId} (30 credits): not voided, yet VOID ledger lines return 30 monthly credits for it.`,
        ]),
      );
    } finally {
      await db.delete(LedgerEntryEntity, { accountId: org.orgId, kind: "VOID", reference: kept.eventId });
      await db.update(LedgerEntryEntity, { id: line.id }, { amount: 60 });
    }
  });
});
