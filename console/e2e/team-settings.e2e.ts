import type { Browser } from "playwright-core";
import { graphqlWithKey } from "./support/api";
import { DESKTOP, launchBrowser, newPerson, PHONE, screenshots } from "./support/browser";
import { acceptAsNewAccount, copyInvitationLink, createOrg, createSpace, invite, openTeamSettings, person, signUp } from "./support/flows";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const ORG_NAME = "query ($id: ID!) { org(id: $id) { name } }";

test("an owner creates a Space and an API key, and sees the key's secret once", async () => {
  const shot = screenshots("space-api-key");
  const { page } = await newPerson(browser);
  await signUp(page, person("Ada Admin", "ada.keys@example.test"));
  const orgId = await createOrg(page, "Keyholders");
  await openTeamSettings(page);
  await shot(page, "team-new-org");

  await createSpace(page, "Research");

  const form = page.getByRole("form", { name: "Create an API key" });
  await form.getByLabel("Key name").fill("Gateway (production)");
  await form.getByRole("checkbox", { name: /USAGE_WRITE/ }).check();
  await form.getByRole("checkbox", { name: /USAGE_READ/ }).check();
  await form.getByRole("button", { name: "Create API key" }).click();

  const callout = page.getByRole("region", { name: "Copy the secret for “Gateway (production)” now" });
  await callout.waitFor();
  expect(await callout.textContent()).toContain("It will not be shown again");
  const secret = (await callout.locator("code.secret__value").textContent()) ?? "";
  expect(secret).toMatch(/^tbk_/);
  await callout.getByRole("button", { name: "Copy secret" }).click();
  await callout.getByText("Copied").waitFor();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
  await shot(page, "api-key-secret");

  // The secret is real: it reads this org over the API.
  const answer = await graphqlWithKey<{ org: { name: string } }>(secret, ORG_NAME, { id: orgId });
  expect(answer.body.data?.org?.name).toBe("Keyholders");

  const keys = page.getByRole("table", { name: "API keys" });
  const keyRow = keys.getByRole("row", { name: /Gateway \(production\)/ });
  expect(await keyRow.textContent()).toContain(`${secret.slice(0, 12)}…`);
  expect(await keyRow.getByRole("list", { name: "Scopes of Gateway (production)" }).textContent()).toContain("USAGE_WRITE");

  // Once: dismissed, or after a reload, only the prefix remains.
  await callout.getByRole("button", { name: "Done, I've saved it" }).click();
  expect(await page.getByText(secret).count()).toBe(0);
  await page.reload();
  await keys.waitFor();
  expect(await page.content()).not.toContain(secret);
  // The API call above is its first use.
  expect(await keyRow.getByText("Never").count()).toBe(0);
  await page.getByRole("table", { name: "Audit log" }).getByText("API key created").waitFor();
  await shot(page, "team-with-key");

  // Team settings on a phone: tables become stacked rows.
  await page.setViewportSize(PHONE);
  await shot(page, "team-phone");
  await page.setViewportSize(DESKTOP);

  // Revoking asks first, in a real modal dialog; Escape backs out and changes nothing.
  const revoke = keyRow.getByRole("button", { name: "Revoke Gateway (production)" });
  const dialog = page.getByRole("dialog", { name: "Revoke the API key “Gateway (production)”?" });
  await revoke.click();
  await dialog.waitFor();
  await page.keyboard.press("Escape");
  await dialog.waitFor({ state: "detached" });
  await revoke.click();
  await dialog.waitFor();
  // The safe choice has focus.
  expect(await dialog.getByRole("button", { name: "Cancel" }).evaluate((b) => b === document.activeElement)).toBe(true);
  await shot(page, "revoke-dialog", "viewport");
  await dialog.getByRole("button", { name: "Revoke key" }).click();
  await page.getByText("No API keys yet.").waitFor();
  const revoked = await graphqlWithKey(secret, ORG_NAME, { id: orgId });
  expect(revoked.status).toBe(401);
});

test("a MEMBER sees Team settings read-only", async () => {
  const shot = screenshots("member-read-only");
  const { page: ownerPage } = await newPerson(browser);
  await signUp(ownerPage, person("Owen Owner", "owen@example.test"));
  const orgId = await createOrg(ownerPage, "Readers Inc");
  await openTeamSettings(ownerPage);
  await createSpace(ownerPage, "Shared notes");
  const member = person("Mia Member", "mia@example.test");
  await invite(ownerPage, member.email, "Member");
  await invite(ownerPage, "pending.person@example.test", "Admin");
  const link = await copyInvitationLink(ownerPage, member.email);

  const { page } = await newPerson(browser);
  await acceptAsNewAccount(page, link, member, "Readers Inc");
  await openTeamSettings(page);
  await page.getByText("Only the owner and admins can invite people or change the team.").waitFor();

  const members = page.getByRole("table", { name: "Members" });
  expect(await members.getByRole("row").count()).toBe(3);
  expect(await members.getByRole("combobox").count()).toBe(0);
  expect(await members.getByRole("button").count()).toBe(0);
  // Pending invitations: who, not the link.
  const pending = page.getByRole("list", { name: "Pending invitations" });
  expect(await pending.textContent()).toContain("pending.person@example.test");
  expect(await pending.getByRole("button").count()).toBe(0);
  expect(await page.getByRole("list", { name: "Spaces" }).textContent()).toContain("Shared notes");
  for (const form of ["Invite someone", "Create a Space", "Create an API key"]) {
    expect(await page.getByRole("form", { name: form }).count()).toBe(0);
  }
  expect(await page.getByRole("heading", { name: "API keys" }).count()).toBe(0);
  expect(await page.getByRole("heading", { name: "Audit log" }).count()).toBe(0);
  // The only buttons on the page are the header's.
  expect(await page.getByRole("main").getByRole("button").count()).toBe(0);
  expect(new URL(page.url()).pathname).toBe(`/orgs/${orgId}/team`);
  await shot(page, "team");

  await page.setViewportSize(PHONE);
  await shot(page, "team-phone");
});
