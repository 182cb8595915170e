import { AuditEntryEntity, LedgerEntryEntity, SubscriptionEntity } from "../src/entities";
import { expectBooksBalancedAfterEach } from "./support/books";
import { expectLedgerMatches } from "./support/credits-fixture";
import { advanceDevClock, createOrg, orgWithTeam, signUp, staffOf } from "./support/fixtures";
import { emulatorOf, payOnHostedPage, teamWithTopUp, webhooksSettled } from "./support/stripe-fixture";
import { startTestApp, type TestApp } from "./support/test-app";

const CANCEL_TEAM = "mutation($o: ID!) { scheduleCancellation(orgId: $o) { id } }";
const TAKE_BACK = "mutation($o: ID!) { cancelDowngrade(orgId: $o) { id } }";
const SWITCH_TO_PRO = "mutation($o: ID!) { scheduleDowngrade(orgId: $o) { id } }";
const DELETE = "mutation($o: ID!) { deleteOrg(orgId: $o) }";
const STATE = `query($id: ID!) { org(id: $id) { plan spacesOwnerOnly subscription { status pendingPlan cancelAtPeriodEnd currentPeriodEnd }
  pool { topUpRemaining monthlyRemaining } downgradePreview { effectiveAt topUpCreditsLost monthlyCreditsLost membersLosingAccess { role } spacesLosingAccess { name } } } }`;
const RECORD =
  'mutation($o: ID!, $m: ID!, $s: ID!, $k: String!) { recordUsage(input: { orgId: $o, memberId: $m, spaceId: $s, model: "m", credits: 10, idempotencyKey: $k }) { creditsCharged } }';
const AUDIT = "query($id: ID!) { org(id: $id) { auditLog { action actorEmail details } } }";

let t: TestApp;
expectBooksBalancedAfterEach(() => t);
beforeAll(async () => {
  t = await startTestApp({ env: { INVITATIONS_PER_ORG_PER_DAY: "6" } });
});
afterAll(() => t.close());

describe("cancelling Team", () => {
  it("shows the owner's plan as pending with the loss preview, then at the period end forfeits the pool, moves the org to FREE and closes Spaces", async () => {
    const team = await teamWithTopUp(t);
    expect(await team.admin.client.code(CANCEL_TEAM, { o: team.orgId })).toBe("FORBIDDEN");
    await team.owner.client.ok(CANCEL_TEAM, { o: team.orgId });
    // Twice, or a Switch to Pro on top, is refused and changes nothing.
    expect(await team.owner.client.code(CANCEL_TEAM, { o: team.orgId })).toBe("CONFLICT");
    expect(await team.owner.client.code(SWITCH_TO_PRO, { o: team.orgId })).toBe("CONFLICT");
    await webhooksSettled(t);

    const { org } = await team.owner.client.ok(STATE, { id: team.orgId });
    // The owner has no personal plan: FREE is what comes; Stripe ends the subscription at the period end.
    expect(org).toMatchObject({ plan: "TEAM", subscription: { status: "active", pendingPlan: "FREE", cancelAtPeriodEnd: true } });
    const sub = await t.app.db.manager.findOneByOrFail(SubscriptionEntity, { accountType: "ORG", accountId: team.orgId });
    expect((await t.app.services.gateway.stripe.subscriptions.retrieve(sub.id)).cancel_at_period_end).toBe(true);
    const preview = org.downgradePreview;
    expect(preview).toMatchObject({ effectiveAt: org.subscription.currentPeriodEnd, topUpCreditsLost: 2_000 });
    expect(preview.monthlyCreditsLost).toBe(org.pool.monthlyRemaining);
    expect(preview.membersLosingAccess.map((m: { role: string }) => m.role).sort()).toEqual(["ADMIN", "MEMBER"]);
    expect(preview.spacesLosingAccess).toEqual([{ name: "Lab" }]);
    // Nothing changes before the end: the member still spends from the pool.
    await team.member.client.ok(RECORD, { o: team.orgId, m: team.memberMemberId, s: team.spaceId, k: "before" });

    await advanceDevClock(t, 32);
    await webhooksSettled(t);
    const after = (await team.owner.client.ok(STATE, { id: team.orgId })).org;
    expect(after).toMatchObject({
      plan: "FREE",
      pool: null,
      spacesOwnerOnly: true,
      downgradePreview: null,
      subscription: { status: "canceled", pendingPlan: null },
    });
    const forfeits = await t.app.db.manager.findBy(LedgerEntryEntity, { accountId: team.orgId, kind: "FORFEIT" });
    expect(forfeits.map((f) => [f.bucket, -f.amount]).sort()).toEqual(
      [
        ["MONTHLY", preview.monthlyCreditsLost],
        ["TOP_UP", 2_000 - 10],
      ].sort(),
    );
    const pool = await expectLedgerMatches(t.app, team.orgId);
    expect(pool.topUpBalance + pool.monthlyBalance).toBe(0);
    expect(await team.member.client.code(RECORD, { o: team.orgId, m: team.memberMemberId, s: team.spaceId, k: "after" })).toBe(
      "BAD_USER_INPUT",
    );

    const log = (await team.owner.client.ok(AUDIT, { id: team.orgId })).org.auditLog;
    const done = log.filter((e: { action: string }) => e.action === "cancellation.completed");
    expect(done).toHaveLength(1); // Stripe's event and our clock both passed the end: applied once
    expect(JSON.parse(done[0].details).after.summary).toContain(`Forfeited ${(2_000 - 10).toLocaleString("en-US")} top-up`);
    expect(log.find((e: { action: string }) => e.action === "cancellation.scheduled").actorEmail).toBe(team.owner.email);

    // Stripe ended the subscription itself: nothing renews.
    expect((await t.app.services.gateway.stripe.subscriptions.retrieve(sub.id)).status).toBe("canceled");
  });

  it("shows the owner's own personal plan as pending when they have one", async () => {
    const team = await teamWithTopUp(t);
    const { startPersonalCheckout } = await team.owner.client.ok("mutation { startPersonalCheckout(plan: STARTER) { id url } }");
    await payOnHostedPage(startPersonalCheckout.url);
    await team.owner.client.ok("mutation($s: ID!) { completePersonalCheckout(sessionId: $s) { id } }", { s: startPersonalCheckout.id });
    await team.owner.client.ok(CANCEL_TEAM, { o: team.orgId });
    const { org } = await team.owner.client.ok(STATE, { id: team.orgId });
    expect(org.subscription).toMatchObject({ pendingPlan: "STARTER", cancelAtPeriodEnd: true });
  });

  it("is taken back with cancelDowngrade: Team renews and keeps its pool", async () => {
    const team = await teamWithTopUp(t);
    await team.owner.client.ok(CANCEL_TEAM, { o: team.orgId });
    await team.owner.client.ok(TAKE_BACK, { o: team.orgId });
    expect(await team.owner.client.code(TAKE_BACK, { o: team.orgId })).toBe("CONFLICT");
    await webhooksSettled(t);
    expect((await team.owner.client.ok(STATE, { id: team.orgId })).org.subscription).toMatchObject({
      pendingPlan: null,
      cancelAtPeriodEnd: false,
    });
    await advanceDevClock(t, 32);
    const { org } = await team.owner.client.ok(STATE, { id: team.orgId });
    expect(org).toMatchObject({ plan: "TEAM", spacesOwnerOnly: false, subscription: { status: "active", pendingPlan: null } });
    expect(org.pool.topUpRemaining).toBe(2_000);
    expect((await team.owner.client.ok(AUDIT, { id: team.orgId })).org.auditLog.map((e: { action: string }) => e.action)).toContain(
      "cancellation.withdrawn",
    );
  });

  it("happens once when our clock passes the period end before Stripe's event arrives", async () => {
    const team = await teamWithTopUp(t);
    await team.owner.client.ok(CANCEL_TEAM, { o: team.orgId });
    await webhooksSettled(t);
    emulatorOf(t).setDeliveryMode("queued");
    try {
      await t.app.db.transaction((em) =>
        em.update(SubscriptionEntity, { accountId: team.orgId }, { currentPeriodEnd: new Date(Date.now() - 1000) }),
      );
      await t.app.jobs.runNow(["downgrades"]);
      expect((await team.owner.client.ok(STATE, { id: team.orgId })).org).toMatchObject({ plan: "FREE", spacesOwnerOnly: true });
      await advanceDevClock(t, 32);
      await emulatorOf(t).flushWebhooks();
    } finally {
      emulatorOf(t).setDeliveryMode("immediate");
    }
    expect(await t.app.db.manager.findBy(LedgerEntryEntity, { accountId: team.orgId, kind: "FORFEIT" })).toHaveLength(2);
    expect(await t.app.db.manager.countBy(AuditEntryEntity, { orgId: team.orgId, action: "cancellation.completed" })).toBe(1);
    await expectLedgerMatches(t.app, team.orgId);
  });
});

describe("deleting an org", () => {
  it("is refused while Team is live or only scheduled to end, then removes access for everyone but keeps history for staff", async () => {
    const team = await teamWithTopUp(t);
    const { createApiKey } = await team.owner.client.ok(
      'mutation($o: ID!) { createApiKey(orgId: $o, name: "k", scopes: [USAGE_READ]) { secret } }',
      { o: team.orgId },
    );
    const key = t.client({ bearer: createApiKey.secret });
    await key.ok("query($o: ID!) { org(id: $o) { id } }", { o: team.orgId });

    expect(await team.admin.client.code(DELETE, { o: team.orgId })).toBe("FORBIDDEN");
    expect(await team.owner.client.code(DELETE, { o: team.orgId })).toBe("CONFLICT");
    await team.owner.client.ok(CANCEL_TEAM, { o: team.orgId });
    expect(await team.owner.client.code(DELETE, { o: team.orgId })).toBe("CONFLICT");
    // The refusals changed nothing.
    expect((await team.member.client.ok("{ myOrgs { id } }")).myOrgs.map((o: { id: string }) => o.id)).toContain(team.orgId);

    await advanceDevClock(t, 32);
    // An invitation still pending (invitations last 7 days, so it is sent after the end).
    const invitee = await signUp(t);
    const { inviteMember } = await team.owner.client.ok(
      "mutation($o: ID!, $e: String!) { inviteMember(orgId: $o, email: $e, role: MEMBER) { acceptUrl } }",
      { o: team.orgId, e: invitee.email },
    );
    expect((await team.owner.client.ok(DELETE, { o: team.orgId })).deleteOrg).toBe(true);

    for (const who of [team.owner, team.admin, team.member]) {
      expect((await who.client.ok("{ myOrgs { id } }")).myOrgs.map((o: { id: string }) => o.id)).not.toContain(team.orgId);
      expect(await who.client.code("query($id: ID!) { org(id: $id) { id name } }", { id: team.orgId })).toBe("NOT_FOUND");
    }
    expect(await team.owner.client.code(DELETE, { o: team.orgId })).toBe("NOT_FOUND");
    expect(
      await team.owner.client.code("mutation($o: ID!) { startTeamCheckout(orgId: $o, interval: MONTHLY) { id } }", { o: team.orgId }),
    ).toBe("NOT_FOUND");
    expect((await key.request("query($o: ID!) { org(id: $o) { id } }", { o: team.orgId })).status).toBe(401);
    const token = inviteMember.acceptUrl.split("/invite/")[1];
    expect(await invitee.client.code("mutation($t: String!) { acceptInvitation(token: $t) { id } }", { t: token })).toBe("CONFLICT");

    // Support staff still find it and read its history, marked deleted.
    const staff = await staffOf(t);
    const { supportSearchOrgs } = await staff.client.ok("query($q: String!) { supportSearchOrgs(query: $q) { id } }", { q: team.orgId });
    expect(supportSearchOrgs).toEqual([{ id: team.orgId }]);
    const { org } = await staff.client.ok("query($id: ID!) { org(id: $id) { name deletedAt auditLog { action actorEmail details } } }", {
      id: team.orgId,
    });
    expect(org.name).toBe("Acme");
    expect(org.deletedAt).not.toBeNull();
    const deleted = org.auditLog.find((e: { action: string }) => e.action === "org.deleted");
    expect(deleted.actorEmail).toBe(team.owner.email);
    expect(JSON.parse(deleted.details).after.summary).toContain(
      "2 member(s) lost access, 1 API key(s) and 1 pending invitation(s) were revoked",
    );
    expect(org.auditLog.map((e: { action: string }) => e.action)).toContain("cancellation.completed");
  });

  it("works at once for an org that never had Team, and frees the owner's org slot", async () => {
    const owner = await signUp(t);
    const orgId = await createOrg(owner, "Scratch");
    expect((await owner.client.ok(DELETE, { o: orgId })).deleteOrg).toBe(true);
    expect((await owner.client.ok("{ myOrgs { id } }")).myOrgs).toEqual([]);
  });
});

describe("renaming", () => {
  it("renames the org and its Spaces (OWNER or ADMIN), keeps Space names unique per org, and audits both", async () => {
    const team = await orgWithTeam(t);
    const RENAME_ORG = "mutation($o: ID!, $n: String!) { renameOrg(orgId: $o, name: $n) { id name } }";
    const RENAME_SPACE = "mutation($o: ID!, $s: ID!, $n: String!) { renameSpace(orgId: $o, spaceId: $s, name: $n) { id name } }";
    expect(await team.member.client.code(RENAME_ORG, { o: team.orgId, n: "Nope" })).toBe("FORBIDDEN");
    expect(await team.owner.client.code(RENAME_ORG, { o: team.orgId, n: "   " })).toBe("BAD_USER_INPUT");
    expect((await team.admin.client.ok(RENAME_ORG, { o: team.orgId, n: "  Acme   Labs " })).renameOrg.name).toBe("Acme Labs");

    const space = async (name: string) =>
      (await team.owner.client.ok("mutation($o: ID!, $n: String!) { createSpace(orgId: $o, name: $n) { id } }", { o: team.orgId, n: name }))
        .createSpace.id as string;
    const research = await space("Research");
    const lab = await space("Lab");
    expect(await team.member.client.code(RENAME_SPACE, { o: team.orgId, s: lab, n: "X" })).toBe("FORBIDDEN");
    expect(await team.admin.client.code(RENAME_SPACE, { o: team.orgId, s: lab, n: "research" })).toBe("CONFLICT");
    const other = await createOrg(team.owner, "Other");
    expect(await team.owner.client.code(RENAME_SPACE, { o: other, s: lab, n: "Elsewhere" })).toBe("NOT_FOUND");
    expect((await team.admin.client.ok(RENAME_SPACE, { o: team.orgId, s: lab, n: "Models" })).renameSpace).toEqual({
      id: lab,
      name: "Models",
    });
    // Case changes of a Space's own name are fine.
    expect((await team.admin.client.ok(RENAME_SPACE, { o: team.orgId, s: research, n: "RESEARCH" })).renameSpace.name).toBe("RESEARCH");

    const { org } = await team.owner.client.ok(
      `query($id: ID!) { org(id: $id) { name spaces { name } auditLog { action actorEmail details } } }`,
      {
        id: team.orgId,
      },
    );
    expect(org.name).toBe("Acme Labs");
    expect(org.spaces.map((s: { name: string }) => s.name)).toEqual(["RESEARCH", "Models"]);
    const renamed = org.auditLog
      .filter((e: { action: string }) => e.action.endsWith(".renamed"))
      .map((e: { details: string }) => ({ ...e, details: JSON.parse(e.details) }));
    expect(renamed).toContainEqual({
      action: "org.renamed",
      actorEmail: team.admin.email,
      details: {
        before: { name: "Acme" },
        after: { summary: expect.stringMatching(/ renamed the org "Acme" → "Acme Labs"\.$/), name: "Acme Labs" },
      },
    });
    expect(renamed).toContainEqual(
      expect.objectContaining({
        action: "space.renamed",
        details: {
          before: { name: "Lab" },
          after: { summary: expect.stringMatching(/ renamed the Space "Lab" → "Models"\.$/), name: "Models" },
        },
      }),
    );
  });
});

describe("resending an invitation", () => {
  it("mails a fresh link that works, retires the old one, resets the expiry, audits, and counts against the daily quota", async () => {
    const owner = await signUp(t, { name: "Olive" });
    const orgId = await createOrg(owner, "Resenders");
    const invitee = await signUp(t);
    const INVITE = "mutation($o: ID!, $e: String!) { inviteMember(orgId: $o, email: $e, role: ADMIN) { id expiresAt acceptUrl } }";
    const RESEND = "mutation($o: ID!, $i: ID!) { resendInvitation(orgId: $o, invitationId: $i) { id email role expiresAt acceptUrl } }";
    const first = (await owner.client.ok(INVITE, { o: orgId, e: invitee.email })).inviteMember;
    await advanceDevClock(t, 3);

    expect(await invitee.client.code(RESEND, { o: orgId, i: first.id })).toBe("NOT_FOUND");
    const again = (await owner.client.ok(RESEND, { o: orgId, i: first.id })).resendInvitation;
    expect(again).toMatchObject({ email: invitee.email, role: "ADMIN" });
    expect(again.acceptUrl).not.toBe(first.acceptUrl);
    expect(new Date(again.expiresAt).getTime() - new Date(first.expiresAt).getTime()).toBeGreaterThanOrEqual(3 * 86_400_000 - 60_000);
    await t.app.jobs.runNow(["mail"]);
    const mail = t.mail.sent.filter((m) => m.to === invitee.email && m.subject.includes("invited you to Resenders")).at(-1);
    expect(mail?.text).toContain(again.acceptUrl);

    // One pending invitation is listed: the fresh one.
    const { org } = await owner.client.ok("query($id: ID!) { org(id: $id) { invitations { id } auditLog { action } } }", { id: orgId });
    expect(org.invitations).toEqual([{ id: again.id }]);
    expect(org.auditLog.map((e: { action: string }) => e.action)).toContain("invitation.resent");
    // The old id cannot be resent again (it was retired).
    expect(await owner.client.code(RESEND, { o: orgId, i: first.id })).toBe("CONFLICT");

    const ACCEPT = "mutation($t: String!) { acceptInvitation(token: $t) { role } }";
    expect(await invitee.client.code(ACCEPT, { t: first.acceptUrl.split("/invite/")[1] })).toBe("CONFLICT");
    expect((await invitee.client.ok(ACCEPT, { t: again.acceptUrl.split("/invite/")[1] })).acceptInvitation.role).toBe("ADMIN");
    expect(await owner.client.code(RESEND, { o: orgId, i: again.id })).toBe("CONFLICT");
  });

  it("counts against the invitations-per-day quota", async () => {
    const owner = await signUp(t);
    const orgId = await createOrg(owner, "Quota");
    const INVITE = "mutation($o: ID!, $e: String!) { inviteMember(orgId: $o, email: $e, role: MEMBER) { id } }";
    const ids: string[] = [];
    for (let i = 0; i < 5; i++)
      ids.push((await owner.client.ok(INVITE, { o: orgId, e: `q${i}-${Date.now()}@example.test` })).inviteMember.id);
    const RESEND = "mutation($o: ID!, $i: ID!) { resendInvitation(orgId: $o, invitationId: $i) { id } }";
    await owner.client.ok(RESEND, { o: orgId, i: ids[0] }); // the 6th of the day
    expect(await owner.client.code(RESEND, { o: orgId, i: ids[1] })).toBe("BAD_USER_INPUT");
    // Refused: the old link of ids[1] is still the pending one.
    const { org } = await owner.client.ok("query($id: ID!) { org(id: $id) { invitations { id } } }", { id: orgId });
    expect(org.invitations.map((i: { id: string }) => i.id)).toContain(ids[1]);
  });
});
