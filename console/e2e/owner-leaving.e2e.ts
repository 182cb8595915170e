import { readFileSync } from "node:fs";
import type { Locator, Page } from "@playwright/test";
import { screenshots } from "./support/browser";
import {
  acceptAsNewAccount,
  advanceServerClock,
  buyTopUp,
  copyInvitationLink,
  createOrg,
  createSpace,
  dismissNotifications,
  invite,
  openBillingOf,
  openTeamSettings,
  person,
  signUp,
  upgradeToTeam,
} from "./support/flows";
import { expect, test } from "./support/fixtures";

// Leaving Team (issue 17): the cancellation's preview, taking it back, a top-up that would be
// forfeited, the end of the period, and the credit history that tells what happened.

const planBadge = (page: Page) => page.locator(".page__title-row .plan-badge");

/** Scrolls a section to the top of the screen, below the sticky header, for a viewport screenshot. */
async function scrollToTop(locator: Locator): Promise<void> {
  await locator.evaluate((el) => window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - 130));
}

/** The credit history's rows as "<what> <bucket> <credits>", newest first. */
async function historyRows(history: Locator): Promise<string[]> {
  return history
    .locator("tbody tr")
    .evaluateAll((trs) =>
      trs.map((tr) =>
        [
          tr.querySelector('td[data-label="What"] strong')?.textContent,
          tr.querySelector('td[data-label="Bucket"]')?.textContent,
          tr.querySelector('td[data-label="Credits"]')?.textContent,
        ].join(" "),
      ),
    );
}

test("an owner cancels Team with a paid top-up: the loss preview, Keep Team, a warned top-up, then Free and the credit history", async ({
  newPerson,
}) => {
  const shot = screenshots("cancel-team");
  const owner = person("Carla Canceller", "carla@example.test");
  const teammate = person("Tom Teammate", "tom.cancel@example.test");

  // A Team org with a Space, a teammate and a paid top-up of 2,000 credits.
  const { page } = await newPerson();
  await signUp(page, owner);
  const orgId = await createOrg(page, "Cancel Co");
  await openTeamSettings(page);
  await createSpace(page, "Research");
  await invite(page, teammate.email, "Member");
  const link = await copyInvitationLink(page, teammate.email);
  const { context: teammateContext, page: teammatePage } = await newPerson();
  await acceptAsNewAccount(teammatePage, link, teammate, "Cancel Co");
  await teammateContext.close();
  await page.goto(`/orgs/${orgId}`);
  await upgradeToTeam(page);
  await buyTopUp(page, 2000);
  await dismissNotifications(page);

  // Cancel Team…: the dialog says what goes, and when.
  const switchSection = page.getByRole("region", { name: "Switch to Pro" });
  const openCancel = async () => {
    await switchSection.getByRole("button", { name: "Cancel Team…" }).click();
    const dialog = page.getByRole("dialog", { name: "Cancel Team for Cancel Co?" });
    await dialog.waitFor();
    return dialog;
  };
  let dialog = await openCancel();
  const loss = (await dialog.textContent()) ?? "";
  expect(loss).toMatch(/The pool is forfeited: 2,000 credits of top-ups and [\d,]+ credits of this month's allotment/);
  expect(loss).toContain("Cancel Co's Spaces (Research)");
  expect(await dialog.getByRole("list", { name: "Members losing access" }).textContent()).toContain(teammate.name);
  expect(loss).toContain("Team billing stops. Cancel Co is then on your personal plan (Free when you have none)");
  await shot(page, "preview", "viewport");
  await dialog.getByRole("button", { name: "Cancel Team", exact: true }).click();
  const banner = page.getByRole("region", { name: /^Team ends on .+, then Free$/ });
  await banner.waitFor();
  expect(await switchSection.count()).toBe(0);
  await shot(page, "scheduled");

  // Keep Team takes it back; then it is scheduled again.
  await banner.getByRole("button", { name: "Keep Team" }).click();
  await banner.waitFor({ state: "detached" });
  expect(await page.getByRole("region", { name: "Plan" }).textContent()).toContain("Renews on");
  dialog = await openCancel();
  await dialog.getByRole("button", { name: "Cancel Team", exact: true }).click();
  await banner.waitFor();

  // A top-up now would be forfeited: the form says so, and buying asks first (here: no).
  const topUp = page.getByRole("form", { name: "Buy a top-up" });
  await topUp.getByText(/^A move to Free is scheduled for .+: the pool is forfeited then, top-ups included\./).waitFor();
  await topUp.getByLabel("Credits").fill("1000");
  await topUp.getByRole("button", { name: "Buy credits" }).click();
  const warning = page.getByRole("dialog", { name: "Buy 1,000 credits you would forfeit?" });
  await warning.waitFor();
  expect(await warning.textContent()).toContain("the whole pool is forfeited then, these 1,000 credits ($10) included");
  await shot(page, "top-up-warning", "viewport");
  await warning.getByRole("button", { name: "Cancel", exact: true }).click();
  await warning.waitFor({ state: "detached" });
  expect(new URL(page.url()).pathname).toBe(`/orgs/${orgId}/billing`);

  // Past the period's end (the dev clock, as staff): Free, no pool.
  await advanceServerClock(31);
  await openBillingOf(page, orgId);
  await page.locator(".page__title-row .plan-badge--free").waitFor();
  expect(await planBadge(page).textContent()).toBe("Free plan");
  expect(await page.getByRole("region", { name: "Credit pool" }).count()).toBe(0);
  expect(await banner.count()).toBe(0);

  // The credit history: the first refill, the top-up, and what was forfeited at the end.
  const history = page.getByRole("region", { name: "Credit history" });
  const table = history.getByRole("table");
  await table.waitFor();
  const rows = await historyRows(history);
  expect(rows).toEqual(expect.arrayContaining(["Top-up Top-up +2,000", "Forfeit Top-up -2,000"]));
  expect(rows.some((r) => /^Monthly refill Monthly \+[\d,]+$/.test(r))).toBe(true);
  expect(rows.some((r) => /^Forfeit Monthly -[\d,]+$/.test(r))).toBe(true);
  expect(await table.textContent()).toContain("A top-up of 2,000 credits was bought");
  await dismissNotifications(page);
  await scrollToTop(history);
  await shot(page, "credit-history", "viewport");

  // Only the forfeits, and their CSV.
  await history.getByRole("combobox", { name: "Show" }).selectOption({ label: "Forfeit" });
  expect((await historyRows(history)).every((r) => r.startsWith("Forfeit "))).toBe(true);
  const [download] = await Promise.all([page.waitForEvent("download"), history.getByRole("button", { name: /^Download CSV/ }).click()]);
  expect(download.suggestedFilename()).toBe(`credit-history-${orgId}.csv`);
  const csv = readFileSync(await download.path(), "utf8")
    .trim()
    .split("\r\n");
  expect(csv[0]).toBe("When (UTC),Kind,Bucket,Credits,Balance after,Description");
  expect(csv.slice(1).some((line) => /^[^,]+,Forfeit,Top-up,-2000,0,/.test(line))).toBe(true);
  expect(csv.slice(1).every((line) => line.split(",")[1] === "Forfeit")).toBe(true);
  await scrollToTop(history);
  await shot(page, "credit-history-forfeits", "viewport");
});
