import { ManualClock } from "../src/common/clock";
import { SecretBox, UnreadableSecret } from "../src/common/secret-box";
import { loadConfig } from "../src/config";
import { StripeCustomerEntity, WebhookDeliveryEntity, WebhookEndpointEntity } from "../src/entities";
import { checkEndpointUrl, guardedLookup } from "../src/webhooks/webhook-address";
import { expectBooksBalancedAfterEach, staffClient } from "./support/books";
import { setBuckets, teamOrg } from "./support/credits-fixture";
import { addMember, advanceDevClock, orgWithTeam, signUp } from "./support/fixtures";
import { emulatorOf, upgradeToTeam, webhooksSettled } from "./support/stripe-fixture";
import { startTestApp, type TestApp, testDb } from "./support/test-app";
import { WebhookReceiver } from "./support/webhook-receiver";

const CREATE = `mutation($o: ID!, $u: String!, $t: [String!]!) {
  createWebhookEndpoint(orgId: $o, url: $u, eventTypes: $t) { secret endpoint { id url eventTypes disabled createdAt } }
}`;
const DELETE = "mutation($o: ID!, $e: ID!) { deleteWebhookEndpoint(orgId: $o, endpointId: $e) }";
const ENDPOINTS = "query($id: ID!) { org(id: $id) { webhookEndpoints { id url eventTypes disabled failingSince } } }";
const DELIVERIES = `query($id: ID!, $first: Int, $after: String) { org(id: $id) { webhookDeliveries(first: $first, after: $after) {
  edges { cursor node { id eventId eventType endpointId status attempts lastAttemptAt lastResponseStatus lastError createdAt } }
  pageInfo { hasNextPage endCursor } } } }`;
const PING =
  "mutation($o: ID!, $e: ID!) { pingWebhookEndpoint(orgId: $o, endpointId: $e) { id eventId eventType status attempts lastResponseStatus } }";
const REDELIVER =
  "mutation($o: ID!, $d: ID!) { redeliverWebhook(orgId: $o, deliveryId: $d) { id eventId status attempts lastResponseStatus } }";
const ALERT = `mutation($o: ID!, $s: AlertScope!, $t: ID, $p: Int!) {
  createUsageAlert(orgId: $o, scope: $s, targetId: $t, thresholdPercent: $p, notifyRoles: [OWNER]) { id }
}`;
const SET_CAP =
  "mutation($o: ID!, $s: CapScope!, $t: ID!, $l: Int!) { setCap(orgId: $o, scope: $s, targetId: $t, monthlyLimit: $l) { id } }";
const GRANT = 'mutation($o: ID!, $c: Int!) { grantCredits(orgId: $o, credits: $c, reason: "goodwill") { topUpRemaining } }';
const REMOVE = "mutation($o: ID!, $m: ID!) { removeMember(orgId: $o, memberId: $m) }";
const CANCEL_TEAM = "mutation($o: ID!) { scheduleCancellation(orgId: $o) { id } }";

const receiver = new WebhookReceiver();
beforeAll(() => receiver.start());
afterAll(() => receiver.close());

/** Runs the delivery job (and mail) until nothing is left due now. */
async function deliver(t: TestApp): Promise<void> {
  await t.app.jobs.runNow(["webhooks", "mail"]);
}

/** Every request the org's endpoint got is signed with its secret, and its body is what was signed. */
function expectAllSigned(secret: string, orgId: string): void {
  for (const r of receiver.of(orgId)) {
    expect(WebhookReceiver.verify(secret, r)).toEqual(r.body);
    expect(r.headers["webhook-id"]).toBe(r.body.id);
    // Wall-clock seconds, whatever the business clock says.
    expect(Math.abs(Number(r.headers["webhook-timestamp"]) - Date.now() / 1000)).toBeLessThan(300);
  }
}

describe("endpoints", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it("are managed by OWNER and ADMIN, shown without their secret, and refused to MEMBERs and to bad input", async () => {
    const team = await orgWithTeam(t);
    const { createWebhookEndpoint: made } = await team.admin.client.ok(CREATE, { o: team.orgId, u: receiver.url, t: ["cap.reached"] });
    expect(made.secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    expect(made.endpoint).toMatchObject({ url: receiver.url, eventTypes: ["cap.reached"], disabled: false });
    const listed = (await team.owner.client.ok(ENDPOINTS, { id: team.orgId })).org.webhookEndpoints;
    expect(listed).toEqual([{ id: made.endpoint.id, url: receiver.url, eventTypes: ["cap.reached"], disabled: false, failingSince: null }]);
    expect(JSON.stringify(listed)).not.toContain("whsec_");

    expect(await team.member.client.code(CREATE, { o: team.orgId, u: receiver.url, t: [] })).toBe("FORBIDDEN");
    expect(await team.member.client.code(ENDPOINTS, { id: team.orgId })).toBe("FORBIDDEN");
    expect(await team.member.client.code(DELIVERIES, { id: team.orgId })).toBe("FORBIDDEN");
    expect(await team.member.client.code(PING, { o: team.orgId, e: made.endpoint.id })).toBe("FORBIDDEN");
    const stranger = await signUp(t);
    // Not a member: the org is not there for them.
    expect(await stranger.client.code(DELETE, { o: team.orgId, e: made.endpoint.id })).toBe("NOT_FOUND");

    for (const [u, types] of [
      ["not a url", []],
      ["ftp://example.com/hook", []],
      ["https://user:pw@example.com/hook", []],
      [receiver.url, ["invoice.exploded"]],
    ] as const) {
      const res = await team.owner.client.request(CREATE, { o: team.orgId, u, t: types });
      expect(res.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
      expect(res.errors?.[0].message).not.toMatch(/at |\.ts|SELECT/);
    }
    expect((await team.owner.client.ok(ENDPOINTS, { id: team.orgId })).org.webhookEndpoints).toHaveLength(1);

    expect((await team.owner.client.ok(DELETE, { o: team.orgId, e: made.endpoint.id })).deleteWebhookEndpoint).toBe(true);
    expect((await team.owner.client.ok(ENDPOINTS, { id: team.orgId })).org.webhookEndpoints).toEqual([]);
    expect(await team.owner.client.code(DELETE, { o: team.orgId, e: made.endpoint.id })).toBe("NOT_FOUND");
  });

  it("must be https and public unless WEBHOOK_ALLOW_PRIVATE, and a delivery never connects to a private address", async () => {
    const strict = await startTestApp({ env: { WEBHOOK_ALLOW_PRIVATE: "false" } });
    try {
      const team = await orgWithTeam(strict);
      for (const u of [
        "http://example.com/hook",
        "https://127.0.0.1/hook",
        "https://10.1.2.3/hook",
        "https://192.168.0.10/hook",
        "https://169.254.169.254/latest/meta-data",
        "https://[::1]/hook",
        "https://[::ffff:127.0.0.1]/hook",
        "https://localhost/hook",
      ]) {
        const res = await team.owner.client.request(CREATE, { o: team.orgId, u, t: [] });
        expect([u, res.errors?.[0].extensions?.code]).toEqual([u, "BAD_USER_INPUT"]);
      }
      const ok = await team.owner.client.ok(CREATE, { o: team.orgId, u: "https://hooks.example.com/in", t: [] });
      expect(ok.createWebhookEndpoint.endpoint.url).toBe("https://hooks.example.com/in");
    } finally {
      await strict.close();
    }
    expect(() => checkEndpointUrl("http://127.0.0.1:9/x", true)).not.toThrow();
    // A public-looking name that resolves to loopback (DNS rebinding) is refused when connecting.
    const refused = await new Promise<string>((resolve) =>
      guardedLookup(false)("localhost", { all: false }, (error) =>
        resolve(error ? String((error as NodeJS.ErrnoException).code) : "allowed"),
      ),
    );
    expect(refused).toBe("EADDRREFUSED");
  });
});

describe("events from the flows that cause them (Stripe, members)", () => {
  let t: TestApp;
  expectBooksBalancedAfterEach(() => t);
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it("plan.changed and invoice.paid from a Team checkout, member.joined/removed with seats.changed, invoice.payment_failed, plan.changed on leaving", async () => {
    const team = await orgWithTeam(t);
    const { createWebhookEndpoint: hook } = await team.owner.client.ok(CREATE, { o: team.orgId, u: receiver.url, t: [] });
    await upgradeToTeam(team.owner, team.orgId);
    await webhooksSettled(t);
    await deliver(t);
    const types = () => receiver.types(team.orgId);
    expect(types()).toEqual(expect.arrayContaining(["plan.changed", "invoice.paid"]));
    const plan = receiver.of(team.orgId).find((r) => r.body.type === "plan.changed");
    expect(plan?.body.data).toEqual({
      plan: "TEAM",
      previousPlan: "PERSONAL",
      billingInterval: "MONTHLY",
      monthlyAllotment: expect.any(Number),
    });
    const paid = receiver.of(team.orgId).find((r) => r.body.type === "invoice.paid");
    expect(paid?.body.data).toMatchObject({ invoiceId: expect.stringMatching(/^in_/), amountPaid: expect.any(Number), currency: "usd" });
    expect(paid?.body.data.amountPaid).toBeGreaterThan(0);

    const newcomer = await signUp(t, { name: "Newcomer" });
    const memberId = await addMember(team.owner, team.orgId, newcomer);
    await deliver(t);
    const joined = receiver.of(team.orgId).find((r) => r.body.type === "member.joined");
    expect(joined?.body.data).toEqual({ memberId, userId: newcomer.id, email: newcomer.email, role: "MEMBER" });
    const seats = receiver.of(team.orgId).filter((r) => r.body.type === "seats.changed");
    expect(seats.at(-1)?.body.data).toEqual({ seats: 4, change: 1 });

    await team.owner.client.ok(REMOVE, { o: team.orgId, m: memberId });
    await deliver(t);
    expect(receiver.of(team.orgId).find((r) => r.body.type === "member.removed")?.body.data).toEqual({
      memberId,
      userId: newcomer.id,
      email: newcomer.email,
      role: "MEMBER",
    });
    expect(
      receiver
        .of(team.orgId)
        .filter((r) => r.body.type === "seats.changed")
        .at(-1)?.body.data,
    ).toEqual({ seats: 3, change: -1 });

    // The renewal's card is declined.
    const stripeCustomer = await t.app.db.manager.findOneByOrFail(StripeCustomerEntity, { accountType: "ORG", accountId: team.orgId });
    emulatorOf(t).setCardDeclines(stripeCustomer.id, true);
    await advanceDevClock(t, 32);
    await webhooksSettled(t);
    await deliver(t);
    const failed = receiver.of(team.orgId).find((r) => r.body.type === "invoice.payment_failed");
    expect(failed?.body.data).toMatchObject({ invoiceId: expect.stringMatching(/^in_/), amountPaid: 0 });

    emulatorOf(t).setCardDeclines(stripeCustomer.id, false);
    await team.owner.client.ok(CANCEL_TEAM, { o: team.orgId });
    await advanceDevClock(t, 32);
    await webhooksSettled(t);
    await deliver(t);
    const planEvents = receiver.of(team.orgId).filter((r) => r.body.type === "plan.changed");
    expect(planEvents.at(-1)?.body.data).toMatchObject({ plan: "PERSONAL", previousPlan: "TEAM" });

    expectAllSigned(hook.secret, team.orgId);
    // Every event went out once and succeeded.
    const ids = receiver.of(team.orgId).map((r) => r.body.id);
    expect(new Set(ids).size).toBe(ids.length);
    const log = (await team.owner.client.ok(DELIVERIES, { id: team.orgId, first: 100 })).org.webhookDeliveries.edges;
    expect(log).toHaveLength(ids.length);
    expect(log.every((e: { node: { status: string } }) => e.node.status === "SUCCEEDED")).toBe(true);
  });
});

describe("usage events, retries and failures (the server's clock)", () => {
  const clock = new ManualClock("2027-05-03T09:00:00.000Z");
  let t: TestApp;
  expectBooksBalancedAfterEach(() => t);
  beforeAll(async () => {
    t = await startTestApp({ clock });
  });
  afterAll(() => t.close());

  it("usage_alert.triggered/resolved, cap.reached once per period, pool.exhausted once until credits come in, pool.refilled", async () => {
    const team = await teamOrg(t, { members: 1 });
    const member = team.members[0];
    const { createWebhookEndpoint: hook } = await team.owner.client.ok(CREATE, { o: team.orgId, u: receiver.url, t: [] });
    await team.owner.client.ok(SET_CAP, { o: team.orgId, s: "MEMBER", t: member.memberId, l: 100 });
    const { createUsageAlert: alert } = await team.owner.client.ok(ALERT, { o: team.orgId, s: "MEMBER", t: member.memberId, p: 50 });
    const call = async (credits: number, memberId = member.memberId) => (await team.call({ memberId, credits })).code;
    const events = () => receiver.of(team.orgId).map((r) => r.body);

    await call(60);
    await deliver(t);
    expect(events().map((e) => e.type)).toEqual(["usage_alert.triggered"]);
    expect(events()[0].data).toEqual({
      alertId: alert.id,
      scope: "MEMBER",
      memberId: member.memberId,
      thresholdPercent: 50,
      remaining: 40,
      limit: 100,
    });

    await call(40); // to the limit
    expect(await call(1)).toBe("BILLING_MEMBER_CAP_REACHED");
    expect(await call(1)).toBe("BILLING_MEMBER_CAP_REACHED");
    await deliver(t);
    const reached = events().filter((e) => e.type === "cap.reached");
    expect(reached).toHaveLength(1);
    expect(reached[0].data).toMatchObject({ scope: "MEMBER", memberId: member.memberId, limit: 100, used: 100 });

    // The pool runs dry: told once, however many calls are refused after.
    await setBuckets(t.app, team.orgId, { topUp: 0, monthly: 30 });
    await call(30, team.ownerMemberId);
    expect(await call(5, team.ownerMemberId)).toBe("BILLING_POOL_EXHAUSTED");
    expect(await call(5, team.ownerMemberId)).toBe("BILLING_POOL_EXHAUSTED");
    await deliver(t);
    expect(events().filter((e) => e.type === "pool.exhausted")).toHaveLength(1);
    expect(events().find((e) => e.type === "pool.exhausted")?.data).toMatchObject({ topUpRemaining: 0, monthlyRemaining: 0 });

    // A grant re-arms it; running dry again is told again.
    const staff = await staffClient(t);
    await staff.ok(GRANT, { o: team.orgId, c: 10 });
    expect(await call(20, team.ownerMemberId)).toBe("BILLING_POOL_EXHAUSTED");
    await deliver(t);
    expect(events().filter((e) => e.type === "pool.exhausted")).toHaveLength(2);

    // The refill: a new period, the member alert resolves, the cap may be reached again.
    clock.advance(31 * 86_400_000);
    await t.app.jobs.runNow(["periods"]);
    await deliver(t);
    const refilled = events().find((e) => e.type === "pool.refilled");
    expect(refilled?.data).toMatchObject({ granted: expect.any(Number), monthlyRemaining: expect.any(Number) });
    expect((refilled?.data.granted as number) > 0).toBe(true);
    const resolved = events().filter((e) => e.type === "usage_alert.resolved");
    expect(resolved.map((e) => e.data.alertId)).toContain(alert.id);
    await call(100);
    await deliver(t);
    expect(events().filter((e) => e.type === "cap.reached")).toHaveLength(2);
    expectAllSigned(hook.secret, team.orgId);
  });

  it("usage.voided, cap_increase.requested and cap_increase.decided", async () => {
    const team = await teamOrg(t, { members: 1 });
    const member = team.members[0];
    const { createWebhookEndpoint: hook } = await team.owner.client.ok(CREATE, {
      o: team.orgId,
      u: receiver.url,
      t: ["usage.voided", "cap_increase.requested", "cap_increase.decided"],
    });
    const { setCap } = await team.owner.client.ok(SET_CAP, { o: team.orgId, s: "MEMBER", t: member.memberId, l: 100 });
    const charged = await team.call({ memberId: member.memberId, credits: 15 });
    await team.owner.client.ok('mutation($o: ID!, $e: ID!) { voidUsage(orgId: $o, eventId: $e, reason: "billed twice") { id voidedAt } }', {
      o: team.orgId,
      e: charged.data.eventId,
    });
    const { requestCapIncrease } = await member.user.client.ok(
      'mutation($o: ID!, $c: ID!) { requestCapIncrease(orgId: $o, capId: $c, monthlyLimit: 250, reason: "launch week") { id status } }',
      { o: team.orgId, c: setCap.id },
    );
    await team.owner.client.ok("mutation($o: ID!, $r: ID!) { decideCapIncrease(orgId: $o, requestId: $r, approve: true) { status } }", {
      o: team.orgId,
      r: requestCapIncrease.id,
    });
    await deliver(t);
    const byType = Object.fromEntries(receiver.of(team.orgId).map((r) => [r.body.type, r.body.data]));
    expect(Object.keys(byType).sort()).toEqual(["cap_increase.decided", "cap_increase.requested", "usage.voided"]);
    expect(byType["usage.voided"]).toMatchObject({
      eventId: charged.data.eventId,
      memberId: member.memberId,
      credits: 15,
      returned: { topUp: charged.data.fromTopUp, monthly: charged.data.fromMonthly, personal: 0 },
      reason: "billed twice",
    });
    const request = {
      requestId: requestCapIncrease.id,
      capId: setCap.id,
      scope: "MEMBER",
      memberId: member.memberId,
      requestedBy: member.memberId,
    };
    expect(byType["cap_increase.requested"]).toEqual({ ...request, currentLimit: 100, requestedLimit: 250, status: "PENDING" });
    expect(byType["cap_increase.decided"]).toEqual({ ...request, currentLimit: 100, requestedLimit: 250, status: "APPROVED" });
    expectAllSigned(hook.secret, team.orgId);
  });

  it("retries a failing receiver (the first retry within 10 s) with the same webhook-id until it answers", async () => {
    const team = await orgWithTeam(t);
    const { createWebhookEndpoint: hook } = await team.owner.client.ok(CREATE, { o: team.orgId, u: receiver.url, t: ["member.joined"] });
    receiver.answer = (r) => (r.body.orgId === team.orgId && receiver.of(team.orgId).length <= 2 ? 503 : 200);
    try {
      await addMember(team.owner, team.orgId, await signUp(t));
      await deliver(t);
      const [first] = (await team.owner.client.ok(DELIVERIES, { id: team.orgId })).org.webhookDeliveries.edges;
      expect(first.node).toMatchObject({ status: "PENDING", attempts: 1, lastResponseStatus: 503, lastError: "HTTP 503" });
      clock.advance(5_000);
      await deliver(t);
      clock.advance(5 * 60_000);
      await deliver(t);
      const attempts = receiver.of(team.orgId);
      expect(attempts).toHaveLength(3);
      expect(new Set(attempts.map((r) => r.headers["webhook-id"])).size).toBe(1);
      const [done] = (await team.owner.client.ok(DELIVERIES, { id: team.orgId })).org.webhookDeliveries.edges;
      expect(done.node).toMatchObject({ status: "SUCCEEDED", attempts: 3, lastResponseStatus: 200, lastError: null });
      expectAllSigned(hook.secret, team.orgId);
    } finally {
      receiver.answer = () => 200;
    }
  });

  it("disables an endpoint down for 3 days and emails its OWNERs; a successful redelivery turns it back on; ping answers at once", async () => {
    const team = await orgWithTeam(t);
    const { createWebhookEndpoint: hook } = await team.owner.client.ok(CREATE, { o: team.orgId, u: receiver.url, t: [] });
    receiver.answer = (r) => (r.body.orgId === team.orgId ? 500 : 200);
    try {
      await addMember(team.owner, team.orgId, await signUp(t));
      const started = clock.now().getTime();
      for (let i = 0; i < 40; i++) {
        await deliver(t);
        const row = await t.app.db.manager.findOneByOrFail(WebhookEndpointEntity, { id: hook.endpoint.id });
        if (row.disabledAt) break;
        const next = await t.app.db.manager.find(WebhookDeliveryEntity, {
          where: { endpointId: hook.endpoint.id, status: "PENDING" },
          order: { nextAttemptAt: "ASC" },
        });
        if (next.length === 0) break;
        clock.set(next[0].nextAttemptAt);
      }
      expect(clock.now().getTime() - started).toBe(72 * 3_600_000);
      const { org } = await team.owner.client.ok(ENDPOINTS, { id: team.orgId });
      expect(org.webhookEndpoints[0]).toMatchObject({ disabled: true, failingSince: new Date(started).toISOString() });
      const log = (await team.owner.client.ok(DELIVERIES, { id: team.orgId })).org.webhookDeliveries.edges.map(
        (e: { node: unknown }) => e.node,
      );
      expect(log.every((d: { status: string }) => d.status === "FAILED")).toBe(true);
      // At 0, 5 s, then 5 min, 30 min, 2 h, 5 h and 10 h apart, the last one on the 72nd hour.
      expect(Math.max(...log.map((d: { attempts: number }) => d.attempts))).toBe(13);
      const mails = t.mail.sent.filter((m) => m.to === team.owner.email && m.subject.includes("webhook endpoint disabled"));
      expect(mails).toHaveLength(1);
      expect(mails[0].text).toContain(receiver.url);
      expect(t.mail.sent.filter((m) => m.to === team.admin.email && m.subject.includes("webhook endpoint disabled"))).toHaveLength(0);

      // Disabled: new events are not queued for it.
      const before = receiver.of(team.orgId).length;
      await addMember(team.owner, team.orgId, await signUp(t));
      await deliver(t);
      expect(receiver.of(team.orgId)).toHaveLength(before);

      receiver.answer = () => 200;
      const failed = log.find((d: { eventType: string }) => d.eventType === "member.joined");
      const { redeliverWebhook } = await team.admin.client.ok(REDELIVER, { o: team.orgId, d: failed.id });
      expect(redeliverWebhook).toMatchObject({ id: failed.id, eventId: failed.eventId, status: "SUCCEEDED", lastResponseStatus: 200 });
      expect(receiver.of(team.orgId).at(-1)?.headers["webhook-id"]).toBe(failed.eventId);
      expect((await team.owner.client.ok(ENDPOINTS, { id: team.orgId })).org.webhookEndpoints[0]).toMatchObject({
        disabled: false,
        failingSince: null,
      });

      const { pingWebhookEndpoint: ping } = await team.owner.client.ok(PING, { o: team.orgId, e: hook.endpoint.id });
      expect(ping).toMatchObject({ eventType: "ping", status: "SUCCEEDED", attempts: 1, lastResponseStatus: 200 });
      const pinged = receiver.of(team.orgId).at(-1);
      expect(pinged?.body).toMatchObject({ id: ping.eventId, type: "ping", orgId: team.orgId });
      expectAllSigned(hook.secret, team.orgId);
    } finally {
      receiver.answer = () => 200;
    }
  });

  it("pages the delivery log newest first", async () => {
    const team = await orgWithTeam(t);
    const { createWebhookEndpoint: hook } = await team.owner.client.ok(CREATE, { o: team.orgId, u: receiver.url, t: [] });
    for (let i = 0; i < 5; i++) await team.owner.client.ok(PING, { o: team.orgId, e: hook.endpoint.id });
    const first = (await team.owner.client.ok(DELIVERIES, { id: team.orgId, first: 3 })).org.webhookDeliveries;
    expect(first.edges).toHaveLength(3);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const rest = (await team.owner.client.ok(DELIVERIES, { id: team.orgId, first: 3, after: first.pageInfo.endCursor })).org
      .webhookDeliveries;
    expect(rest.edges).toHaveLength(2);
    expect(rest.pageInfo.hasNextPage).toBe(false);
    const ids = [...first.edges, ...rest.edges].map((e: { node: { eventId: string } }) => e.node.eventId);
    const sent = receiver.of(team.orgId).map((r) => r.body.id);
    expect(ids).toEqual([...sent].reverse());
    expect(await team.owner.client.code(DELIVERIES, { id: team.orgId, after: "bogus" })).toBe("BAD_USER_INPUT");
  });
});

describe("two server processes", () => {
  let a: TestApp;
  let b: TestApp;
  // SQLite is one process's database (one connection): there, the two delivery loops run in one process.
  beforeAll(async () => {
    a = await startTestApp();
    b = testDb() === "mariadb" ? await startTestApp({ shareDatabaseWith: a }) : a;
  });
  afterAll(async () => {
    if (b !== a) await b.close();
    await a.close();
  });

  it("deliver each event once", async () => {
    const team = await orgWithTeam(a);
    await a.app.jobs.stop();
    await b.app.jobs.stop();
    await team.owner.client.ok(CREATE, { o: team.orgId, u: receiver.url, t: ["member.joined", "seats.changed"] });
    for (let i = 0; i < 6; i++) await addMember(team.owner, team.orgId, await signUp(a));
    // Both processes' jobs, and both delivery loops directly (past the job lease): each row is claimed once.
    await Promise.all([
      a.app.jobs.runNow(["webhooks"]),
      b.app.jobs.runNow(["webhooks"]),
      a.app.services.webhookDeliveries.deliverDue(),
      b.app.services.webhookDeliveries.deliverDue(),
    ]);
    const ids = receiver.of(team.orgId).map((r) => r.body.id);
    expect(ids).toHaveLength(12);
    expect(new Set(ids).size).toBe(12);
  });
});

describe("signing secrets at rest", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const storedSecret = async (endpointId: string) =>
    (await t.app.db.manager.findOneByOrFail(WebhookEndpointEntity, { id: endpointId })).secret;

  it("are stored sealed: the row holds neither the secret nor its key, and every delivery verifies with the secret answered once", async () => {
    const team = await orgWithTeam(t);
    const { createWebhookEndpoint: hook } = await team.owner.client.ok(CREATE, { o: team.orgId, u: receiver.url, t: [] });
    const stored = await storedSecret(hook.endpoint.id);
    expect(stored).toMatch(/^v1\.[A-Za-z0-9_-]+$/);
    const rows = await t.app.db.manager.query("SELECT * FROM webhook_endpoint WHERE id = ?", [hook.endpoint.id]);
    expect(JSON.stringify(rows)).not.toContain(hook.secret.slice("whsec_".length));
    expect(JSON.stringify(rows)).not.toContain(t.config.sessionSecret);
    const { pingWebhookEndpoint: ping } = await team.owner.client.ok(PING, { o: team.orgId, e: hook.endpoint.id });
    expect(ping).toMatchObject({ status: "SUCCEEDED", lastResponseStatus: 200 });
    expect(receiver.of(team.orgId)).toHaveLength(1);
    expectAllSigned(hook.secret, team.orgId);
  });

  it("a secret stored in plain text before sealing still signs, and the webhook-secrets job seals it", async () => {
    const team = await orgWithTeam(t);
    const { createWebhookEndpoint: hook } = await team.owner.client.ok(CREATE, { o: team.orgId, u: receiver.url, t: [] });
    const legacy = "whsec_bGVnYWN5LXNlY3JldC1mcm9tLWJlZm9yZS1zZWFsaW5n";
    await t.app.db.manager.update(WebhookEndpointEntity, { id: hook.endpoint.id }, { secret: legacy });
    await team.owner.client.ok(PING, { o: team.orgId, e: hook.endpoint.id });

    await t.app.jobs.runNow(["webhook-secrets"]);
    const sealed = await storedSecret(hook.endpoint.id);
    expect(sealed).toMatch(/^v1\./);
    expect(sealed).not.toContain(legacy.slice("whsec_".length));
    await team.owner.client.ok(PING, { o: team.orgId, e: hook.endpoint.id });
    expect(receiver.of(team.orgId)).toHaveLength(2);
    expectAllSigned(legacy, team.orgId);
    // Once sealed, a second run finds nothing to do and changes nothing.
    await t.app.jobs.runNow(["webhook-secrets"]);
    expect(await storedSecret(hook.endpoint.id)).toBe(sealed);
  });

  it("a sealed secret copied into another endpoint's row does not sign: the delivery fails saying why, and sends nothing", async () => {
    const team = await orgWithTeam(t);
    const other = await orgWithTeam(t);
    const { createWebhookEndpoint: theirs } = await other.owner.client.ok(CREATE, { o: other.orgId, u: receiver.url, t: [] });
    const { createWebhookEndpoint: ours } = await team.owner.client.ok(CREATE, { o: team.orgId, u: receiver.url, t: [] });
    await t.app.db.manager.update(WebhookEndpointEntity, { id: ours.endpoint.id }, { secret: await storedSecret(theirs.endpoint.id) });
    const { pingWebhookEndpoint: ping } = await team.owner.client.ok(PING, { o: team.orgId, e: ours.endpoint.id });
    expect(ping).toMatchObject({ status: "FAILED", lastResponseStatus: null });
    const log = (await team.owner.client.ok(DELIVERIES, { id: team.orgId })).org.webhookDeliveries.edges[0].node;
    expect(log.lastError).toBe("The stored secret cannot be decrypted with this server's DATA_ENCRYPTION_KEY.");
    expect(log.lastError).not.toContain(theirs.secret);
    expect(receiver.of(team.orgId)).toHaveLength(0);
  });

  it("open only under the key that sealed them; DATA_ENCRYPTION_KEY, when set, is long enough and used instead of SESSION_SECRET", () => {
    const sealed = new SecretBox("k".repeat(32)).seal("whsec_x", "c");
    expect(new SecretBox("k".repeat(32)).open(sealed, "c")).toBe("whsec_x");
    expect(() => new SecretBox("j".repeat(32)).open(sealed, "c")).toThrow(UnreadableSecret);
    expect(() => new SecretBox("k".repeat(32)).open(`${sealed.slice(0, -2)}AA`, "c")).toThrow(UnreadableSecret);
    expect(() => loadConfig({ SESSION_SECRET: "s", DATA_ENCRYPTION_KEY: "too-short" })).toThrow(/at least 32 characters/);
    expect(loadConfig({ SESSION_SECRET: "s", DATA_ENCRYPTION_KEY: "d".repeat(40) }).dataEncryptionKey).toBe("d".repeat(40));
    expect(loadConfig({ SESSION_SECRET: "s" }).dataEncryptionKey).toBe("s");
  });
});
