import { ManualClock } from "../src/common/clock";
import { PoolEntity } from "../src/entities";
import { RECORD, setBuckets, teamOrg } from "./support/credits-fixture";
import { addMember, createOrg, signUp } from "./support/fixtures";
import { expectBooksBalancedAfterEach } from "./support/books";
import { startTestApp, type TestApp } from "./support/test-app";

// Issue 17 item 4 / UX review finding 8: a refused call left no trace, so an owner learnt
// of a blocked teammate only when the teammate complained.

const SET_CAP =
  "mutation($o: ID!, $s: CapScope!, $t: ID!, $l: Int!) { setCap(orgId: $o, scope: $s, targetId: $t, monthlyLimit: $l) { id } }";
const REFUSED = `query($id: ID!, $from: DateTime, $to: DateTime) { org(id: $id) { refusedCalls(from: $from, to: $to) {
  total byMember { memberId name count } bySpace { spaceId name count } byReason { reason description count } } } }`;
const BATCH = `mutation($o: ID!, $c: [UsageCallInput!]!) { recordUsageBatch(orgId: $o, calls: $c) { __typename } }`;

const clock = new ManualClock("2027-05-04T10:00:00.000Z");
let t: TestApp;
expectBooksBalancedAfterEach(() => t);
beforeAll(async () => {
  t = await startTestApp({ clock });
});
afterAll(() => t.close());

const byReason = (report: { byReason: { reason: string; count: number }[] }) =>
  Object.fromEntries(report.byReason.map((r) => [r.reason, r.count]));

describe("refused calls, counted for the owner", () => {
  it("counts each refusal of a Team org by member, Space and reason; admitted calls and bad input do not count; a retry counts once", async () => {
    const team = await teamOrg(t, { members: 2 });
    const [mia, max] = team.members;
    const [research, ops] = team.spaceIds;
    await team.owner.client.ok(SET_CAP, { o: team.orgId, s: "MEMBER", t: mia.memberId, l: 10 });
    await team.owner.client.ok(SET_CAP, { o: team.orgId, s: "SPACE", t: ops, l: 5 });

    expect((await team.call({ memberId: mia.memberId, spaceId: research, credits: 8 })).code).toBeUndefined();
    expect((await team.call({ memberId: mia.memberId, spaceId: research, credits: 5, key: "mia-1" })).code).toBe(
      "BILLING_MEMBER_CAP_REACHED",
    );
    // The client retries the same refused call: one refusal, not two.
    expect((await team.call({ memberId: mia.memberId, spaceId: research, credits: 5, key: "mia-1" })).code).toBe(
      "BILLING_MEMBER_CAP_REACHED",
    );
    expect((await team.call({ memberId: mia.memberId, spaceId: research, credits: 5, key: "mia-2" })).code).toBe(
      "BILLING_MEMBER_CAP_REACHED",
    );
    expect((await team.call({ memberId: max.memberId, spaceId: ops, credits: 6 })).code).toBe("BILLING_SPACE_CAP_REACHED");
    expect((await team.call({ memberId: max.memberId, spaceId: "not-a-space", credits: 1 })).code).toBe("BAD_USER_INPUT");
    // A batch counts its refusals too.
    const batch = await team.key.request(BATCH, {
      o: team.orgId,
      c: [
        { memberId: max.memberId, spaceId: ops, model: "m", credits: 50, idempotencyKey: "b-1" },
        { memberId: max.memberId, spaceId: research, model: "m", credits: 1, idempotencyKey: "b-2" },
      ],
    });
    expect(batch.errors).toBeUndefined();
    await setBuckets(t.app, team.orgId, { topUp: 0, monthly: 0 });
    expect((await team.call({ memberId: max.memberId, spaceId: research, credits: 1 })).code).toBe("BILLING_POOL_EXHAUSTED");
    await t.app.db.manager.update(PoolEntity, { orgId: team.orgId }, { spendBlockedAfter: new Date(clock.now().getTime() - 1000) });
    expect((await team.call({ memberId: max.memberId, spaceId: research, credits: 1 })).code).toBe("BILLING_PLAN_REQUIRED");

    const { org } = await team.owner.client.ok(REFUSED, { id: team.orgId });
    const report = org.refusedCalls;
    expect(report.total).toBe(6);
    expect(byReason(report)).toEqual({ MEMBER_CAP_REACHED: 2, SPACE_CAP_REACHED: 2, POOL_EXHAUSTED: 1, PAYMENT_OVERDUE: 1 });
    expect(report.byReason.find((r: { reason: string }) => r.reason === "SPACE_CAP_REACHED").description).toBe(
      "The Space had reached its monthly cap.",
    );
    expect(report.byMember).toEqual([
      { memberId: max.memberId, name: "Member1", count: 4 },
      { memberId: mia.memberId, name: "Member0", count: 2 },
    ]);
    expect(report.bySpace).toEqual(
      expect.arrayContaining([
        { spaceId: research, name: "Space 0", count: 4 },
        { spaceId: ops, name: "Space 1", count: 2 },
      ]),
    );

    // A MEMBER sees only their own refusals; an ADMIN-less org's owner saw all of them above.
    const mine = (await mia.user.client.ok(REFUSED, { id: team.orgId })).org.refusedCalls;
    expect(mine.total).toBe(2);
    expect(mine.byMember).toEqual([{ memberId: mia.memberId, name: "Member0", count: 2 }]);
    expect(byReason(mine)).toEqual({ MEMBER_CAP_REACHED: 2 });

    // Ranges: the usage report's limits, and a range before the refusals is empty.
    const tooLong = await team.owner.client.request(REFUSED, {
      id: team.orgId,
      from: "2020-01-01T00:00:00.000Z",
      to: "2030-12-31T00:00:00.000Z",
    });
    expect(tooLong.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(tooLong.errors?.[0]?.message).toContain("at most 400 days");
    const before = await team.owner.client.ok(REFUSED, {
      id: team.orgId,
      from: "2027-04-01T00:00:00.000Z",
      to: "2027-05-04T00:00:00.000Z",
    });
    expect(before.org.refusedCalls).toMatchObject({ total: 0, byMember: [], bySpace: [], byReason: [] });
  });

  it("counts the personal path's refusals: no paid plan, personal credits run out, personal credits not allowed to keys", async () => {
    const owner = await signUp(t, { name: "Solo" });
    const orgId = await createOrg(owner, "Solo");
    const helper = await signUp(t, { name: "Helper" });
    const helperId = await addMember(owner, orgId, helper, "MEMBER");
    const { createSpace } = await owner.client.ok('mutation($o: ID!) { createSpace(orgId: $o, name: "Lab") { id } }', { o: orgId });
    const { org: members } = await owner.client.ok("query($id: ID!) { org(id: $id) { members { id role } } }", { id: orgId });
    const ownerId = members.members.find((m: { role: string }) => m.role === "OWNER").id;
    const { createApiKey } = await owner.client.ok(
      'mutation($o: ID!) { createApiKey(orgId: $o, name: "k", scopes: [USAGE_WRITE]) { secret } }',
      { o: orgId },
    );
    const key = t.client({ bearer: createApiKey.secret });
    const input = (memberId: string, credits: number, idempotencyKey: string) => ({
      input: { orgId, memberId, spaceId: createSpace.id, model: "m", credits, idempotencyKey },
    });

    expect(await owner.client.code(RECORD, input(ownerId, 10, "free"))).toBe("BILLING_PLAN_REQUIRED");
    await t.app.services.personal.setPlan({ kind: "anonymous" }, owner.id, "STARTER");
    expect(await owner.client.code(RECORD, input(ownerId, 1_000_000, "too-much"))).toBe("BILLING_POOL_EXHAUSTED");
    await t.app.services.personal.setPlan({ kind: "anonymous" }, helper.id, "STARTER");
    expect(await key.code(RECORD, input(helperId, 5, "no-consent"))).toBe("BILLING_PLAN_REQUIRED");

    const report = (await owner.client.ok(REFUSED, { id: orgId })).org.refusedCalls;
    expect(byReason(report)).toEqual({ PLAN_REQUIRED: 1, PERSONAL_CREDITS_EXHAUSTED: 1, PERSONAL_CREDITS_NOT_ALLOWED: 1 });
    expect(report.bySpace).toEqual([{ spaceId: createSpace.id, name: "Lab", count: 3 }]);
    expect(report.byMember).toEqual(
      expect.arrayContaining([
        { memberId: ownerId, name: "Solo", count: 2 },
        { memberId: helperId, name: "Helper", count: 1 },
      ]),
    );
  });
});
