import type { Page } from "@playwright/test";
import { graphqlWithKey } from "./support/api";
import { DESKTOP, PHONE, screenshots } from "./support/browser";
import { acceptAsNewAccount, copyInvitationLink, createOrg, createSpace, invite, openTeamSettings, person, signUp } from "./support/flows";
import { expect, test } from "./support/fixtures";

const ORG_NAME = "query ($id: ID!) { org(id: $id) { name } }";

test("an owner creates a Space and an API key, and sees the key's secret once", async ({ newPerson }) => {
  const shot = screenshots("space-api-key");
  const { page } = await newPerson();
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

test("a MEMBER sees Team settings read-only", async ({ newPerson }) => {
  const shot = screenshots("member-read-only");
  const { page: ownerPage } = await newPerson();
  await signUp(ownerPage, person("Owen Owner", "owen@example.test"));
  const orgId = await createOrg(ownerPage, "Readers Inc");
  await openTeamSettings(ownerPage);
  await createSpace(ownerPage, "Shared notes");
  const member = person("Mia Member", "mia@example.test");
  await invite(ownerPage, member.email, "Member");
  await invite(ownerPage, "pending.person@example.test", "Admin");
  const link = await copyInvitationLink(ownerPage, member.email);

  const { page } = await newPerson();
  await acceptAsNewAccount(page, link, member, "Readers Inc");
  await openTeamSettings(page);
  await page.getByText("Only the owner and admins can invite people or change the team.").waitFor();

  const members = page.getByRole("table", { name: "Members" });
  expect(await members.getByRole("row").count()).toBe(3);
  expect(await members.getByRole("combobox").count()).toBe(0);
  expect(await members.getByRole("button").count()).toBe(0);
  // Pending invitations are the owner's and admins' business (the server refuses them to a MEMBER).
  expect(await page.getByRole("heading", { name: "Pending invitations" }).count()).toBe(0);
  expect(await page.getByText("pending.person@example.test").count()).toBe(0);
  expect(await page.getByRole("list", { name: "Spaces" }).textContent()).toContain("Shared notes");
  for (const form of ["Invite someone", "Create a Space", "Create an API key"]) {
    expect(await page.getByRole("form", { name: form }).count()).toBe(0);
  }
  expect(await page.getByRole("heading", { name: "API keys" }).count()).toBe(0);
  expect(await page.getByRole("heading", { name: "Audit log" }).count()).toBe(0);
  // The only button on the page is their own way out.
  expect(await page.getByRole("main").getByRole("button").allTextContents()).toEqual(["Leave Readers Inc"]);
  expect(new URL(page.url()).pathname).toBe(`/orgs/${orgId}/team`);
  await shot(page, "team");

  await page.setViewportSize(PHONE);
  await shot(page, "team-phone");
});

/** The orgs the header's switcher offers, open or closed (none when it is not shown: no org at all). */
async function switcherOrgs(page: Page): Promise<string[]> {
  const links = await page.locator("details.org-switcher a").allTextContents();
  return links.filter((name) => name !== "All orgs");
}

/** Audits `count` changes of the low-pool alert as `page`'s user, through the API the console uses. */
async function changeAlertThreshold(page: Page, orgId: string, count: number): Promise<void> {
  const mutation = "mutation ($orgId: ID!, $percent: Int!) { setSoftAlertThreshold(orgId: $orgId, percent: $percent) { id } }";
  for (let i = 0; i < count; i++) {
    const response = await page.request.post("/graphql", { data: { query: mutation, variables: { orgId, percent: 21 + i } } });
    expect(response.ok()).toBe(true);
    expect((await response.json()).errors).toBeUndefined();
    // Under the API's 20 requests a second for one user.
    await page.waitForTimeout(60);
  }
}

test("a member leaves from Team settings; the org leaves their switcher and the owner's audit log says who left", async ({ newPerson }) => {
  const shot = screenshots("member-leaves");
  const { page: ownerPage } = await newPerson();
  await signUp(ownerPage, person("Lena Lead", "lena@example.test"));
  const orgId = await createOrg(ownerPage, "Leavers Ltd");
  // 24 audited changes after "Org created": with the three below, more than one page (25) of log.
  await changeAlertThreshold(ownerPage, orgId, 24);
  await openTeamSettings(ownerPage);
  const ownerMembership = ownerPage.getByRole("region", { name: "Your membership" });
  expect(await ownerMembership.textContent()).toContain("You own this org: transfer ownership to another member before you can leave.");
  expect(await ownerMembership.getByRole("button").count()).toBe(0);
  const member = person("Lou Leaver", "lou@example.test");
  await invite(ownerPage, member.email, "Member");
  const link = await copyInvitationLink(ownerPage, member.email);

  // The member joins, and has an org of their own besides.
  const { context, page } = await newPerson();
  await acceptAsNewAccount(page, link, member, "Leavers Ltd");
  await page.goto("/");
  await createOrg(page, "Lou's Lab");
  expect((await switcherOrgs(page)).sort()).toEqual(["Leavers Ltd", "Lou's Lab"]);

  await page.goto(`/orgs/${orgId}`);
  await page.getByRole("heading", { level: 1, name: "Leavers Ltd" }).waitFor();
  await openTeamSettings(page);
  const membership = page.getByRole("region", { name: "Your membership" });
  await membership.getByRole("button", { name: "Leave Leavers Ltd" }).click();
  const dialog = page.getByRole("dialog", { name: "Leave Leavers Ltd?" });
  await dialog.waitFor();
  expect(await dialog.textContent()).toContain("you need a new invitation");
  await shot(page, "leave-dialog", "viewport");
  await dialog.getByRole("button", { name: "Leave org" }).click();

  // Home, told so, and the org is gone from the list and the switcher.
  await page.getByRole("heading", { level: 1, name: "Your orgs" }).waitFor();
  await page.getByRole("region", { name: "Notifications" }).getByText("You left Leavers Ltd.").waitFor();
  expect(new URL(page.url()).pathname).toBe("/");
  const orgList = page.getByRole("list", { name: "Your orgs" });
  expect(await orgList.getByRole("link").allTextContents()).toEqual(["Lou's Lab"]);
  expect(await switcherOrgs(page)).toEqual(["Lou's Lab"]);
  await shot(page, "home-after-leaving");
  // The server agrees: after a reload too, and the org's pages are closed to them.
  await page.reload();
  await orgList.waitFor();
  expect(await orgList.getByRole("link").allTextContents()).toEqual(["Lou's Lab"]);
  expect(await switcherOrgs(page)).toEqual(["Lou's Lab"]);
  await page.goto(`/orgs/${orgId}/team`);
  await page.getByRole("heading", { name: "Org not found" }).waitFor();
  await context.close();

  // The owner: one seat, and the log's newest entry is the member leaving, by their email.
  await ownerPage.reload();
  const members = ownerPage.getByRole("table", { name: "Members" });
  await members.waitFor();
  expect(await members.getByRole("row").count()).toBe(2);
  const log = ownerPage.getByRole("table", { name: "Audit log" });
  const logRows = log.locator("tbody tr");
  await logRows.first().waitFor();
  expect(await logRows.count()).toBe(25);
  const newest = logRows.first();
  expect(await newest.locator('td[data-label="Action"]').textContent()).toBe("Member left");
  expect(await newest.locator('td[data-label="By"]').textContent()).toBe(member.email);

  // Older entries come a page at a time, until the first one.
  const older = ownerPage.getByRole("button", { name: "Show older entries" });
  await older.scrollIntoViewIfNeeded();
  await shot(ownerPage, "owner-audit-first-page", "viewport");
  await older.click();
  await expect(ownerPage.locator("#audit-log tbody tr")).toHaveCount(28);
  expect(await logRows.last().locator('td[data-label="Action"]').textContent()).toBe("Org created");
  expect(await older.count()).toBe(0);

  // One category: the member's arrival and departure.
  await ownerPage.getByRole("combobox", { name: "Show" }).selectOption({ label: "Members" });
  await expect(ownerPage.locator("#audit-log tbody tr")).toHaveCount(2);
  expect(await log.locator('td[data-label="Action"]').allTextContents()).toEqual(["Member left", "Member joined"]);
  expect(await log.locator('td[data-label="By"]').allTextContents()).toEqual([member.email, member.email]);
  await ownerPage.locator("#audit-log").scrollIntoViewIfNeeded();
  await shot(ownerPage, "owner-audit-members", "viewport");
  await ownerPage.setViewportSize(PHONE);
  await shot(ownerPage, "owner-team-phone");
});
