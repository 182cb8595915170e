import { personalLedgerSum } from "./support/credits-fixture";
import { advanceDevClock, signUp } from "./support/fixtures";
import { payOnHostedPage } from "./support/stripe-fixture";
import { startTestApp, type TestApp } from "./support/test-app";

const START = "mutation($p: Plan!) { startPersonalCheckout(plan: $p) { id url } }";
const COMPLETE = "mutation($s: ID!) { completePersonalCheckout(sessionId: $s) { plan creditBalance } }";
const ME = "{ me { plan creditBalance personalSubscription { status cancelAtPeriodEnd currentPeriodEnd } } }";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

describe("personal plans through Stripe", () => {
  it("buys Starter, refills it monthly, and ends it at the period end when cancelled", async () => {
    const user = await signUp(t);
    expect(await user.client.code(START, { p: "TEAM" })).toBe("BAD_USER_INPUT");
    const { startPersonalCheckout } = await user.client.ok(START, { p: "STARTER" });
    const success = await payOnHostedPage(startPersonalCheckout.url);
    expect(success).toBe(`http://console.test/account?checkout=success&session_id=${startPersonalCheckout.id}`);
    expect((await user.client.ok(COMPLETE, { s: startPersonalCheckout.id })).completePersonalCheckout).toEqual({
      plan: "STARTER",
      creditBalance: 1_000,
    });
    expect(await user.client.code(START, { p: "PRO" })).toBe("CONFLICT");
    const other = await signUp(t);
    expect(await other.client.code(COMPLETE, { s: startPersonalCheckout.id })).toBe("NOT_FOUND");

    const { me } = await user.client.ok(ME);
    expect(me.personalSubscription).toMatchObject({ status: "active", cancelAtPeriodEnd: false });
    const [sub] = (await t.app.services.gateway.stripe.subscriptions.list({ limit: 100 })).data.filter(
      (s) => s.metadata.user_id === user.id,
    );
    expect(sub.items.data[0].price.lookup_key).toBe("starter_monthly");

    await advanceDevClock(t, 32);
    expect((await user.client.ok(ME)).me).toMatchObject({
      plan: "STARTER",
      creditBalance: 1_000,
      personalSubscription: { status: "active" },
    });

    const { cancelPersonalPlan } = await user.client.ok("mutation { cancelPersonalPlan { status cancelAtPeriodEnd } }");
    expect(cancelPersonalPlan).toEqual({ status: "active", cancelAtPeriodEnd: true });
    await advanceDevClock(t, 32);
    expect((await user.client.ok(ME)).me).toEqual({ plan: "FREE", creditBalance: 0, personalSubscription: null });
    const ledger = await personalLedgerSum(t.app, user.id);
    expect(ledger.ledger).toBe(0);
  });
});
