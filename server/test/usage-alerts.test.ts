import { ManualClock } from "../src/common/clock";
import { staffClient, expectBooksBalancedAfterEach } from "./support/books";
import { setBuckets, type TeamOrg, teamOrg } from "./support/credits-fixture";
import { addMember, type SignedInUser, signUp } from "./support/fixtures";
import { startTestApp, type TestApp } from "./support/test-app";

const DAY = 86_400_000;
const CREATE = `mutation($o: ID!, $s: AlertScope!, $t: ID, $p: Int!, $r: [Role!]!) {
  createUsageAlert(orgId: $o, scope: $s, targetId: $t, thresholdPercent: $p, notifyRoles: $r) { id scope targetId thresholdPercent notifyRoles triggered lastTriggeredAt }
}`;
const DELETE = "mutation($o: ID!, $a: ID!) { deleteUsageAlert(orgId: $o, alertId: $a) }";
const LIST =
  "query($id: ID!) { org(id: $id) { usageAlerts { id scope targetId thresholdPercent notifyRoles triggered lastTriggeredAt } } }";
const SET_CAP =
  "mutation($o: ID!, $s: CapScope!, $t: ID!, $l: Int!) { setCap(orgId: $o, scope: $s, targetId: $t, monthlyLimit: $l) { id } }";

describe("usage alerts", () => {
  const clock = new ManualClock("2027-03-01T10:00:00.000Z");
  let t: TestApp;
  expectBooksBalancedAfterEach(() => t);
  beforeAll(async () => {
    t = await startTestApp({ clock });
  });
  afterAll(() => t.close());

  /** A TEAM org with an ADMIN besides the OWNER and one MEMBER. */
  async function withAdmin(): Promise<TeamOrg & { admin: SignedInUser }> {
    const team = await teamOrg(t, { members: 1 });
    const admin = await signUp(t, { name: "Admin" });
    await addMember(team.owner, team.orgId, admin, "ADMIN");
    return { ...team, admin };
  }
  const mailsTo = async (to: string, words: string) => {
    await t.app.jobs.runNow(["mail"]);
    return t.mail.sent.filter((m) => m.to === to && m.subject.includes(words));
  };
  const alertOf = async (team: TeamOrg, id: string) =>
    (await team.owner.client.ok(LIST, { id: team.orgId })).org.usageAlerts.find((a: { id: string }) => a.id === id);

  it("is managed by OWNER and ADMIN, lists the soft alert as the POOL alert for OWNERs, and refuses bad input", async () => {
    const team = await withAdmin();
    const member = team.members[0];
    const { org } = await team.owner.client.ok(LIST, { id: team.orgId });
    expect(org.usageAlerts).toEqual([
      {
        id: "soft-alert",
        scope: "POOL",
        targetId: null,
        thresholdPercent: 20,
        notifyRoles: ["OWNER"],
        triggered: false,
        lastTriggeredAt: null,
      },
    ]);

    const denied = await member.user.client.request(CREATE, { o: team.orgId, s: "POOL", p: 50, r: ["ADMIN"] });
    expect(denied.errors?.[0].extensions?.code).toBe("FORBIDDEN");
    for (const bad of [
      { s: "POOL", p: 0, r: ["ADMIN"] },
      { s: "POOL", p: 100, r: ["ADMIN"] },
      { s: "POOL", p: 50, r: [] },
      { s: "POOL", p: 50, r: ["MEMBER"] },
      { s: "POOL", t: member.memberId, p: 50, r: ["ADMIN"] },
      { s: "MEMBER", p: 50, r: ["ADMIN"] },
      { s: "MEMBER", t: team.spaceIds[0], p: 50, r: ["ADMIN"] },
      { s: "SPACE", t: member.memberId, p: 50, r: ["ADMIN"] },
    ]) {
      const res = await team.admin.client.request(CREATE, { o: team.orgId, ...bad });
      expect(res.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
    }
    expect((await team.owner.client.ok(LIST, { id: team.orgId })).org.usageAlerts).toHaveLength(1);

    const { createUsageAlert: made } = await team.admin.client.ok(CREATE, {
      o: team.orgId,
      s: "MEMBER",
      t: member.memberId,
      p: 25,
      r: ["ADMIN", "MEMBER"],
    });
    expect(made).toMatchObject({
      scope: "MEMBER",
      targetId: member.memberId,
      thresholdPercent: 25,
      notifyRoles: ["ADMIN", "MEMBER"],
      triggered: false,
    });
    const listed = (await team.owner.client.ok(LIST, { id: team.orgId })).org.usageAlerts;
    expect(listed.map((a: { id: string }) => a.id)).toEqual(["soft-alert", made.id]);

    expect((await member.user.client.request(DELETE, { o: team.orgId, a: made.id })).errors?.[0].extensions?.code).toBe("FORBIDDEN");
    expect((await team.owner.client.request(DELETE, { o: team.orgId, a: "soft-alert" })).errors?.[0].extensions?.code).toBe(
      "BAD_USER_INPUT",
    );
    expect(await team.owner.client.ok(DELETE, { o: team.orgId, a: made.id })).toEqual({ deleteUsageAlert: true });
    expect((await team.owner.client.request(DELETE, { o: team.orgId, a: made.id })).errors?.[0].extensions?.code).toBe("NOT_FOUND");
    expect((await team.owner.client.ok(LIST, { id: team.orgId })).org.usageAlerts).toHaveLength(1);
  });

  it("fires a MEMBER alert once per crossing, emails the ADMINs and the member, resolves when the cap is raised", async () => {
    const team = await withAdmin();
    const member = team.members[0];
    await team.owner.client.ok(SET_CAP, { o: team.orgId, s: "MEMBER", t: member.memberId, l: 1_000 });
    const { createUsageAlert: alert } = await team.owner.client.ok(CREATE, {
      o: team.orgId,
      s: "MEMBER",
      t: member.memberId,
      p: 20,
      r: ["ADMIN", "MEMBER"],
    });
    const subject = "below 20% of the monthly cap";
    await team.call({ memberId: member.memberId, credits: 800 });
    expect((await alertOf(team, alert.id)).triggered).toBe(false);
    await team.call({ memberId: member.memberId, credits: 50 });
    const fired = await alertOf(team, alert.id);
    expect(fired.triggered).toBe(true);
    expect(fired.lastTriggeredAt).toBe("2027-03-01T10:00:00.000Z");
    const [toMember] = await mailsTo(member.user.email, subject);
    expect(toMember.text).toContain("Member0 has 150 credits left of a monthly cap of 1,000");
    expect(toMember.text).toContain("The cap resets on 2027-04-01.");
    expect(toMember.text).toMatch(/At the last week's pace \(\d+ credits a day\) the cap lasts about \d+ more days?/);
    expect(await mailsTo(team.admin.email, subject)).toHaveLength(1);
    expect(await mailsTo(team.owner.email, subject)).toHaveLength(0);

    await team.call({ memberId: member.memberId, credits: 50 });
    expect(await mailsTo(member.user.email, subject)).toHaveLength(1);

    // A raised cap lifts what is left above 20%: resolved, and armed for the next crossing.
    await team.admin.client.ok(SET_CAP, { o: team.orgId, s: "MEMBER", t: member.memberId, l: 2_000 });
    expect((await alertOf(team, alert.id)).triggered).toBe(false);
    await team.call({ memberId: member.memberId, credits: 800 });
    expect((await alertOf(team, alert.id)).triggered).toBe(true);
    expect(await mailsTo(member.user.email, subject)).toHaveLength(2);
    expect(await mailsTo(team.admin.email, subject)).toHaveLength(2);
  });

  it("fires a SPACE alert against the Space's cap and re-arms it when the period restarts", async () => {
    clock.set("2027-05-01T10:00:00.000Z");
    const team = await withAdmin();
    const spaceId = team.spaceIds[1];
    // Without a cap the alert is quiet; it watches the cap once one is set.
    const { createUsageAlert: alert } = await team.owner.client.ok(CREATE, { o: team.orgId, s: "SPACE", t: spaceId, p: 50, r: ["OWNER"] });
    await team.call({ spaceId, credits: 300 });
    expect((await alertOf(team, alert.id)).triggered).toBe(false);
    // A cap that leaves less than half fires at once.
    await team.owner.client.ok(SET_CAP, { o: team.orgId, s: "SPACE", t: spaceId, l: 500 });
    expect((await alertOf(team, alert.id)).triggered).toBe(true);
    const subject = 'Space "Space 1" is below 50% of the monthly cap';
    expect(await mailsTo(team.owner.email, subject)).toHaveLength(1);
    expect(await mailsTo(team.admin.email, subject)).toHaveLength(0);
    // Spend in another Space does not touch it.
    await team.call({ spaceId: team.spaceIds[0], credits: 10 });
    await team.call({ spaceId, credits: 10 });
    expect(await mailsTo(team.owner.email, subject)).toHaveLength(1);

    clock.advance(31 * DAY);
    await t.app.jobs.runNow(["periods"]);
    expect((await alertOf(team, alert.id)).triggered).toBe(false);
    await team.call({ spaceId, credits: 200 });
    expect((await alertOf(team, alert.id)).triggered).toBe(false);
    await team.call({ spaceId, credits: 100 });
    expect((await alertOf(team, alert.id)).triggered).toBe(true);
    expect(await mailsTo(team.owner.email, subject)).toHaveLength(2);
  });

  it("fires a POOL alert for ADMINs at 50% beside the soft alert, and resolves it when credits are granted", async () => {
    clock.set("2027-07-01T10:00:00.000Z");
    const team = await withAdmin();
    const { createUsageAlert: alert } = await team.owner.client.ok(CREATE, { o: team.orgId, s: "POOL", p: 50, r: ["ADMIN"] });
    await setBuckets(t.app, team.orgId, { topUp: 0, monthly: 5_100 });
    await team.call({ credits: 200 });
    const alerts = (await team.owner.client.ok(LIST, { id: team.orgId })).org.usageAlerts;
    expect(alerts.map((a: { id: string; triggered: boolean }) => [a.id, a.triggered])).toEqual([
      ["soft-alert", false],
      [alert.id, true],
    ]);
    const [mail] = await mailsTo(team.admin.email, "the credit pool is below 50%");
    expect(mail.text).toContain("has 4,900 credits left: below 50% of this period's 11,000.");
    expect(await mailsTo(team.owner.email, "the credit pool is below")).toHaveLength(0);

    // Below 20% the soft alert fires too, for the OWNER: listed as the triggered POOL alert.
    await team.call({ credits: 3_000 });
    expect((await alertOf(team, "soft-alert")).triggered).toBe(true);
    expect(await mailsTo(team.owner.email, "the credit pool is below 20%")).toHaveLength(1);
    expect(await mailsTo(team.admin.email, "the credit pool is below 50%")).toHaveLength(1);

    const staff = await staffClient(t);
    await staff.ok('mutation($o: ID!) { grantCredits(orgId: $o, credits: 4000, reason: "goodwill") { totalRemaining } }', {
      o: team.orgId,
    });
    expect((await alertOf(team, alert.id)).triggered).toBe(false);
    expect((await alertOf(team, "soft-alert")).triggered).toBe(false);
  });
});
