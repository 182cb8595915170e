import type { Page } from "@playwright/test";
import { buyPersonalPlan, cancelPersonalPlan, openAccount } from "./support/account-flows";
import { screenshots } from "./support/browser";
import { createOrg, person, signUp } from "./support/flows";
import { expect, test } from "./support/fixtures";

/** A fact of the personal plan section (its <dt> and <dd>), as read on screen. */
const fact = (page: Page, term: string) =>
  page
    .getByRole("region", { name: "Your personal plan" })
    .locator(".fact", { has: page.locator("dt", { hasText: term }) })
    .locator("dd");

test("a new user buys Pro from their account, sees its credits, and cancels it at the period's end", async ({ newPerson }) => {
  const shot = screenshots("personal-plan");
  const pia = person("Pia Personal", "pia@example.test");
  const { context, page } = await newPerson();
  await signUp(page, pia);
  await createOrg(page, "Pia's Lab");

  // Free: no credits, both plans offered at the catalog's prices.
  await openAccount(page, pia.name);
  expect(await fact(page, "Plan").textContent()).toBe("Free plan");
  const choose = page.getByRole("region", { name: "Choose a personal plan" });
  await choose.getByText("$20 a month").waitFor();
  await shot(page, "free");

  // Pro through the emulator's checkout, back on /account.
  await buyPersonalPlan(page, "Pro");
  const banner = page.getByRole("region", { name: "You're on Pro" });
  expect(await banner.textContent()).toContain("You have 2,500 credits to spend");
  expect(new URL(page.url()).search).toBe("");
  expect(await fact(page, "Plan").textContent()).toBe("Pro plan");
  expect(await fact(page, "Your credits").textContent()).toBe("2,500 of 2,500left this month");
  expect(await choose.count()).toBe(0);
  // The org Pia owns is on personal plans: her credits pay there, and its keys may spend them.
  const orgs = page.getByRole("table", { name: "Orgs on personal plans" });
  expect(await orgs.getByRole("rowheader").textContent()).toBe("Pia's Lab");
  expect(await orgs.getByRole("cell", { name: /^Yes/ }).count()).toBe(1);
  await shot(page, "pro");

  // A reload says nothing more about the checkout.
  await page.reload();
  await page.getByRole("region", { name: "Your personal plan" }).waitFor();
  await fact(page, "Plan").getByText("Pro").waitFor();
  expect(await page.getByRole("region", { name: "You're on Pro" }).count()).toBe(0);

  // Cancel: the confirmation says what is lost and when; the plan runs to the period's end.
  await page.getByRole("button", { name: "Cancel Pro…" }).click();
  const dialog = page.getByRole("dialog", { name: "Cancel your Pro plan?" });
  expect(await dialog.textContent()).toContain("The credits left then are forfeited (you have 2,500 now)");
  await shot(page, "cancel-dialog", "viewport");
  await dialog.getByRole("button", { name: "Cancel", exact: true }).click();
  await cancelPersonalPlan(page, "Pro");
  expect(await fact(page, "Plan").textContent()).toBe("Pro plan");
  await fact(page, "Ends on").waitFor();
  await shot(page, "cancelled");

  // Still ending after a reload: the server keeps it.
  await page.reload();
  await page.getByRole("heading", { name: /Your Pro plan ends on/ }).waitFor();
  expect(await page.getByRole("button", { name: "Cancel Pro…" }).count()).toBe(0);
  await context.close();
});
