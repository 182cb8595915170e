import { LedgerEntryEntity, SubscriptionEntity } from "../src/entities";
import { expectLedgerMatches, personalLedgerSum } from "./support/credits-fixture";
import { advanceDevClock, orgWithTeam, signUp } from "./support/fixtures";
import { emulatorOf, teamWithTopUp, webhooksSettled } from "./support/stripe-fixture";
import { expectBooksBalancedAfterEach } from "./support/books";
import { startTestApp, type TestApp } from "./support/test-app";

const SCHEDULE = "mutation($o: ID!) { scheduleDowngrade(orgId: $o) { id } }";
const CANCEL = "mutation($o: ID!) { cancelDowngrade(orgId: $o) { id } }";
const STATE = `query($id: ID!) { org(id: $id) { plan spacesOwnerOnly subscription { status pendingPlan currentPeriodEnd } pool { topUpRemaining monthlyRemaining }
  downgradePreview { effectiveAt topUpCreditsLost monthlyCreditsLost membersLosingAccess { role user { email } } spacesLosingAccess { name } } } }`;
const RECORD =
  'mutation($o: ID!, $m: ID!, $s: ID!, $k: String!) { recordUsage(input: { orgId: $o, memberId: $m, spaceId: $s, model: "m", credits: 10, idempotencyKey: $k }) { fromPersonal: creditsCharged } }';

let t: TestApp;
expectBooksBalancedAfterEach(() => t);
beforeAll(async () => {
  t = await startTestApp({ env: { SALES_EMAIL: "sales@team-billing.test" } });
});
afterAll(() => t.close());

describe("downgrade Team → Pro", () => {
  it("previews exactly what is lost, changes nothing until the period ends, then forfeits it and moves the owner to Pro", async () => {
    const team = await teamWithTopUp(t);
    expect(await team.admin.client.code(SCHEDULE, { o: team.orgId })).toBe("FORBIDDEN");
    await team.owner.client.ok(SCHEDULE, { o: team.orgId });
    expect(await team.owner.client.code(SCHEDULE, { o: team.orgId })).toBe("CONFLICT");
    await team.member.client.ok(RECORD, { o: team.orgId, m: team.memberMemberId, s: team.spaceId, k: "before-end" });

    const { org } = await team.owner.client.ok(STATE, { id: team.orgId });
    expect(org).toMatchObject({ plan: "TEAM", spacesOwnerOnly: false, subscription: { status: "active", pendingPlan: "PRO" } });
    const preview = org.downgradePreview;
    expect(preview.effectiveAt).toBe(org.subscription.currentPeriodEnd);
    expect(preview.topUpCreditsLost).toBe(2_000 - 10); // top-ups are spent first
    expect(preview.monthlyCreditsLost).toBe(org.pool.monthlyRemaining);
    expect(preview.membersLosingAccess.map((m: { role: string }) => m.role).sort()).toEqual(["ADMIN", "MEMBER"]);
    expect(preview.spacesLosingAccess).toEqual([{ name: "Lab" }]);

    await advanceDevClock(t, 32);
    const after = (await team.owner.client.ok(STATE, { id: team.orgId })).org;
    expect(after).toMatchObject({
      plan: "PRO",
      pool: null,
      spacesOwnerOnly: true,
      downgradePreview: null,
      subscription: { pendingPlan: null },
    });
    const forfeits = await t.app.db.manager.findBy(LedgerEntryEntity, { accountId: team.orgId, kind: "FORFEIT" });
    expect(forfeits.map((f) => [f.bucket, -f.amount]).sort()).toEqual(
      [
        ["MONTHLY", preview.monthlyCreditsLost],
        ["TOP_UP", preview.topUpCreditsLost],
      ].sort(),
    );
    const pool = await expectLedgerMatches(t.app, team.orgId);
    expect(pool.topUpBalance + pool.monthlyBalance).toBe(0);

    // Members lost the org's Spaces; the owner spends their own Pro credits there.
    expect(await team.member.client.code(RECORD, { o: team.orgId, m: team.memberMemberId, s: team.spaceId, k: "after-member" })).toBe(
      "BAD_USER_INPUT",
    );
    await team.owner.client.ok(RECORD, { o: team.orgId, m: team.ownerMemberId, s: team.spaceId, k: "after-owner" });
    expect((await team.owner.client.ok("{ me { plan creditBalance } }")).me).toEqual({ plan: "PRO", creditBalance: 2_490 });
    const personal = await personalLedgerSum(t.app, team.owner.id);
    expect(personal.ledger).toBe(personal.balance);

    // Stripe bills the Pro price from then on, and no seats.
    await advanceDevClock(t, 31);
    const [latest] = (
      await team.owner.client.ok("query($id: ID!) { org(id: $id) { invoices { amountDue lines { description quantity } } } }", {
        id: team.orgId,
      })
    ).org.invoices;
    expect(latest.amountDue).toBe(2_000);
  });

  it("can be cancelled until the period ends", async () => {
    const team = await teamWithTopUp(t);
    expect(await team.owner.client.code(CANCEL, { o: team.orgId })).toBe("CONFLICT");
    await team.owner.client.ok(SCHEDULE, { o: team.orgId });
    await team.owner.client.ok(CANCEL, { o: team.orgId });
    expect((await team.owner.client.ok(STATE, { id: team.orgId })).org.subscription.pendingPlan).toBeNull();
    await advanceDevClock(t, 32);
    const { org } = await team.owner.client.ok(STATE, { id: team.orgId });
    expect(org).toMatchObject({ plan: "TEAM", subscription: { status: "active", pendingPlan: null } });
    expect(org.pool.topUpRemaining).toBe(2_000);
  });

  it("stays cancelled when a webhook's sync read Stripe before the cancel and writes after it", async () => {
    const team = await teamWithTopUp(t);
    await team.owner.client.ok(SCHEDULE, { o: team.orgId });
    await webhooksSettled(t);
    const mirror = () => t.app.db.manager.findOneByOrFail(SubscriptionEntity, { accountType: "ORG", accountId: team.orgId });
    const { id: subscriptionId, scheduleId } = await mirror();
    expect(scheduleId).not.toBeNull();

    // A sync whose copy of the subscription is taken now (the schedule attached) and held
    // until Stripe has released the schedule, or a second has passed.
    const stripe = t.app.services.gateway.stripe;
    const released = async () => (await stripe.subscriptionSchedules.retrieve(scheduleId as string)).status === "released";
    const retrieve = stripe.subscriptions.retrieve;
    let copied!: () => void;
    const copyTaken = new Promise<void>((resolve) => (copied = resolve));
    stripe.subscriptions.retrieve = (async (...args: Parameters<typeof retrieve>) => {
      stripe.subscriptions.retrieve = retrieve;
      const stale = await retrieve.apply(stripe.subscriptions, args);
      copied();
      for (let waited = 0; waited < 1_000 && !(await released()); waited += 20) await new Promise((r) => setTimeout(r, 20));
      return stale;
    }) as typeof retrieve;
    const sync = t.app.services.webhooks.syncSubscription(subscriptionId);
    await copyTaken;
    await team.owner.client.ok(CANCEL, { o: team.orgId });
    await sync;
    await webhooksSettled(t);

    expect(await released()).toBe(true);
    expect(await mirror()).toMatchObject({ pendingPlan: null, scheduleId: null });
    // And it can be scheduled again: a new schedule, since the released one is done.
    await team.owner.client.ok(SCHEDULE, { o: team.orgId });
    await webhooksSettled(t);
    const again = await mirror();
    expect(again.pendingPlan).toBe("PRO");
    expect(again.scheduleId).not.toBe(scheduleId);
    expect((await stripe.subscriptions.retrieve(subscriptionId)).schedule).toBe(again.scheduleId);
  });

  it("happens once when our clock passes the period end before Stripe's event arrives", async () => {
    const team = await teamWithTopUp(t);
    await team.owner.client.ok(SCHEDULE, { o: team.orgId });
    // Let the schedule's own events land first: they re-sync the mirror from Stripe.
    await webhooksSettled(t);
    emulatorOf(t).setDeliveryMode("queued");
    try {
      // Our clock first: the mirror says the period ended, Stripe has not told us yet.
      await t.app.db.transaction((em) =>
        em.update(SubscriptionEntity, { accountId: team.orgId }, { currentPeriodEnd: new Date(Date.now() - 1000) }),
      );
      await t.app.jobs.runNow(["downgrades"]);
      expect((await team.owner.client.ok(STATE, { id: team.orgId })).org.plan).toBe("PRO");
      await advanceDevClock(t, 32);
      await emulatorOf(t).flushWebhooks();
    } finally {
      emulatorOf(t).setDeliveryMode("immediate");
    }
    const forfeits = await t.app.db.manager.findBy(LedgerEntryEntity, { accountId: team.orgId, kind: "FORFEIT" });
    expect(forfeits).toHaveLength(2);
    expect(
      (await t.app.db.manager.findBy(LedgerEntryEntity, { account: "USER", accountId: team.owner.id, kind: "GRANT" })).length,
    ).toBeGreaterThanOrEqual(1);
    await expectLedgerMatches(t.app, team.orgId);
  });
});

describe("Enterprise", () => {
  it("records an owner's request and emails sales", async () => {
    const team = await orgWithTeam(t);
    const ASK = "mutation($o: ID!, $m: String!) { requestEnterpriseContact(orgId: $o, message: $m) }";
    expect(await team.admin.client.code(ASK, { o: team.orgId, m: "SSO please" })).toBe("FORBIDDEN");
    expect(await team.owner.client.code(ASK, { o: team.orgId, m: "  " })).toBe("BAD_USER_INPUT");
    expect((await team.owner.client.ok(ASK, { o: team.orgId, m: "We need SSO and 200k credits." })).requestEnterpriseContact).toBe(true);
    await t.app.jobs.runNow(["mail"]);
    const mail = t.mail.sent.find((m) => m.to === "sales@team-billing.test" && m.text.includes("200k credits"));
    expect(mail?.text).toContain(team.owner.email);

    // Read back: by the org's OWNER and ADMIN (not a MEMBER), and by support staff across orgs.
    const READ = "query($id: ID!) { org(id: $id) { enterpriseRequests { message createdAt requestedBy { email } org { id } } } }";
    const { org } = await team.admin.client.ok(READ, { id: team.orgId });
    expect(org.enterpriseRequests).toEqual([
      {
        message: "We need SSO and 200k credits.",
        createdAt: expect.any(String),
        requestedBy: { email: team.owner.email },
        org: { id: team.orgId },
      },
    ]);
    expect(await team.member.client.code(READ, { id: team.orgId })).toBe("FORBIDDEN");
    const QUEUE = "query($n: Int) { supportEnterpriseRequests(first: $n) { message org { id name } } }";
    expect(await team.owner.client.code(QUEUE, {})).toBe("FORBIDDEN");
    const staff = await signUp(t, { email: "staff@support.test" }).catch(async () => {
      const client = t.client();
      await client.ok('mutation { login(email: "staff@support.test", password: "correct horse battery") { id } }');
      return { client };
    });
    const { supportEnterpriseRequests } = await staff.client.ok(QUEUE, { n: 100 });
    expect(supportEnterpriseRequests).toContainEqual({ message: "We need SSO and 200k credits.", org: { id: team.orgId, name: "Acme" } });
    expect(await staff.client.code(QUEUE, { n: 0 })).toBe("BAD_USER_INPUT");
  });

  it("lets support set the terms: the org is on ENTERPRISE with that allotment, audited with the staff email", async () => {
    const team = await orgWithTeam(t);
    const staff = await signUp(t, { email: "staff@support.test" }).catch(async () => {
      const client = t.client();
      await client.ok('mutation { login(email: "staff@support.test", password: "correct horse battery") { id } }');
      return { client };
    });
    const TERMS =
      "mutation($o: ID!, $c: Int!) { setEnterpriseTerms(orgId: $o, monthlyCredits: $c, sso: true, dpa: true) { plan ssoEnabled dpaSigned } }";
    expect(await team.owner.client.code(TERMS, { o: team.orgId, c: 50_000 })).toBe("FORBIDDEN");
    expect(await staff.client.code(TERMS, { o: team.orgId, c: -1 })).toBe("BAD_USER_INPUT");
    expect((await staff.client.ok(TERMS, { o: team.orgId, c: 50_000 })).setEnterpriseTerms).toEqual({
      plan: "ENTERPRISE",
      ssoEnabled: true,
      dpaSigned: true,
    });
    const { org } = await team.owner.client.ok(
      "query($id: ID!) { org(id: $id) { pool { monthlyAllotment totalRemaining } auditLog { action actorEmail } } }",
      { id: team.orgId },
    );
    expect(org.pool).toEqual({ monthlyAllotment: 50_000, totalRemaining: 50_000 });
    expect(org.auditLog.find((e: { action: string }) => e.action === "enterprise.terms_set").actorEmail).toBe("staff@support.test");
  });
});
