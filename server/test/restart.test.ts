import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SubscriptionEntity } from "../src/entities";
import { expectLedgerMatches } from "./support/credits-fixture";
import { advanceDevClock, addMember, orgWithTeam, signUp } from "./support/fixtures";
import { payOnHostedPage, upgradeToTeam, webhooksSettled } from "./support/stripe-fixture";
import { startTestApp, type TestApp } from "./support/test-app";

const DAY_MS = 86_400_000;

/**
 * The embedded default (no STRIPE_SECRET_KEY) restarted: our database remembers the org's
 * customer and subscription, and so must the emulator, or every later Stripe call fails.
 */
describe("a restart on the embedded Stripe emulator", () => {
  let stateDir: string;
  let t: TestApp;
  beforeAll(async () => {
    stateDir = mkdtempSync(join(tmpdir(), "tb-restart-"));
    t = await startTestApp({ env: { STRIPE_EMULATOR_STATE: join(stateDir, "stripe-emulator.json") } });
  });
  afterAll(async () => {
    await t.close();
    rmSync(stateDir, { recursive: true, force: true });
  });

  it("carries on: the Team org buys a top-up, adds a seat, renews and reads its invoices, with Stripe and our clock in step", async () => {
    const team = await orgWithTeam(t);
    await upgradeToTeam(team.owner, team.orgId);
    await advanceDevClock(t, 3);
    await webhooksSettled(t);
    const movedTo = t.app.clock.now().getTime();

    t = await t.restart();

    // The dev clock's move survives (the emulator kept its time; ours caught up to it).
    expect(Math.abs(t.app.clock.now().getTime() - movedTo)).toBeLessThan(DAY_MS);
    expect(Math.abs(t.app.clock.now().getTime() - (t.app.services.gateway.emulator?.now().getTime() ?? 0))).toBeLessThan(60_000);

    // A top-up: the checkout is for the customer Stripe still knows.
    const { startTopUpCheckout } = await team.owner.client.ok(
      "mutation($o: ID!) { startTopUpCheckout(orgId: $o, credits: 3000) { id url } }",
      { o: team.orgId },
    );
    await payOnHostedPage(startTopUpCheckout.url);
    await team.owner.client.ok("mutation($s: ID!) { completeCheckout(sessionId: $s) { id } }", { s: startTopUpCheckout.id });
    const { org } = await team.owner.client.ok("query($id: ID!) { org(id: $id) { plan pool { topUpRemaining } } }", { id: team.orgId });
    expect(org).toEqual({ plan: "TEAM", pool: { topUpRemaining: 3_000 } });

    // A new member: the seat count reaches the subscription made before the restart.
    await addMember(team.owner, team.orgId, await signUp(t));
    await t.app.jobs.runNow(["seats"]);
    const sub = await t.app.db.manager.findOneByOrFail(SubscriptionEntity, { accountType: "ORG", accountId: team.orgId });
    expect((await t.app.services.gateway.stripe.subscriptionItems.retrieve(sub.seatItemId as string)).quantity).toBe(4);
    expect(sub.seatQuantity).toBe(4);

    // The renewal comes through the webhook registered again, with the same signing secret.
    await advanceDevClock(t, 31);
    await webhooksSettled(t);
    const INVOICES = "query($id: ID!) { org(id: $id) { invoices { status lines { description } } } }";
    const { invoices } = (await team.owner.client.ok(INVOICES, { id: team.orgId })).org;
    expect(invoices.map((i: { status: string }) => i.status)).toEqual(["paid", "paid", "paid"]); // renewal, top-up, first month
    const backfilled = await team.owner.client.ok("mutation($o: ID!) { refreshInvoices(orgId: $o) { status } }", { o: team.orgId });
    expect(backfilled.refreshInvoices).toHaveLength(3);
    const attempts = t.app.services.gateway.emulator?.webhookAttempts() ?? [];
    expect(attempts.filter((a) => !a.ok)).toEqual([]);
    await expectLedgerMatches(t.app, team.orgId);
  });
});
