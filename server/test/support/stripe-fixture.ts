import type { StripeEmulator } from "@team-billing/stripe-emulator";
import type { SignedInUser } from "./fixtures";
import type { TestApp } from "./test-app";

export const TEAM_CHECKOUT = "mutation($o: ID!, $i: BillingInterval!) { startTeamCheckout(orgId: $o, interval: $i) { id url } }";
export const COMPLETE_CHECKOUT = "mutation($s: ID!) { completeCheckout(sessionId: $s) { id plan billingInterval seats } }";

export function emulatorOf(t: TestApp): StripeEmulator {
  const emulator = t.app.services.gateway.emulator;
  if (!emulator) throw new Error("the test server should run the Stripe emulator");
  return emulator;
}

/** Pays on the emulator's hosted page as a browser would: POST <url>/pay answers 303 to the success URL. */
export async function payOnHostedPage(url: string): Promise<string> {
  const page = await fetch(url);
  if (page.status !== 200) throw new Error(`hosted checkout page answered ${page.status}`);
  const res = await fetch(`${url}/pay`, { method: "POST", redirect: "manual" });
  if (res.status !== 303) throw new Error(`paying answered ${res.status}`);
  return res.headers.get("location") as string;
}

/** Takes an org to TEAM through the real checkout (the success page's door). */
export async function upgradeToTeam(owner: SignedInUser, orgId: string, interval: "MONTHLY" | "YEARLY" = "MONTHLY"): Promise<string> {
  const { startTeamCheckout } = await owner.client.ok(TEAM_CHECKOUT, { o: orgId, i: interval });
  await payOnHostedPage(startTeamCheckout.url);
  await owner.client.ok(COMPLETE_CHECKOUT, { s: startTeamCheckout.id });
  return startTeamCheckout.id;
}

/** Waits until the emulator has no webhook delivery in flight or waiting (our handlers have run). */
export async function webhooksSettled(t: TestApp): Promise<void> {
  const emulator = emulatorOf(t);
  for (let i = 0; i < 250 && emulator.pendingWebhooks() > 0; i++) await new Promise((r) => setTimeout(r, 20));
  if (emulator.pendingWebhooks() > 0) throw new Error("webhooks still pending after 5 s");
}
