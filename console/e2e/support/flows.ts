import type { Page } from "playwright-core";
import { verifyEmailByMail } from "./mailbox";

/** The steps people take in the console, by what they read on screen. */

export interface Person {
  name: string;
  email: string;
  password: string;
}

export function person(name: string, email: string): Person {
  return { name, email, password: "correct horse battery staple" };
}

/** Fills and sends the sign-up form on the page already open (it may carry `?next=`). */
export async function submitSignUp(page: Page, who: Person): Promise<void> {
  await page.getByLabel("Name").fill(who.name);
  await page.getByLabel("Email").fill(who.email);
  await page.getByLabel("Password").fill(who.password);
  await page.getByRole("button", { name: "Create account" }).click();
}

export async function signUp(page: Page, who: Person): Promise<void> {
  await page.goto("/signup");
  await submitSignUp(page, who);
  await page.getByRole("heading", { level: 1, name: "Your orgs" }).waitFor();
}

/** Creates an org from the home page and opens it; returns its id. */
export async function createOrg(page: Page, name: string): Promise<string> {
  await page.getByLabel("Org name").fill(name);
  await page.getByRole("button", { name: "Create org" }).click();
  await page.getByRole("list", { name: "Your orgs" }).getByRole("link", { name }).click();
  await page.getByRole("heading", { level: 1, name }).waitFor();
  const orgId = /\/orgs\/([^/]+)$/.exec(new URL(page.url()).pathname)?.[1];
  if (!orgId) throw new Error(`not on an org page: ${page.url()}`);
  return orgId;
}

export async function openTeamSettings(page: Page): Promise<void> {
  await page.getByRole("link", { name: "Team settings" }).click();
  await page.getByRole("heading", { level: 1, name: "Team settings" }).waitFor();
  await page.getByRole("table", { name: "Members" }).waitFor();
}

export async function invite(page: Page, email: string, role: "Member" | "Admin"): Promise<void> {
  const form = page.getByRole("form", { name: "Invite someone" });
  await form.getByLabel("Email").fill(email);
  await form.getByLabel("Role").selectOption({ label: role });
  await form.getByRole("button", { name: "Send invitation" }).click();
  await page.getByRole("list", { name: "Pending invitations" }).getByText(email, { exact: true }).waitFor();
}

/** Copies an invitation's link with its "Copy link" button and reads it back from the clipboard. */
export async function copyInvitationLink(page: Page, email: string): Promise<string> {
  await page.getByRole("button", { name: `Copy link for ${email}` }).click();
  await page.getByRole("list", { name: "Pending invitations" }).getByText("Copied").waitFor();
  return page.evaluate(() => navigator.clipboard.readText());
}

export async function createSpace(page: Page, name: string): Promise<void> {
  const form = page.getByRole("form", { name: "Create a Space" });
  await form.getByLabel("Space name").fill(name);
  await form.getByRole("button", { name: "Create Space" }).click();
  await page.getByRole("list", { name: "Spaces" }).getByText(name, { exact: true }).waitFor();
}

/** Signs up from an invitation link as someone new and accepts it; ends on the org's page. */
export async function acceptAsNewAccount(page: Page, link: string, who: Person, orgName: string): Promise<void> {
  await page.goto(link);
  await page.getByRole("link", { name: "Create an account" }).click();
  await submitSignUp(page, who);
  // Accepting needs a verified email: the link of the verification mail, then back to the invitation.
  await verifyEmailByMail(who.email);
  await page.goto(link);
  await page.getByRole("button", { name: "Accept invitation" }).click();
  await page.getByRole("heading", { level: 1, name: orgName }).waitFor();
}

export async function openBilling(page: Page): Promise<void> {
  await page.getByRole("navigation", { name: "Org sections" }).getByRole("link", { name: "Billing" }).click();
  await page.getByRole("heading", { level: 1, name: "Billing" }).waitFor();
  await page.getByRole("region", { name: "Plan" }).waitFor();
}

/** Creates an API key in Team settings and returns its secret (shown once), then dismisses it. */
export async function createApiKey(page: Page, name: string, scopes: string[]): Promise<string> {
  const form = page.getByRole("form", { name: "Create an API key" });
  await form.getByLabel("Key name").fill(name);
  for (const scope of scopes) await form.getByRole("checkbox", { name: new RegExp(scope) }).check();
  await form.getByRole("button", { name: "Create API key" }).click();
  const callout = page.getByRole("region", { name: `Copy the secret for “${name}” now` });
  const secret = (await callout.locator("code.secret__value").textContent()) ?? "";
  if (!secret.startsWith("tbk_")) throw new Error(`no API key secret shown for ${name}`);
  await callout.getByRole("button", { name: "Done, I've saved it" }).click();
  return secret;
}

/** From the org's page: Billing, then Team monthly through the Stripe emulator's hosted checkout; ends on Billing on Team. */
export async function upgradeToTeam(page: Page): Promise<void> {
  await openBilling(page);
  await page.getByRole("region", { name: "Upgrade to Team" }).getByRole("button", { name: "Upgrade to Team" }).click();
  await page.getByRole("button", { name: "Pay" }).click();
  await page.getByRole("region", { name: "You're on Team" }).waitFor();
}

export async function openOrgUsage(page: Page): Promise<void> {
  await page.getByRole("navigation", { name: "Org sections" }).getByRole("link", { name: "Org usage" }).click();
  await page.getByRole("heading", { level: 1, name: "Org usage" }).waitFor();
  await page.getByRole("region", { name: "Period" }).waitFor();
}
