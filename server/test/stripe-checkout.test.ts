import type { DeliveryMode } from "@team-billing/stripe-emulator";
import { CheckoutRecordEntity, LedgerEntryEntity, StripeEventEntity } from "../src/entities";
import { expectLedgerMatches } from "./support/credits-fixture";
import { orgWithTeam } from "./support/fixtures";
import { COMPLETE_CHECKOUT, emulatorOf, payOnHostedPage, TEAM_CHECKOUT } from "./support/stripe-fixture";
import { expectBooksBalancedAfterEach } from "./support/books";
import { startTestApp, type TestApp } from "./support/test-app";

const TOP_UP = "mutation($o: ID!, $c: Int!) { startTopUpCheckout(orgId: $o, credits: $c) { id url } }";
const ORG =
  "query($id: ID!) { org(id: $id) { plan billingInterval subscription { status interval currentPeriodEnd cancelAtPeriodEnd pendingPlan } pool { monthlyAllotment topUpRemaining totalRemaining } } }";

let t: TestApp;
expectBooksBalancedAfterEach(() => t);
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());
afterEach(() => emulator().setDeliveryMode("immediate"));

const emulator = () => emulatorOf(t);
const TEAM = TEAM_CHECKOUT;
const COMPLETE = COMPLETE_CHECKOUT;

async function upgrade(mode: DeliveryMode, completeFirst: boolean) {
  const team = await orgWithTeam(t); // three seats
  emulator().setDeliveryMode(mode);
  const { startTeamCheckout } = await team.owner.client.ok(TEAM, { o: team.orgId, i: "MONTHLY" });
  expect(startTeamCheckout.url).toContain("/checkout/");
  const success = await payOnHostedPage(startTeamCheckout.url);
  expect(success).toBe(`http://console.test/billing?checkout=success&session_id=${startTeamCheckout.id}`);
  if (completeFirst) {
    expect((await team.owner.client.ok(COMPLETE, { s: startTeamCheckout.id })).completeCheckout).toMatchObject({
      plan: "TEAM",
      billingInterval: "MONTHLY",
      seats: 3,
    });
    await emulator().flushWebhooks();
  } else {
    await emulator().flushWebhooks();
    expect((await team.owner.client.ok(COMPLETE, { s: startTeamCheckout.id })).completeCheckout.plan).toBe("TEAM");
  }
  return { team, sessionId: startTeamCheckout.id };
}

describe("upgrade to Team through Stripe checkout", () => {
  it.each([
    ["the webhook before the success page", "immediate" as DeliveryMode, false],
    ["the success page before the webhook", "queued" as DeliveryMode, true],
    ["every event delivered twice", "duplicate" as DeliveryMode, false],
    ["events shuffled", "shuffled" as DeliveryMode, true],
    ["the first two deliveries failing", { failFirst: 2 } as DeliveryMode, true],
  ])("puts the org on TEAM with a reseeded pool once: %s", async (_label, mode, completeFirst) => {
    const { team, sessionId } = await upgrade(mode, completeFirst);
    const { org } = await team.owner.client.ok(ORG, { id: team.orgId });
    expect(org).toMatchObject({
      plan: "TEAM",
      billingInterval: "MONTHLY",
      subscription: { status: "active", interval: "MONTHLY", cancelAtPeriodEnd: false, pendingPlan: null },
      pool: { monthlyAllotment: 11_000, topUpRemaining: 0, totalRemaining: 11_000 },
    });
    const grants = await t.app.db.manager.findBy(LedgerEntryEntity, { accountId: team.orgId, kind: "GRANT", reference: sessionId });
    expect(grants).toHaveLength(1);
    await expectLedgerMatches(t.app, team.orgId);
    expect((await t.app.db.manager.findOneByOrFail(CheckoutRecordEntity, { sessionId })).completedAt).not.toBeNull();
  });

  it("lets only the OWNER start it, and refuses a second one while the subscription lives", async () => {
    const team = await orgWithTeam(t);
    expect(await team.admin.client.code(TEAM, { o: team.orgId, i: "MONTHLY" })).toBe("FORBIDDEN");
    expect(await team.member.client.code(TEAM, { o: team.orgId, i: "YEARLY" })).toBe("FORBIDDEN");
    const { startTeamCheckout } = await team.owner.client.ok(TEAM, { o: team.orgId, i: "YEARLY" });
    await payOnHostedPage(startTeamCheckout.url);
    await team.owner.client.ok(COMPLETE, { s: startTeamCheckout.id });
    expect((await team.owner.client.ok(ORG, { id: team.orgId })).org.subscription.interval).toBe("YEARLY");
    expect(await team.owner.client.code(TEAM, { o: team.orgId, i: "MONTHLY" })).toBe("CONFLICT");
  });

  it("does nothing for an unpaid session, and hides another org's session", async () => {
    const team = await orgWithTeam(t);
    const other = await orgWithTeam(t);
    const { startTeamCheckout } = await team.owner.client.ok(TEAM, { o: team.orgId, i: "MONTHLY" });
    expect(await team.owner.client.code(COMPLETE, { s: startTeamCheckout.id })).toBe("CONFLICT");
    expect(await other.owner.client.code(COMPLETE, { s: startTeamCheckout.id })).toBe("NOT_FOUND");
    expect((await team.owner.client.ok(ORG, { id: team.orgId })).org.plan).toBe("FREE");
  });
});

describe("top-ups", () => {
  it("credits the pool once per checkout session, whichever door comes first, as a TOP_UP entry", async () => {
    const { team } = await upgrade("immediate", false);
    emulator().setDeliveryMode("duplicate");
    expect(await team.owner.client.code(TOP_UP, { o: team.orgId, c: 1_500 })).toBe("BAD_USER_INPUT");
    expect(await team.owner.client.code(TOP_UP, { o: team.orgId, c: 101_000 })).toBe("BAD_USER_INPUT");
    expect(await team.admin.client.code(TOP_UP, { o: team.orgId, c: 5_000 })).toBe("FORBIDDEN");
    const { startTopUpCheckout } = await team.owner.client.ok(TOP_UP, { o: team.orgId, c: 5_000 });
    const page = await (await fetch(startTopUpCheckout.url)).text();
    expect(page).toContain("5,000 credits");
    await payOnHostedPage(startTopUpCheckout.url);
    await team.owner.client.ok(COMPLETE, { s: startTopUpCheckout.id });
    await team.owner.client.ok(COMPLETE, { s: startTopUpCheckout.id });
    const { org } = await team.owner.client.ok(ORG, { id: team.orgId });
    expect(org.pool).toMatchObject({ topUpRemaining: 5_000, totalRemaining: 16_000 });
    const entries = await t.app.db.manager.findBy(LedgerEntryEntity, { accountId: team.orgId, kind: "TOP_UP" });
    expect(entries.map((e) => [e.amount, e.reference])).toEqual([[5_000, startTopUpCheckout.id]]);
    await expectLedgerMatches(t.app, team.orgId);
  });

  it("needs a pool", async () => {
    const team = await orgWithTeam(t);
    expect(await team.owner.client.code(TOP_UP, { o: team.orgId, c: 1_000 })).toBe("BILLING_PLAN_REQUIRED");
  });
});

describe("the webhook endpoint", () => {
  it("answers 400 to a bad signature and changes nothing", async () => {
    const before = await t.app.db.manager.count(StripeEventEntity);
    const body = JSON.stringify({ id: "evt_forged", type: "checkout.session.completed", data: { object: { id: "cs_x" } } });
    const res = await fetch(`${t.url}/stripe/webhook`, {
      method: "POST",
      headers: { "stripe-signature": "t=1,v1=deadbeef", "content-type": "application/json" },
      body,
    });
    expect(res.status).toBe(400);
    const unsigned = await fetch(`${t.url}/stripe/webhook`, { method: "POST", body });
    expect(unsigned.status).toBe(400);
    expect(await t.app.db.manager.count(StripeEventEntity)).toBe(before);
  });
});
