import { ManualClock } from "../src/clock";
import { billingDetailsSummary } from "../src/stripe/billing.service";
import { teamOrg } from "./support/credits-fixture";
import { staffOf } from "./support/fixtures";
import { startTestApp, type TestApp } from "./support/test-app";

// Issue 17 item 3 / UX review finding 13: caps showed "target id: 01a237ca-…", tax IDs raw
// JSON, and refills were not logged. Each entry now carries a sentence with names.

const LOG = "query($id: ID!) { org(id: $id) { auditLog { action details } } }";
const SET_CAP =
  "mutation($o: ID!, $s: CapScope!, $t: ID!, $l: Int!) { setCap(orgId: $o, scope: $s, targetId: $t, monthlyLimit: $l) { id } }";
const REMOVE_CAP = "mutation($o: ID!, $c: ID!) { removeCap(orgId: $o, capId: $c) }";
const ADJUST = `mutation($o: ID!, $b: CreditBucket!, $c: Int!, $r: String!) { adjustCredits(orgId: $o, bucket: $b, credits: $c, reason: $r) { id } }`;

const clock = new ManualClock("2027-02-10T09:00:00.000Z");
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ clock });
});
afterAll(() => t.close());

const summaries = async (team: Awaited<ReturnType<typeof teamOrg>>, action: string): Promise<string[]> => {
  const { org } = await team.owner.client.ok(LOG, { id: team.orgId });
  return org.auditLog
    .filter((e: { action: string }) => e.action === action)
    .map((e: { details: string }) => JSON.parse(e.details).after?.summary as string);
};

describe("the audit log in words", () => {
  it("names the member and the Space of a cap, never their ids", async () => {
    const team = await teamOrg(t, { members: 1 });
    const mia = team.members[0];
    await team.owner.client.ok(SET_CAP, { o: team.orgId, s: "MEMBER", t: mia.memberId, l: 400 });
    await team.owner.client.ok(SET_CAP, { o: team.orgId, s: "MEMBER", t: mia.memberId, l: 500 });
    const { setCap } = await team.owner.client.ok(SET_CAP, { o: team.orgId, s: "SPACE", t: team.spaceIds[0], l: 3_000 });
    await team.owner.client.ok(REMOVE_CAP, { o: team.orgId, c: setCap.id });

    expect(await summaries(team, "cap.set")).toEqual([
      'Space "Space 0"\'s monthly cap set to 3,000 credits.',
      `Member0 (${mia.user.email})'s monthly cap set to 500 credits (was 400).`,
      `Member0 (${mia.user.email})'s monthly cap set to 400 credits.`,
    ]);
    expect(await summaries(team, "cap.removed")).toEqual(['Space "Space 0"\'s monthly cap of 3,000 credits removed: no limit now.']);
  });

  it("says what a support adjustment moved, and logs the monthly refill at renewal", async () => {
    const team = await teamOrg(t);
    const staff = await staffOf(t);
    await staff.client.ok(ADJUST, { o: team.orgId, b: "TOP_UP", c: 405, r: "ticket 7" });
    expect(await summaries(team, "credits.adjusted")).toEqual([
      "Added 405 credits to the top-up bucket (0 → 405); the monthly bucket is unchanged. Reason: ticket 7",
    ]);
    clock.advance(32 * 86_400_000);
    await team.owner.client.ok("query($id: ID!) { org(id: $id) { pool { monthlyRemaining } } }", { id: team.orgId });
    const [refill] = await summaries(team, "credits.refilled");
    expect(refill).toMatch(
      /^Monthly credits refilled for Mar 1\d, 2027 – Apr 1\d, 2027: 10,000 credits granted; 10,000 unused monthly credits expired\.$/,
    );
  });

  it("writes tax IDs as text, not JSON", () => {
    expect(
      billingDetailsSummary(
        { email: "billing@acme.test", taxIds: [] },
        { email: "billing@acme.test", taxIds: [{ type: "eu_vat", value: "DE123456789" }] },
      ),
    ).toBe("Billing details changed: tax IDs none → eu_vat DE123456789.");
    expect(billingDetailsSummary({ email: null, taxIds: [] }, { email: "ap@acme.test", taxIds: [] })).toBe(
      "Billing details changed: billing email none → ap@acme.test.",
    );
  });
});
