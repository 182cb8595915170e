import type { Page } from "@playwright/test";
import { screenshots } from "./support/browser";
import {
  acceptAsNewAccount,
  buyTopUp,
  copyInvitationLink,
  createApiKey,
  createOrg,
  createSpace,
  dismissNotifications,
  invite,
  openBillingOf,
  openTeamSettingsOf,
  person,
  signUp,
  upgradeToTeam,
} from "./support/flows";
import { expect, test } from "./support/fixtures";
import { expectNoSidewaysScroll, scrollToTop } from "./support/layout";
import { orgIds, recordCall } from "./support/usage";

async function openUsageOf(page: Page, orgId: string): Promise<void> {
  await page.goto(`/orgs/${orgId}/usage`);
  await page.getByRole("heading", { level: 1, name: "Org usage" }).waitFor();
  await page.getByRole("region", { name: "Period" }).waitFor();
}

const stats = (page: Page) => page.locator(".usage-stats");
const calls = (page: Page) => page.getByRole("region", { name: "Recorded calls" }).getByRole("table", { name: "Recorded calls" });

test("an owner voids a call metered by mistake: its credits go back where they came from, it stays listed apart, and the totals leave it out", async ({
  newPerson,
}) => {
  test.setTimeout(150_000);
  const shot = screenshots("corrections");
  const owner = person("Vera Voider", "vera.voids@example.test");
  const { page } = await newPerson();
  await signUp(page, owner);
  const orgId = await createOrg(page, "Undo Labs");
  await upgradeToTeam(page);
  // 1,000 top-up credits: spent first, so a bigger call takes from both buckets.
  await buyTopUp(page, 1_000);
  await openTeamSettingsOf(page, orgId);
  await createSpace(page, "Research");
  const secret = await createApiKey(page, "Gateway", ["USAGE_WRITE"]);
  const ids = await orgIds(page, orgId);
  const call = { orgId, memberId: ids.members[0].id, spaceId: ids.spaces[0].id };
  await recordCall(secret, { ...call, credits: 1_200, idempotencyKey: `twice-${orgId}`, model: "gpt-4o" });
  await recordCall(secret, { ...call, credits: 300, idempotencyKey: `kept-${orgId}`, model: "claude-sonnet" });

  await openUsageOf(page, orgId);
  await expect(stats(page)).toContainText("Credits1,500");
  await expect(stats(page)).toContainText("Calls2");
  const pool = page.getByRole("region", { name: "Credit pool" });
  // 9,000 monthly + 1,000 top-up - 1,500.
  await expect(pool.locator(".gauge__value")).toHaveText("8,500");
  const mistaken = calls(page).getByRole("row").filter({ hasText: "gpt-4o" });
  await expect(mistaken).toContainText("1,000 top-up · 200 monthly");

  // The dialog says where the credits go back before anything is sent, and asks why.
  await mistaken.getByRole("button", { name: `Void the call of ${owner.name}` }).click();
  const dialog = page.getByRole("dialog", { name: "Void this call?" });
  await dialog.getByRole("region", { name: "Where the credits go back" }).getByText("1,000 back to top-up; 200 back to monthly.").waitFor();
  await dialog.getByText(`${owner.name}'s and Research's caps count 1,200 fewer this period.`).waitFor();
  await dialog.getByRole("button", { name: "Void call" }).click();
  await dialog.getByText(/Say why the call is voided in a few words/).waitFor();
  await dialog.getByLabel("Reason").fill("Gateway retried with a fresh key: billed twice");
  await shot(page, "void-dialog", "viewport");
  await dialog.getByRole("button", { name: "Void call" }).click();
  await dialog.waitFor({ state: "detached" });

  // Marked, with its reason, no longer voidable; the totals and the pool count it out.
  await expect(mistaken).toContainText("Voided");
  await expect(mistaken).toContainText("Gateway retried with a fresh key: billed twice");
  expect(await mistaken.locator("del").textContent()).toContain("1,200");
  expect(await mistaken.getByRole("button").count()).toBe(0);
  await expect(stats(page)).toContainText("Credits300");
  await expect(stats(page)).toContainText("Calls1");
  await expect(pool.locator(".gauge__value")).toHaveText("9,700");
  expect(await pool.textContent()).toContain("+ 1,000 top-up");
  expect(await page.getByRole("region", { name: "By model" }).textContent()).not.toContain("gpt-4o");

  // After a reload too: the server's answer, not the page's memory.
  await page.reload();
  await expect(mistaken).toContainText("Voided");
  await expect(stats(page)).toContainText("Credits300");
  await dismissNotifications(page);
  await scrollToTop(page.getByRole("region", { name: "Recorded calls" }));
  await shot(page, "voided", "viewport");
  await expectNoSidewaysScroll(page, page.getByRole("region", { name: "Recorded calls" }), "voided-phone");

  // The audit log says it in words; Billing's credit history has both buckets' VOID lines.
  await openTeamSettingsOf(page, orgId);
  await page
    .getByRole("table", { name: "Audit log" })
    .getByText(/voided a call by/)
    .waitFor();
  await openBillingOf(page, orgId);
  const history = page.getByRole("region", { name: "Credit history" });
  const voids = history.getByRole("row").filter({ hasText: "voided a call recorded by mistake" });
  await expect(voids).toHaveCount(2);
  await expect(voids.filter({ hasText: "1,000 credits back to the top-up bucket" })).toHaveCount(1);
  await expect(voids.filter({ hasText: "200 credits back to the monthly bucket" })).toHaveCount(1);
});

test("a member at their cap asks for more; the owner approves it in Team settings; the member sees it approved and the new limit", async ({
  newPerson,
}) => {
  test.setTimeout(180_000);
  const shot = screenshots("cap-request");
  const owner = person("Olga Owner", "olga.caps@example.test");
  const member = person("Max Member", "max.caps@example.test");
  const { page } = await newPerson();
  await signUp(page, owner);
  const orgId = await createOrg(page, "Raise Co");
  await upgradeToTeam(page);
  await openTeamSettingsOf(page, orgId);
  await createSpace(page, "Evals");
  await invite(page, member.email, "Member");
  const link = await copyInvitationLink(page, member.email);
  const { page: memberPage } = await newPerson();
  await acceptAsNewAccount(memberPage, link, member, "Raise Co");

  // The owner caps the member at 500 a month; the member spends 450 of it.
  await page.reload();
  const capForm = page.getByRole("region", { name: "Caps" }).getByRole("form", { name: "Set a cap" });
  await capForm.getByLabel("Member or Space").selectOption({ label: member.name });
  await capForm.getByLabel("Monthly cap (credits)").fill("500");
  await capForm.getByRole("button", { name: "Set cap" }).click();
  const capRow = page.getByRole("table", { name: "Caps" }).getByRole("row", { name: new RegExp(member.name) });
  await capRow.getByText("0 of 500").waitFor();
  const secret = await createApiKey(page, "Gateway", ["USAGE_WRITE"]);
  const ids = await orgIds(page, orgId);
  const memberId = ids.members.find((m) => m.name === member.name)?.id ?? "";
  await recordCall(secret, { orgId, memberId, spaceId: ids.spaces[0].id, credits: 450, idempotencyKey: `evals-${orgId}` });

  // The member's own view: their cap, what is left, and Ask for more.
  await openUsageOf(memberPage, orgId);
  const myCap = memberPage.getByRole("region", { name: "Your cap" });
  await myCap.getByText(/^450 of your 500-credit cap used this period; 50 left\./).waitFor();
  await myCap.getByRole("button", { name: "Ask for more" }).click();
  const ask = memberPage.getByRole("dialog", { name: "Ask for more on your cap" });
  await ask.getByLabel("New monthly cap (credits)").fill("400");
  await ask.getByRole("button", { name: "Send request" }).click();
  await ask.getByText("Ask for more than the current 500 credits.").waitFor();
  await ask.getByText(/Say why in a few words/).waitFor();
  await ask.getByLabel("New monthly cap (credits)").fill("1500");
  await ask.getByLabel("Why do you need more?").fill("Running the eval suite twice this week");
  await ask.getByRole("button", { name: "Send request" }).click();
  await ask.waitFor({ state: "detached" });
  await myCap.getByText(/You asked for 1,500 credits a month on .+: waiting for an owner or admin\./).waitFor();
  const myRequests = myCap.getByRole("table", { name: "Your requests" });
  await expect(myRequests.getByRole("row").nth(1)).toContainText("500 → 1,500 credits");
  await expect(myRequests.getByRole("row").nth(1)).toContainText("Pending");
  expect(await myCap.getByRole("button", { name: "Ask for more" }).count()).toBe(0);
  await dismissNotifications(memberPage);
  await shot(memberPage, "member-asked");

  // The owner: the pending request, with Approve and Deny; approving raises the cap in the list above.
  await page.reload();
  const requests = page.getByRole("region", { name: "Cap requests" });
  const pending = requests.getByRole("table", { name: "Pending cap requests" }).getByRole("row").filter({ hasText: member.name });
  await expect(pending).toContainText("500 → 1,500 credits");
  await expect(pending).toContainText("Running the eval suite twice this week");
  await dismissNotifications(page);
  await scrollToTop(requests);
  await shot(page, "owner-pending", "viewport");
  await expectNoSidewaysScroll(page, requests, "cap-requests-phone");
  await pending.getByRole("button", { name: `Approve ${member.name}'s request` }).click();
  await page
    .getByRole("region", { name: "Notifications" })
    .getByText(`Approved: the cap on ${member.name} is now 1,500 credits a month. ${member.name} is emailed.`)
    .waitFor();
  await requests.getByText("No requests waiting.").waitFor();
  const decided = requests.getByRole("table", { name: "Decided cap requests" }).getByRole("row").filter({ hasText: member.name });
  await expect(decided).toContainText(`Approved by ${owner.name}`);
  await expect(capRow).toContainText("450 of 1,500");
  await expect(capRow).toContainText("1,500 credits");
  // The server agrees: after a reload too.
  await page.reload();
  await expect(capRow).toContainText("1,500 credits");

  // The member sees it approved and the new limit.
  await memberPage.reload();
  await myCap.getByText(/^450 of your 1,500-credit cap used this period; 1,050 left\./).waitFor();
  await expect(myRequests.getByRole("row").nth(1)).toContainText(`Approved by ${owner.name}`);
  await myCap.getByRole("button", { name: "Ask for more" }).waitFor();
  await dismissNotifications(memberPage);
  await shot(memberPage, "member-approved");
  await expectNoSidewaysScroll(memberPage, myCap, "member-cap-phone");
  // And in Team settings, where the decision mail links to.
  await memberPage.goto(`/orgs/${orgId}/team#cap-requests`);
  const mine = memberPage.getByRole("region", { name: "Your cap requests" });
  await expect(mine.getByRole("table", { name: "Your cap requests" }).getByRole("row").nth(1)).toContainText("Approved");
});
