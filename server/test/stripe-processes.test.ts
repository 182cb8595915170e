import { DEFAULT_CATALOG, loadCatalog } from "@team-billing/shared";
import { startStripeEmulator } from "@team-billing/stripe-emulator";
import Stripe from "stripe";
import { LedgerEntryEntity, StripeEventEntity } from "../src/entities";
import { bootstrapStripe } from "../src/billing/bootstrap";
import { expectLedgerMatches } from "./support/credits-fixture";
import { orgWithTeam } from "./support/fixtures";
import { GqlClient } from "./support/gql-client";
import { startServerProcess } from "./support/server-process";
import { emulatorOf, payOnHostedPage, TEAM_CHECKOUT } from "./support/stripe-fixture";
import { startTestApp, type TestApp, testDb } from "./support/test-app";

describe("stripe:bootstrap", () => {
  it("creates our prices by lookup key once, and moves a key to a new price when the amount changes", async () => {
    const emulator = await startStripeEmulator({ port: 0, catalog: false });
    try {
      const stripe = new Stripe("sk_test_bootstrap", { host: emulator.host, port: emulator.port, protocol: "http" });
      const first = await bootstrapStripe(stripe, DEFAULT_CATALOG);
      expect(first.created.sort()).toEqual([
        "pro_monthly",
        "starter_monthly",
        "team_base_monthly",
        "team_base_yearly",
        "team_seat_monthly",
        "team_seat_yearly",
      ]);
      expect(await bootstrapStripe(stripe, DEFAULT_CATALOG)).toEqual({
        created: [],
        replaced: [],
        kept: expect.arrayContaining(first.created),
      });
      const changed = await bootstrapStripe(stripe, loadCatalog('{"team":{"prices":{"MONTHLY":{"baseCents":5900}}}}'));
      expect(changed.replaced).toEqual(["team_base_monthly"]);
      const { data } = await stripe.prices.list({ lookup_keys: ["team_base_monthly"] });
      expect(data.map((p) => p.unit_amount)).toEqual([5_900]);
      expect((await stripe.products.list({ limit: 100 })).data.map((p) => p.name).sort()).toEqual(["Pro", "Starter", "Team", "Team seat"]);
    } finally {
      await emulator.close();
    }
  });
});

// Two server processes on one MariaDB, one Stripe: every event goes to both, each effect happens once.
// (SQLite is the single-process embedded default: the block exists on MariaDB only.)
if (testDb() === "mariadb")
  describe("two server processes", () => {
    let t: TestApp;
    let other: { url: string; stop(): Promise<void> };
    beforeAll(async () => {
      t = await startTestApp();
      const emulator = emulatorOf(t);
      const secret = "whsec_second_process_test";
      other = await startServerProcess({
        DATABASE_URL: t.config.databaseUrl as string,
        SESSION_SECRET: t.config.sessionSecret,
        STRIPE_SECRET_KEY: "sk_test_second_process",
        STRIPE_API_URL: emulator.url,
        STRIPE_WEBHOOK_SECRET: secret,
        PUBLIC_URL: "http://console.test",
      });
      emulator.addWebhookEndpoint(`${other.url}/stripe/webhook`, { secret });
    });
    afterAll(async () => {
      await other.stop();
      await t.close();
    });

    it("applies a checkout once although both processes receive every event, twice", async () => {
      emulatorOf(t).setDeliveryMode("duplicate");
      try {
        const team = await orgWithTeam(t);
        const { startTeamCheckout } = await team.owner.client.ok(TEAM_CHECKOUT, { o: team.orgId, i: "MONTHLY" });
        await payOnHostedPage(startTeamCheckout.url);
        await emulatorOf(t).flushWebhooks();
        // The owner's session works on either process; the other one answers the success page.
        const cookie = (team.owner.client as unknown as { cookie: string }).cookie;
        const onOther = new GqlClient(other.url);
        (onOther as unknown as { cookie: string }).cookie = cookie;
        expect(
          (await onOther.ok("mutation($s: ID!) { completeCheckout(sessionId: $s) { plan } }", { s: startTeamCheckout.id })).completeCheckout
            .plan,
        ).toBe("TEAM");
        const grants = await t.app.db.manager.findBy(LedgerEntryEntity, {
          accountId: team.orgId,
          kind: "GRANT",
          reference: startTeamCheckout.id,
        });
        expect(grants).toHaveLength(1);
        await expectLedgerMatches(t.app, team.orgId);
        const attempts = emulatorOf(t)
          .webhookAttempts()
          .filter((a) => a.eventType === "checkout.session.completed");
        expect(new Set(attempts.map((a) => a.endpointId)).size).toBe(2);
        expect(await t.app.db.manager.countBy(StripeEventEntity, { type: "checkout.session.completed" })).toBeGreaterThanOrEqual(1);
      } finally {
        emulatorOf(t).setDeliveryMode("immediate");
      }
    });
  });
