import type { Locator } from "@playwright/test";
import { baseUrl, screenshots } from "./support/browser";
import { createOrg, dismissNotifications, person, signUp, upgradeToTeam } from "./support/flows";
import { expect, test } from "./support/fixtures";

// The card that pays (issue 17): Billing shows it, the owner replaces it on Stripe's page,
// and the next invoice says what Stripe will charge.

/** Scrolls a section to the top of the screen, below the sticky header, for a viewport screenshot. */
async function scrollToTop(locator: Locator): Promise<void> {
  await locator.evaluate((el) => window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - 130));
}

test("after upgrading, Billing shows the card and the next invoice; the owner replaces the card on Stripe's page", async ({
  newPerson,
}) => {
  const shot = screenshots("payment-method");
  const { page } = await newPerson();
  await signUp(page, person("Petra Payer", "petra@example.test"));
  const orgId = await createOrg(page, "Card Co");
  // The emulator's checkout pays with its test Visa, 4242 4242 4242 4242.
  await upgradeToTeam(page);
  await page.getByRole("button", { name: "Dismiss" }).first().click();
  await dismissNotifications(page);

  const card = page.getByRole("region", { name: "Payment method" });
  await card.getByText(/^Visa ending 4242$/).waitFor();
  expect(await card.textContent()).toMatch(/Visa ending 4242 · expires \d{2}\/\d{4}/);
  // One seat on Team monthly: $49 + $12, on the renewal date.
  const next = page.getByRole("region", { name: "Next invoice" });
  await next.getByText(/^\$61\.00$/).waitFor();
  expect(await next.textContent()).toMatch(/\$61\.00 on [A-Z][a-z]{2} \d{1,2}, \d{4}/);
  expect(await next.getByRole("list", { name: "Lines of the next invoice" }).getByRole("listitem").count()).toBeGreaterThan(0);
  await scrollToTop(card);
  await shot(page, "before", "viewport");

  // Replace card: Stripe's page in setup mode (no amount), another test card, back on Billing.
  await card.getByRole("button", { name: "Replace card" }).click();
  await page.waitForURL((url) => url.pathname.startsWith("/checkout/") && url.origin !== baseUrl());
  await page.getByLabel("Card number").fill("5555 5555 5555 4444");
  await page.getByLabel("Expiry (MM / YY)").fill("08 / 31");
  await shot(page, "stripe-setup");
  await page.getByRole("button", { name: "Save card" }).click();
  await page.waitForURL((url) => url.origin === baseUrl() && url.pathname === `/orgs/${orgId}/billing`);
  const saved = page.getByRole("region", { name: "Card saved" });
  await saved.waitFor();
  expect(await saved.textContent()).toContain("Mastercard ending 4444 now pays this org's invoices.");
  await card.getByText(/^Mastercard ending 4444$/).waitFor();
  expect(await card.textContent()).toContain("expires 08/2031");
  await next.getByText(/^\$61\.00$/).waitFor();
  await shot(page, "after");
  await scrollToTop(card);
  await shot(page, "after-card", "viewport");

  // Still there after a reload: Stripe has it as the default.
  await page.goto(`/orgs/${orgId}/billing`);
  await card.getByText(/^Mastercard ending 4444$/).waitFor();
});
