import { ManualClock } from "../src/common/clock";
import { SubscriptionEntity } from "../src/entities";
import { billingDetailsSummary } from "../src/billing/billing.service";
import { teamOrg } from "./support/credits-fixture";
import { advanceDevClock, createOrg, orgWithTeam, signUp, staffOf } from "./support/fixtures";
import type { GqlClient } from "./support/gql-client";
import { teamWithTopUp, webhooksSettled } from "./support/stripe-fixture";
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

// Every entry carries a sentence (AuditEntry.summary): names, emails, key names and prefixes,
// plans and dates in words; never an id, never JSON.
const WORDS = "query($id: ID!) { org(id: $id) { auditLog { action summary details } } }";
type Entry = { action: string; summary: string | null; details: string };

async function sentences(client: GqlClient, orgId: string): Promise<Entry[]> {
  return (await client.ok(WORDS, { id: orgId })).org.auditLog;
}

/** Each entry has a sentence, the same as the one in its details, with none of these ids and no JSON. */
function expectInWords(entries: Entry[], ids: string[]): void {
  for (const entry of entries) {
    expect([entry.action, typeof entry.summary]).toEqual([entry.action, "string"]);
    expect(JSON.parse(entry.details).after.summary).toBe(entry.summary);
    for (const id of ids) expect([entry.action, entry.summary?.includes(id)]).toEqual([entry.action, false]);
    expect([entry.action, entry.summary]).not.toEqual([
      entry.action,
      expect.stringMatching(/[{}]|\b(cs|sub|pm)_[A-Za-z0-9]{6,}|\d{4}-\d\d-\d\dT/),
    ]);
  }
}

const inWords = (d: Date): string => d.toLocaleDateString("en-US", { timeZone: "UTC", month: "short", day: "numeric", year: "numeric" });
const said = (entries: Entry[], action: string): string[] => entries.filter((e) => e.action === action).map((e) => e.summary as string);

describe("every entry in words", () => {
  it("names members, invitations, API keys, Spaces and the org, never their ids", async () => {
    const team = await orgWithTeam(t);
    const { owner, admin, member, orgId } = team;
    const ok = (client: GqlClient, q: string, v: Record<string, unknown>) => client.ok(q, v);
    const { inviteMember } = await ok(
      owner.client,
      'mutation($o: ID!) { inviteMember(orgId: $o, email: "nina@words.test", role: ADMIN) { id } }',
      { o: orgId },
    );
    const { resendInvitation } = await ok(
      owner.client,
      "mutation($o: ID!, $i: ID!) { resendInvitation(orgId: $o, invitationId: $i) { id } }",
      {
        o: orgId,
        i: inviteMember.id,
      },
    );
    await ok(owner.client, "mutation($o: ID!, $i: ID!) { revokeInvitation(orgId: $o, invitationId: $i) }", {
      o: orgId,
      i: resendInvitation.id,
    });
    await ok(owner.client, "mutation($o: ID!, $m: ID!) { changeMemberRole(orgId: $o, memberId: $m, role: ADMIN) { id } }", {
      o: orgId,
      m: team.memberMemberId,
    });
    const createKey = async (by: typeof owner, name: string) =>
      (
        await ok(
          by.client,
          "mutation($o: ID!, $n: String!) { createApiKey(orgId: $o, name: $n, scopes: [USAGE_WRITE]) { apiKey { id prefix } } }",
          { o: orgId, n: name },
        )
      ).createApiKey.apiKey as { id: string; prefix: string };
    const nightly = await createKey(owner, "Nightly import");
    const adminKey = await createKey(admin, "Admin's laptop");
    await ok(owner.client, "mutation($o: ID!, $k: ID!) { revokeApiKey(orgId: $o, apiKeyId: $k) }", { o: orgId, k: nightly.id });
    const { createSpace } = await ok(owner.client, 'mutation($o: ID!) { createSpace(orgId: $o, name: "Research") { id } }', { o: orgId });
    await ok(owner.client, 'mutation($o: ID!, $s: ID!) { renameSpace(orgId: $o, spaceId: $s, name: "Models") { id } }', {
      o: orgId,
      s: createSpace.id,
    });
    await ok(owner.client, 'mutation($o: ID!) { renameOrg(orgId: $o, name: "Acme Labs") { id } }', { o: orgId });
    await ok(owner.client, "mutation($o: ID!) { setSoftAlertThreshold(orgId: $o, percent: 35) { id } }", { o: orgId });
    await ok(member.client, "mutation($o: ID!) { setPersonalCreditsAllowed(orgId: $o, allowed: true) { id } }", { o: orgId });
    await ok(owner.client, "mutation($o: ID!, $m: ID!) { removeMember(orgId: $o, memberId: $m) }", { o: orgId, m: team.adminMemberId });
    await ok(owner.client, "mutation($o: ID!, $m: ID!) { transferOwnership(orgId: $o, memberId: $m) { id } }", {
      o: orgId,
      m: team.memberMemberId,
    });
    await ok(owner.client, "mutation($o: ID!) { leaveOrg(orgId: $o) }", { o: orgId });

    const entries = await sentences(member.client, orgId);
    expectInWords(entries, [
      orgId,
      owner.id,
      admin.id,
      member.id,
      team.adminMemberId,
      team.memberMemberId,
      inviteMember.id,
      resendInvitation.id,
      nightly.id,
      adminKey.id,
      createSpace.id,
    ]);
    expect(said(entries, "org.created")).toEqual([`Owner (${owner.email}) created the org "Acme" and owns it.`]);
    expect(said(entries, "member.joined")).toEqual([
      `Member (${member.email}) accepted the invitation and joined as a member.`,
      `Admin (${admin.email}) accepted the invitation and joined as an admin.`,
    ]);
    expect(said(entries, "invitation.created")).toContain("Owner invited nina@words.test to join as an admin.");
    expect(said(entries, "invitation.resent")).toEqual([
      `Owner sent the invitation for nina@words.test again; the new link works until ${inWords(new Date(clock.now().getTime() + 7 * 86_400_000))}, the old one no longer works.`,
    ]);
    expect(said(entries, "invitation.revoked")).toEqual(["Owner revoked the invitation for nina@words.test (an admin)."]);
    expect(said(entries, "member.role_changed")).toEqual([`Owner changed Member (${member.email}) from a member to an admin.`]);
    expect(said(entries, "api_key.created")).toEqual([
      `Admin created the API key "Admin's laptop" (${adminKey.prefix}…) for recording usage.`,
      `Owner created the API key "Nightly import" (${nightly.prefix}…) for recording usage.`,
    ]);
    expect(said(entries, "api_key.revoked")).toEqual([`Owner revoked the API key "Nightly import" (${nightly.prefix}…).`]);
    expect(said(entries, "api_key.revoked_with_creator")).toEqual([
      `The API key "Admin's laptop" (${adminKey.prefix}…) was revoked: its creator, Admin (${admin.email}), is no longer a member.`,
    ]);
    expect(said(entries, "space.created")).toEqual(['Owner created the Space "Research".']);
    expect(said(entries, "space.renamed")).toEqual(['Owner renamed the Space "Research" → "Models".']);
    expect(said(entries, "org.renamed")).toEqual(['Owner renamed the org "Acme" → "Acme Labs".']);
    expect(said(entries, "soft_alert.threshold_changed")).toEqual([
      "Owner changed the low-credit alert: it now comes when the pool falls below 35% of its monthly credits (was 20%).",
    ]);
    expect(said(entries, "member.personal_credits_allowed")).toEqual([
      `Member (${member.email}) let this org's API keys spend their personal credits.`,
    ]);
    expect(said(entries, "member.removed")).toEqual([`Owner removed Admin (${admin.email}) (was an admin).`]);
    expect(said(entries, "org.ownership_transferred")).toEqual([
      `Owner (${owner.email}) transferred ownership to Member (${member.email}) and is now an admin.`,
    ]);
    expect(said(entries, "member.left")).toEqual([`Owner (${owner.email}) left the org (was an admin).`]);
  });
});

describe("billing entries in words", () => {
  let s: TestApp;
  beforeAll(async () => {
    s = await startTestApp();
  });
  afterAll(() => s.close());

  it("says plan changes, top-ups, downgrades, cancellations, forfeits and billing details in words, with dates", async () => {
    const team = await teamWithTopUp(s);
    const { owner, orgId } = team;
    const run = (q: string) => owner.client.ok(q, { o: orgId });
    await run("mutation($o: ID!) { scheduleDowngrade(orgId: $o) { id } }");
    await run("mutation($o: ID!) { cancelDowngrade(orgId: $o) { id } }");
    await run("mutation($o: ID!) { scheduleCancellation(orgId: $o) { id } }");
    await run("mutation($o: ID!) { cancelDowngrade(orgId: $o) { id } }");
    await owner.client.ok(
      'mutation($o: ID!) { updateBillingDetails(orgId: $o, billingEmail: "ap@acme.test", taxId: { type: "eu_vat", value: "DE123456789" }) { id } }',
      { o: orgId },
    );
    await webhooksSettled(s);
    await run("mutation($o: ID!) { scheduleDowngrade(orgId: $o) { id } }");
    await webhooksSettled(s);
    const { org } = await owner.client.ok("query($o: ID!) { org(id: $o) { subscription { currentPeriodEnd } } }", { o: orgId });
    const ends = inWords(new Date(org.subscription.currentPeriodEnd));
    await advanceDevClock(s, 32);
    await webhooksSettled(s);

    const entries = await sentences(owner.client, orgId);
    const sub = await s.app.db.manager.findOneByOrFail(SubscriptionEntity, { accountType: "ORG", accountId: orgId });
    expectInWords(entries, [orgId, owner.id, team.spaceId, sub.id]);
    expect(said(entries, "checkout.team_started")).toEqual([
      `Owner (${owner.email}) opened Stripe's checkout for Team; nothing changes unless it is paid.`,
    ]);
    expect(said(entries, "checkout.top_up_started")).toEqual([
      `Owner (${owner.email}) opened Stripe's checkout for 2,000 top-up credits; nothing changes unless it is paid.`,
    ]);
    expect(said(entries, "top_up.credited")).toEqual([
      `The top-up of 2,000 credits bought by Owner (${owner.email}) was paid and added: the pool holds 2,000 top-up credits now.`,
    ]);
    expect(said(entries, "plan.changed")).toEqual([
      "The org left Team (downgraded to Pro) and is on the owner's personal plan again.",
      expect.stringMatching(/^The org moved from the owner's personal plan to Team, billed monthly: [\d,]+ credits a month\.$/),
    ]);
    expect(said(entries, "downgrade.scheduled")).toEqual([
      `Owner scheduled the switch from Team to Pro: Team ends on ${ends}, then the org is on the owner's personal Pro plan.`,
      `Owner scheduled the switch from Team to Pro: Team ends on ${ends}, then the org is on the owner's personal Pro plan.`,
    ]);
    expect(said(entries, "downgrade.cancelled")).toEqual(["Owner cancelled the downgrade to Pro: the org stays on Team."]);
    expect(said(entries, "cancellation.scheduled")).toEqual([
      `Owner cancelled Team: it ends on ${ends}, then the org is on Owner (${owner.email})'s personal Free plan.`,
    ]);
    expect(said(entries, "cancellation.withdrawn")).toEqual([
      "Owner took back the cancellation: the org stays on Team, which renews as usual.",
    ]);
    expect(said(entries, "billing_details.changed")).toEqual([
      expect.stringMatching(/^Billing details changed: billing email .* → ap@acme\.test; tax IDs none → eu_vat DE123456789\.$/),
    ]);
    expect(said(entries, "credits.forfeited")).toEqual([
      expect.stringMatching(/^The pool was forfeited as the org left Team: 2,000 top-up and [\d,]+ monthly credits\.$/),
    ]);
    expect(said(entries, "downgrade.completed")).toEqual([
      `The switch to Pro took effect: Team ended, the org is on Owner (${owner.email})'s personal Pro plan, and its Spaces are open to the owner only.`,
    ]);
  });

  it("says what support set for Enterprise", async () => {
    const owner = await signUp(s, { name: "Olivia" });
    const orgId = await createOrg(owner, "Globex");
    await owner.client.ok('mutation($o: ID!) { requestEnterpriseContact(orgId: $o, message: "We need SSO.") }', { o: orgId });
    const staff = await staffOf(s);
    await staff.client.ok("mutation($o: ID!) { setEnterpriseTerms(orgId: $o, monthlyCredits: 250000, sso: true, dpa: false) { id } }", {
      o: orgId,
    });
    const entries = await sentences(owner.client, orgId);
    expectInWords(entries, [orgId, owner.id, staff.id]);
    expect(said(entries, "enterprise.contact_requested")).toEqual([`Olivia (${owner.email}) asked sales about Enterprise: "We need SSO."`]);
    expect(said(entries, "enterprise.terms_set")).toEqual([
      "Staff put the org on Enterprise (was the owner's personal plan): 250,000 credits a month, SSO on, DPA not signed.",
    ]);
  });
});
