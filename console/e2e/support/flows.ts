import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { BrowserContext, Locator, Page } from "@playwright/test";
import { baseUrl } from "./browser";
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
  // The same "check your inbox" answer for every address; Continue goes on (signed in when the address was new).
  await page.getByRole("heading", { name: "Check your inbox" }).waitFor();
  await page.getByRole("button", { name: "Continue" }).click();
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
  // Creating an org opens it.
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
  await spaceChip(page, name).waitFor();
}

/** A Space in Team settings' list, by its exact name (its chip also holds a "Rename" button for OWNER and ADMIN). */
export function spaceChip(page: Page, name: string): Locator {
  const exactName = name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return page
    .getByRole("list", { name: "Spaces" })
    .getByRole("listitem")
    .filter({ hasText: new RegExp(`^\\s*${exactName}\\s*(Rename the Space |$)`) });
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

/** Team settings of an org, by its address. */
export async function openTeamSettingsOf(page: Page, orgId: string): Promise<void> {
  await page.goto(`/orgs/${orgId}/team`);
  await page.getByRole("heading", { level: 1, name: "Team settings" }).waitFor();
  await page.getByRole("table", { name: "Members" }).waitFor();
}

/** Billing of an org, by its address. */
export async function openBillingOf(page: Page, orgId: string): Promise<void> {
  await page.goto(`/orgs/${orgId}/billing`);
  await page.getByRole("heading", { level: 1, name: "Billing" }).waitFor();
  await page.getByRole("region", { name: "Plan" }).waitFor();
}

/** From Billing on Team: buys `credits` of top-up through the emulator's checkout; ends on Billing. */
export async function buyTopUp(page: Page, credits: number): Promise<void> {
  const form = page.getByRole("form", { name: "Buy a top-up" });
  await form.getByLabel("Credits").fill(String(credits));
  await form.getByRole("button", { name: "Buy credits" }).click();
  await page.waitForURL((url) => url.pathname.startsWith("/checkout/") && url.origin !== baseUrl());
  await page.getByRole("button", { name: "Pay" }).click();
  await page.getByRole("region", { name: "Credits added" }).waitFor();
}

/** Closes the notifications of earlier steps, out of the screenshots' way. */
export async function dismissNotifications(page: Page): Promise<void> {
  const toasts = page.getByRole("region", { name: "Notifications" }).getByRole("button", { name: "Dismiss notification" });
  while ((await toasts.count()) > 0) await toasts.first().click();
}

/**
 * The invitation links mailed to `to`, oldest first, as the SMTP receiver of global.setup.ts
 * got them; waits until there are at least `atLeast` (the mail job sends every 2 s).
 */
export async function mailedInvitationLinks(to: string, atLeast = 1): Promise<string[]> {
  const dir = join(process.env.E2E_DATA_DIR as string, "smtp-inbox");
  for (let i = 0; i < 100; i++) {
    const files = existsSync(dir)
      ? readdirSync(dir)
          .filter((f) => f.endsWith(".eml"))
          .sort()
      : [];
    const links = files
      .map((f) => readFileSync(join(dir, f), "utf8").replace(/=\r?\n/g, ""))
      .filter((eml) => eml.toLowerCase().includes(`to: ${to.toLowerCase()}`))
      .map((eml) => /https?:\/\/[^\s"<>]+\/invite\/[A-Za-z0-9_.-]+/.exec(eml)?.[0])
      .filter((link): link is string => link !== undefined);
    if (links.length >= atLeast) return links;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`fewer than ${atLeast} invitation mails reached ${to}`);
}

/** Staff addresses of the test server (global.setup.ts STAFF_EMAILS) kept for these flows. */
export const SUPPORT_AGENT = "adjuster@example.test";
const TIMEKEEPER = "timekeeper@example.test";

async function postGraphql(body: { query: string; variables?: Record<string, unknown> }, cookie = ""): Promise<Response> {
  return fetch(`${baseUrl()}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(cookie ? { cookie } : {}) },
    body: JSON.stringify(body),
  });
}

const sessionCookie = (response: Response) => (response.headers.get("set-cookie") ?? "").split(";")[0];

async function whoIs(cookie: string): Promise<{ emailVerified: boolean } | null> {
  if (!cookie) return null;
  const response = await postGraphql({ query: "{ me { id emailVerified } }" }, cookie);
  return ((await response.json()) as { data?: { me: { emailVerified: boolean } | null } }).data?.me ?? null;
}

/**
 * A signed-in, verified session (its cookie) for a STAFF_EMAILS address: signs it up the
 * first time, signs in when an earlier test of this run already made the account.
 */
export async function staffCookie(email: string, name = "Sam Support"): Promise<string> {
  const { password } = person(name, email);
  const signUpAnswer = await postGraphql({
    query: "mutation ($e: String!, $p: String!, $n: String!) { signUp(email: $e, password: $p, name: $n) { id } }",
    variables: { e: email, p: password, n: name },
  });
  let cookie = sessionCookie(signUpAnswer);
  if (!(await whoIs(cookie))) {
    const login = await postGraphql({
      query: "mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { id } }",
      variables: { e: email, p: password },
    });
    cookie = sessionCookie(login);
  }
  const me = await whoIs(cookie);
  if (!me) throw new Error(`could not sign in as ${email}`);
  if (!me.emailVerified) await verifyEmailByMail(email);
  return cookie;
}

/** Signs a browser in as support staff (the session cookie of staffCookie). */
export async function signInAsStaff(context: BrowserContext, email = SUPPORT_AGENT): Promise<void> {
  const [name, ...value] = (await staffCookie(email)).split("=");
  await context.addCookies([{ name, value: value.join("="), url: baseUrl() }]);
}

/** Moves the test server's clock (and the Stripe emulator's) `days` on, as staff, running what falls due. */
export async function advanceServerClock(days: number): Promise<void> {
  const cookie = await staffCookie(TIMEKEEPER, "Tim Keeper");
  const response = await postGraphql({ query: "mutation ($d: Int!) { devAdvanceClock(days: $d) }", variables: { d: days } }, cookie);
  const body = (await response.json()) as { errors?: unknown[] };
  if (body.errors) throw new Error(`devAdvanceClock failed: ${JSON.stringify(body.errors)}`);
}
