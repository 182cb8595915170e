import { ManualClock } from "../src/common/clock";
import { DomainEvents } from "../src/common/domain-events";
import { CapIncreaseDecided, CapIncreaseRequested } from "../src/credits/corrections-events";
import { AuditEntryEntity } from "../src/entities";
import { expectBooksBalancedAfterEach } from "./support/books";
import { type TeamOrg, teamOrg } from "./support/credits-fixture";
import { addMember, type SignedInUser, signUp } from "./support/fixtures";
import { startTestApp, type TestApp } from "./support/test-app";

// Issue 15, item 2: a member at their cap asks for more; an OWNER or ADMIN decides.

const SET_CAP =
  "mutation($o: ID!, $s: CapScope!, $t: ID!, $l: Int!) { setCap(orgId: $o, scope: $s, targetId: $t, monthlyLimit: $l) { id monthlyLimit } }";
const REMOVE_CAP = "mutation($o: ID!, $c: ID!) { removeCap(orgId: $o, capId: $c) }";
const FIELDS = `id capId currentLimit requestedLimit reason status decidedAt createdAt
  requestedBy { id role user { email } } decidedBy { id role user { email } }`;
const REQUEST = `mutation($o: ID!, $c: ID!, $l: Int!, $r: String!) { requestCapIncrease(orgId: $o, capId: $c, monthlyLimit: $l, reason: $r) { ${FIELDS} } }`;
const DECIDE = `mutation($o: ID!, $q: ID!, $a: Boolean!) { decideCapIncrease(orgId: $o, requestId: $q, approve: $a) { ${FIELDS} } }`;
const LIST = `query($id: ID!, $s: CapIncreaseStatus) { org(id: $id) { capIncreaseRequests(status: $s) { ${FIELDS} } } }`;
const CAPS = "query($id: ID!) { org(id: $id) { caps { id monthlyLimit usedThisPeriod } } }";

const clock = new ManualClock("2027-06-01T09:00:00.000Z");
let t: TestApp;
expectBooksBalancedAfterEach(() => t);
beforeAll(async () => {
  t = await startTestApp({ clock });
});
afterAll(() => t.close());

type Team = TeamOrg & { admin: SignedInUser; adminMemberId: string };

async function team(): Promise<Team> {
  const org = await teamOrg(t, { members: 2, spaces: 1 });
  const admin = await signUp(t, { name: "Admin" });
  const adminMemberId = await addMember(org.owner, org.orgId, admin, "ADMIN");
  return { ...org, admin, adminMemberId };
}
const setCap = async (org: TeamOrg, scope: "MEMBER" | "SPACE", targetId: string, limit: number): Promise<string> =>
  (await org.owner.client.ok(SET_CAP, { o: org.orgId, s: scope, t: targetId, l: limit })).setCap.id;
const capOf = async (org: TeamOrg, capId: string) =>
  (await org.owner.client.ok(CAPS, { id: org.orgId })).org.caps.find((c: { id: string }) => c.id === capId);
const list = async (who: SignedInUser, orgId: string, status?: string) =>
  (await who.client.ok(LIST, { id: orgId, s: status })).org.capIncreaseRequests;
const mails = async (to: string, words: string) => {
  await t.app.jobs.runNow(["mail"]);
  return t.mail.sent.filter((m) => m.to === to && m.subject.includes(words));
};
const audits = (orgId: string, action: string) =>
  t.app.db.manager.find(AuditEntryEntity, { where: { orgId, action }, order: { id: "ASC" } });
const codeOf = (res: { errors?: readonly { extensions?: Record<string, unknown> }[] }) => res.errors?.[0]?.extensions?.code;

describe("cap increase requests", () => {
  it("end to end: a blocked member asks, OWNERs and ADMINs are mailed a link, an ADMIN approves, the member's calls go through at once and they are mailed", async () => {
    const org = await team();
    const member = org.members[0];
    const capId = await setCap(org, "MEMBER", member.memberId, 100);
    expect((await org.call({ memberId: member.memberId, credits: 100 })).code).toBeUndefined();
    expect((await org.call({ memberId: member.memberId, credits: 10 })).code).toBe("BILLING_MEMBER_CAP_REACHED");

    const emit = DomainEvents.prototype.emit;
    const emitted: [string, unknown][] = [];
    const spy = jest.spyOn(DomainEvents.prototype, "emit").mockImplementation(async function (this: DomainEvents, event, payload) {
      if (event === CapIncreaseRequested || event === CapIncreaseDecided) emitted.push([event.name, payload]);
      return emit.call(this, event, payload);
    });
    try {
      const { requestCapIncrease: asked } = await member.user.client.ok(REQUEST, {
        o: org.orgId,
        c: capId,
        l: 300,
        r: "  the quarterly eval run  ",
      });
      expect(asked).toMatchObject({
        capId,
        currentLimit: 100,
        requestedLimit: 300,
        reason: "the quarterly eval run",
        status: "PENDING",
        decidedAt: null,
        decidedBy: null,
        createdAt: "2027-06-01T09:00:00.000Z",
        requestedBy: { id: member.memberId, role: "MEMBER", user: { email: member.user.email } },
      });

      // OWNERs and ADMINs are mailed a link to the request; the member who asked is not.
      for (const to of [org.owner.email, org.admin.email]) {
        const [mail] = await mails(to, "asks for a higher monthly cap");
        expect(mail.subject).toBe("Pooled: Member0 asks for a higher monthly cap");
        expect(mail.text).toContain(`Member0 (${member.user.email}) asks to raise their own monthly cap`);
        expect(mail.text).toContain(`asks to raise their own monthly cap in Pooled from 100 to 300 credits.`);
        expect(mail.text).toContain("100 credits of the cap are used this period.");
        expect(mail.text).toContain("Their reason: the quarterly eval run");
        expect(mail.text).toContain(`Approve or deny it in Team settings: http://console.test/orgs/${org.orgId}/team#cap-requests`);
      }
      expect(await mails(member.user.email, "asks for a higher monthly cap")).toHaveLength(0);

      // Who sees it: OWNER and ADMIN every request, a MEMBER their own.
      expect((await list(org.owner, org.orgId)).map((r: { id: string }) => r.id)).toEqual([asked.id]);
      expect((await list(org.admin, org.orgId, "PENDING")).map((r: { id: string }) => r.id)).toEqual([asked.id]);
      expect(await list(org.admin, org.orgId, "APPROVED")).toEqual([]);
      expect((await list(member.user, org.orgId)).map((r: { id: string }) => r.id)).toEqual([asked.id]);
      expect(await list(org.members[1].user, org.orgId)).toEqual([]);

      clock.advance(3_600_000);
      const { decideCapIncrease: decided } = await org.admin.client.ok(DECIDE, { o: org.orgId, q: asked.id, a: true });
      expect(decided).toMatchObject({
        id: asked.id,
        status: "APPROVED",
        decidedAt: "2027-06-01T10:00:00.000Z",
        decidedBy: { id: org.adminMemberId, role: "ADMIN", user: { email: org.admin.email } },
      });
      expect(await capOf(org, capId)).toMatchObject({ monthlyLimit: 300, usedThisPeriod: 100 });
      // Blocked calls go through at once.
      expect((await org.call({ memberId: member.memberId, credits: 10 })).code).toBeUndefined();

      const [approved] = await mails(member.user.email, "your request for a higher cap was approved");
      expect(approved.subject).toBe("Pooled: your request for a higher cap was approved");
      expect(approved.text).toContain("Admin approved your request to raise your monthly cap in Pooled to 300 credits.");
      expect(approved.text).toContain("The cap is now 300 credits a month: calls it stopped go through again.");
      expect(approved.text).toContain(`Your requests: http://console.test/orgs/${org.orgId}/team#cap-requests`);

      const requestedAudit = await audits(org.orgId, "cap_increase.requested");
      expect(requestedAudit).toHaveLength(1);
      expect(requestedAudit[0].after?.summary).toBe(
        `Member0 (${member.user.email}) asked to raise their own monthly cap from 100 to 300 credits: "the quarterly eval run"`,
      );
      const approvedAudit = await audits(org.orgId, "cap_increase.approved");
      expect(approvedAudit[0].after?.summary).toBe(
        `Admin approved Member0 (${member.user.email})'s request (of Jun 1, 2027) to raise Member0's monthly cap from 100 to 300 credits; the cap is now 300 credits.`,
      );
      // The limit was set through setCap's path: audited like it.
      expect((await audits(org.orgId, "cap.set")).at(-1)?.after?.summary).toContain("monthly cap set to 300 credits (was 100)");

      const payload = {
        orgId: org.orgId,
        requestId: asked.id,
        capId,
        scope: "MEMBER",
        targetId: member.memberId,
        memberId: member.memberId,
        memberUserId: member.user.id,
        currentLimit: 100,
        requestedLimit: 300,
      };
      expect(emitted).toEqual([
        ["CapIncreaseRequested", { ...payload, status: "PENDING", decidedByUserId: null, at: new Date("2027-06-01T09:00:00.000Z") }],
        ["CapIncreaseDecided", { ...payload, status: "APPROVED", decidedByUserId: org.admin.id, at: new Date("2027-06-01T10:00:00.000Z") }],
      ]);
    } finally {
      spy.mockRestore();
      clock.set("2027-06-01T09:00:00.000Z");
    }

    // Deciding a request that is not pending: CONFLICT, nothing changes.
    const again = await org.owner.client.request(DECIDE, { o: org.orgId, q: (await list(org.owner, org.orgId))[0].id, a: false });
    expect(codeOf(again)).toBe("CONFLICT");
    expect(again.errors?.[0].message).toBe(`This request was already approved by Admin (${org.admin.email}) on Jun 1, 2027.`);
    expect(await capOf(org, capId)).toMatchObject({ monthlyLimit: 300 });
  });

  it("denies: the cap stays, the member is mailed, and may ask again", async () => {
    const org = await team();
    const member = org.members[0];
    const spaceCap = await setCap(org, "SPACE", org.spaceIds[0], 500);
    // Any member asks for a Space's cap.
    const { requestCapIncrease: asked } = await member.user.client.ok(REQUEST, {
      o: org.orgId,
      c: spaceCap,
      l: 800,
      r: "team offsite demo",
    });
    const [toOwner] = await mails(org.owner.email, "asks for a higher monthly cap");
    expect(toOwner.text).toContain(`asks to raise Space "Space 0"'s monthly cap in Pooled from 500 to 800 credits.`);
    const { decideCapIncrease: decided } = await org.owner.client.ok(DECIDE, { o: org.orgId, q: asked.id, a: false });
    expect(decided).toMatchObject({ status: "DENIED", decidedBy: { id: org.ownerMemberId } });
    expect(await capOf(org, spaceCap)).toMatchObject({ monthlyLimit: 500 });
    const [denied] = await mails(member.user.email, "was denied");
    expect(denied.text).toContain(`Owner denied your request to raise Space "Space 0"'s monthly cap in Pooled to 800 credits.`);
    expect(denied.text).toContain("The cap stays at 500 credits a month.");
    expect((await audits(org.orgId, "cap_increase.denied"))[0].after?.summary).toContain("; the cap stays at 500 credits.");
    // The member sees their own requests' status.
    expect((await list(member.user, org.orgId)).map((r: { status: string }) => r.status)).toEqual(["DENIED"]);
    const second = await member.user.client.ok(REQUEST, { o: org.orgId, c: spaceCap, l: 600, r: "a smaller ask then" });
    expect(second.requestCapIncrease.status).toBe("PENDING");
    expect((await list(org.owner, org.orgId)).map((r: { status: string }) => r.status)).toEqual(["PENDING", "DENIED"]);
  });

  it("refuses what it must, with a code and a clear message, changing nothing", async () => {
    const org = await team();
    const [member, other] = org.members;
    const capId = await setCap(org, "MEMBER", member.memberId, 100);
    const otherCap = await setCap(org, "MEMBER", other.memberId, 100);
    const ask = (who: SignedInUser, c: string, l: number, r = "need more") => who.client.request(REQUEST, { o: org.orgId, c, l, r });

    const notAbove = await ask(member.user, capId, 100);
    expect(codeOf(notAbove)).toBe("BAD_USER_INPUT");
    expect(notAbove.errors?.[0].message).toBe("monthlyLimit: must be above the cap's current limit of 100 credits");
    expect(codeOf(await ask(member.user, capId, 0))).toBe("BAD_USER_INPUT");
    expect(codeOf(await ask(member.user, capId, 200, " "))).toBe("BAD_USER_INPUT");
    const notMine = await ask(member.user, otherCap, 200);
    expect(codeOf(notMine)).toBe("FORBIDDEN");
    expect(notMine.errors?.[0].message).toBe("You can ask for a higher limit on your own cap or on a Space's cap only.");
    expect(codeOf(await ask(member.user, "not-a-cap", 200))).toBe("NOT_FOUND");
    const keyAsks = await org.key.request(REQUEST, { o: org.orgId, c: capId, l: 200, r: "a key" });
    expect(codeOf(keyAsks)).toBe("FORBIDDEN");
    const stranger = await teamOrg(t, { members: 1 });
    expect(codeOf(await stranger.members[0].user.client.request(REQUEST, { o: org.orgId, c: capId, l: 200, r: "x y z" }))).toBe(
      "NOT_FOUND",
    );
    const strangerCap = await setCap(stranger, "MEMBER", stranger.members[0].memberId, 50);
    expect(codeOf(await ask(member.user, strangerCap, 200))).toBe("NOT_FOUND");
    expect(await list(org.owner, org.orgId)).toEqual([]);

    // One pending request per cap and member, even when two arrive at once.
    const together = await Promise.all([ask(member.user, capId, 200), ask(member.user, capId, 250), ask(member.user, capId, 300)]);
    expect(together.filter((r) => !r.errors)).toHaveLength(1);
    for (const refused of together.filter((r) => r.errors)) {
      expect(codeOf(refused)).toBe("CONFLICT");
      expect(refused.errors?.[0].message).toMatch(/^You already (asked for \d+ credits on this cap on Jun 1, 2027|have a request waiting)/);
    }
    const [pending] = await list(org.owner, org.orgId, "PENDING");
    expect(await list(org.owner, org.orgId)).toHaveLength(1);

    // Only OWNERs and ADMINs decide; unknown requests are not found.
    expect(codeOf(await member.user.client.request(DECIDE, { o: org.orgId, q: pending.id, a: true }))).toBe("FORBIDDEN");
    expect(codeOf(await org.key.request(DECIDE, { o: org.orgId, q: pending.id, a: true }))).toBe("FORBIDDEN");
    expect(codeOf(await stranger.owner.client.request(DECIDE, { o: stranger.orgId, q: pending.id, a: true }))).toBe("NOT_FOUND");
    expect(codeOf(await org.owner.client.request(DECIDE, { o: org.orgId, q: "nope", a: true }))).toBe("NOT_FOUND");
    // A cap removed meanwhile cannot be raised; the request is denied to close it.
    await org.owner.client.ok(REMOVE_CAP, { o: org.orgId, c: capId });
    const gone = await org.owner.client.request(DECIDE, { o: org.orgId, q: pending.id, a: true });
    expect(codeOf(gone)).toBe("CONFLICT");
    expect(gone.errors?.[0].message).toContain("This cap was removed meanwhile");
    expect((await list(org.owner, org.orgId))[0].status).toBe("PENDING");
    const { decideCapIncrease } = await org.owner.client.ok(DECIDE, { o: org.orgId, q: pending.id, a: false });
    expect(decideCapIncrease.status).toBe("DENIED");
    const [closed] = await mails(member.user.email, "was denied");
    expect(closed.text).toContain("The cap was removed meanwhile: nothing limits it now.");
  });

  it("approving never lowers a cap an admin already raised past the request", async () => {
    const org = await team();
    const member = org.members[0];
    const capId = await setCap(org, "MEMBER", member.memberId, 100);
    const { requestCapIncrease: asked } = await member.user.client.ok(REQUEST, { o: org.orgId, c: capId, l: 200, r: "please raise" });
    await setCap(org, "MEMBER", member.memberId, 1_000);
    const { decideCapIncrease } = await org.owner.client.ok(DECIDE, { o: org.orgId, q: asked.id, a: true });
    expect(decideCapIncrease.status).toBe("APPROVED");
    expect(await capOf(org, capId)).toMatchObject({ monthlyLimit: 1_000 });
    expect((await audits(org.orgId, "cap_increase.approved"))[0].after?.summary).toContain(
      "; the cap was already 1,000 credits, so it stays as it is.",
    );
  });
});
