import type { StripeEmulator } from "@team-billing/stripe-emulator";
import { orgWithTeam, type SignedInUser } from "./fixtures";
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

/** An org on Team with a paid 2,000-credit top-up and a Space "Lab": what downgrade and cancellation take away. */
export async function teamWithTopUp(t: TestApp) {
  const team = await orgWithTeam(t);
  await upgradeToTeam(team.owner, team.orgId);
  const { startTopUpCheckout } = await team.owner.client.ok(
    "mutation($o: ID!) { startTopUpCheckout(orgId: $o, credits: 2000) { id url } }",
    { o: team.orgId },
  );
  await payOnHostedPage(startTopUpCheckout.url);
  await team.owner.client.ok("mutation($s: ID!) { completeCheckout(sessionId: $s) { id } }", { s: startTopUpCheckout.id });
  const { createSpace } = await team.owner.client.ok('mutation($o: ID!) { createSpace(orgId: $o, name: "Lab") { id } }', { o: team.orgId });
  const ownerMemberId = (
    await team.owner.client.ok("query($o: ID!) { org(id: $o) { myRole members { id role } } }", { o: team.orgId })
  ).org.members.find((m: { role: string }) => m.role === "OWNER").id;
  return { ...team, spaceId: createSpace.id as string, ownerMemberId: ownerMemberId as string };
}
