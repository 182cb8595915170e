import type { Locator, Page } from "@playwright/test";
import { graphqlWithKey, teamPrices } from "./support/api";
import { baseUrl, DESKTOP, PHONE, screenshots } from "./support/browser";
import {
  acceptAsNewAccount,
  copyInvitationLink,
  createApiKey,
  createOrg,
  createSpace,
  invite,
  openBilling,
  person,
  signUp,
} from "./support/flows";
import { expect, test } from "./support/fixtures";

const pool = (page: Page) => page.getByRole("region", { name: "Credit pool" });
const planBadge = (page: Page) => page.locator(".page__title-row .plan-badge");

/** The emulator's hosted checkout page: its own origin, a total and the Pay and Cancel buttons. */
async function onStripeCheckout(page: Page): Promise<void> {
  await page.waitForURL((url) => url.pathname.startsWith("/checkout/") && url.origin !== baseUrl());
  await page.getByRole("button", { name: "Pay" }).waitFor();
}

/** Scrolls a section to the top of the screen, below the sticky header, for a viewport screenshot. */
async function scrollToTop(locator: Locator): Promise<void> {
  await locator.evaluate((el) => window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - 130));
}

async function openTeam(page: Page, orgId: string): Promise<void> {
  await page.goto(`/orgs/${orgId}/team`);
  await page.getByRole("heading", { level: 1, name: "Team settings" }).waitFor();
  await page.getByRole("region", { name: "Caps" }).waitFor();
}

test("an owner upgrades through Stripe's checkout, caps themself, spends from the pool; an admin sees Billing read-only", async ({
  newPerson,
}) => {
  test.setTimeout(180_000);
  const shot = screenshots("billing");
  const owner = person("Paula Payer", "paula@example.test");
  const { page } = await newPerson();
  await signUp(page, owner);
  const orgId = await createOrg(page, "Pooled Co");

  // Before the upgrade there is no pool, so nothing to cap: Team settings says so.
  await openTeam(page, orgId);
  const caps = page.getByRole("region", { name: "Caps" });
  await caps.getByRole("heading", { name: "Caps limit a Team pool" }).waitFor();
  expect(await caps.getByRole("form").count()).toBe(0);
  await scrollToTop(caps);
  await shot(page, "team-no-pool", "viewport");

  // Billing on the owner's personal plan: the Team offer for one seat.
  await caps.getByRole("link", { name: "Upgrade to Team in Billing" }).click();
  await page.getByRole("heading", { level: 1, name: "Billing" }).waitFor();
  expect(await planBadge(page).textContent()).toBe("Free plan");
  const upgrade = page.getByRole("region", { name: "Upgrade to Team" });
  // The prices are the server's catalog (CATALOG_JSON would change both), by default $49 + $12 per seat a month.
  const catalog = await teamPrices();
  const monthly = catalog.team.prices.find((p) => p.interval === "MONTHLY");
  expect({ currency: catalog.currency, ...monthly }).toEqual({ currency: "usd", interval: "MONTHLY", baseCents: 4_900, seatCents: 1_200 });
  await upgrade.getByText("$49 base + $12 × 1 seat, per month").waitFor();
  expect(await upgrade.locator(".price__amount").textContent()).toBe("$61");
  expect(await upgrade.textContent()).toContain("9,000 credits a month");
  await shot(page, "free");
  await upgrade.getByRole("radio", { name: /Yearly/ }).check();
  expect(await upgrade.textContent()).toContain("Billed yearly: $588 a year");
  await shot(page, "free-yearly", "viewport");
  await page.setViewportSize(PHONE);
  await shot(page, "free-phone");
  await page.setViewportSize(DESKTOP);
  await upgrade.getByRole("radio", { name: "Monthly" }).check();

  // Leaving checkout changes nothing and says so.
  await upgrade.getByRole("button", { name: "Upgrade to Team" }).click();
  await onStripeCheckout(page);
  await page.getByRole("button", { name: "Cancel" }).click();
  await page.getByRole("region", { name: "Checkout cancelled" }).waitFor();
  expect(new URL(page.url()).pathname).toBe(`/orgs/${orgId}/billing`);
  expect(await planBadge(page).textContent()).toBe("Free plan");
  await shot(page, "cancelled");

  // Monthly, through the emulator's real hosted page.
  await upgrade.getByRole("button", { name: "Upgrade to Team" }).click();
  await onStripeCheckout(page);
  expect(await page.getByTestId("total").textContent()).toBe("$61.00");
  await shot(page, "stripe-checkout");
  await page.getByRole("button", { name: "Pay" }).click();

  // Back through /billing?checkout=success, which completes it, to the org's Billing.
  await page.getByRole("region", { name: "You're on Team" }).waitFor();
  // The announcement is read once: the address drops it, so a reload or bookmark does not repeat it.
  await page.waitForURL(`${baseUrl()}/orgs/${orgId}/billing`);
  expect(await planBadge(page).textContent()).toBe("Team plan");
  expect(await pool(page).textContent()).toContain("9,000 credits left of 9,000 this month");
  const plan = page.getByRole("region", { name: "Plan" });
  expect(await plan.textContent()).toContain("Active");
  expect(await plan.textContent()).toContain("Renews on");
  expect(await page.getByRole("region", { name: "Upgrade to Team" }).count()).toBe(0);
  await shot(page, "team");

  // Team settings: a Space, an API key for the gateway, a cap of 500 on the owner.
  await openTeam(page, orgId);
  await createSpace(page, "Research");
  const secret = await createApiKey(page, "Gateway", ["USAGE_WRITE", "USAGE_READ"]);
  const capForm = caps.getByRole("form", { name: "Set a cap" });
  await capForm.getByLabel("Member or Space").selectOption({ label: `${owner.name} (you)` });
  await capForm.getByLabel("Monthly cap (credits)").fill("500");
  await capForm.getByRole("button", { name: "Set cap" }).click();
  const capRow = caps.getByRole("table", { name: "Caps" }).getByRole("row", { name: new RegExp(owner.name) });
  await capRow.getByText("0 of 500").waitFor();
  await shot(page, "team-cap-set");

  // The gateway records a model call with the key, for the owner in the Space.
  const ids = await graphqlWithKey<{ org: { members: { id: string; user: { email: string } }[]; spaces: { id: string; name: string }[] } }>(
    secret,
    "query ($id: ID!) { org(id: $id) { members { id user { email } } spaces { id name } } }",
    { id: orgId },
  );
  const memberId = ids.body.data?.org.members.find((m) => m.user.email === owner.email)?.id;
  const spaceId = ids.body.data?.org.spaces.find((s) => s.name === "Research")?.id;
  expect(memberId && spaceId).toBeTruthy();
  const usage = await graphqlWithKey<{ recordUsage: { creditsCharged: number; poolRemaining: number } }>(
    secret,
    "mutation ($input: RecordUsageInput!) { recordUsage(input: $input) { creditsCharged poolRemaining } }",
    { input: { orgId, memberId, spaceId, model: "e2e-model", credits: 120, idempotencyKey: `e2e-${orgId}-1` } },
  );
  expect(usage.body.errors).toBeUndefined();
  expect(usage.body.data?.recordUsage).toEqual({ creditsCharged: 120, poolRemaining: 8_880 });

  // After a reload: the cap shows what was used, the pool what is left.
  await page.reload();
  await capRow.getByText("120 of 500").waitFor();
  await shot(page, "team-cap-used");
  await scrollToTop(caps);
  await shot(page, "team-caps", "viewport");
  await page.setViewportSize(PHONE);
  await scrollToTop(caps);
  await shot(page, "team-caps-phone", "viewport");
  await page.setViewportSize(DESKTOP);
  await page.goto(`/orgs/${orgId}/billing`);
  await pool(page).getByText("8,880", { exact: true }).waitFor();
  expect(await pool(page).textContent()).toContain("8,880 credits left of 9,000 this month");
  await shot(page, "after-usage");

  // A top-up, the same way: 5,000 credits for $50, kept on top of the month.
  const topUp = page.getByRole("form", { name: "Buy a top-up" });
  await topUp.getByLabel("Credits").fill("5000");
  await topUp.getByText("$50", { exact: true }).waitFor();
  await topUp.getByRole("button", { name: "Buy credits" }).click();
  await onStripeCheckout(page);
  expect(await page.getByTestId("total").textContent()).toBe("$50.00");
  await page.getByRole("button", { name: "Pay" }).click();
  await page.getByRole("region", { name: "Credits added" }).waitFor();
  // Announced once, like the upgrade: the address drops `?topped-up=1`.
  await expect(page).toHaveURL(`${baseUrl()}/orgs/${orgId}/billing`);
  expect(await pool(page).textContent()).toContain("13,880 credits left of 9,000 this month + 5,000 top-up");
  await shot(page, "topped-up");
  await page.setViewportSize(PHONE);
  await shot(page, "topped-up-phone");
  await page.setViewportSize(DESKTOP);

  // Enterprise "Get in touch": thanked, and the request is listed at once, without a reload.
  const enterprise = page.getByRole("region", { name: "Always running out? Get in touch about Enterprise" });
  await enterprise.getByLabel("What do you need?").fill("About 60,000 credits a month, and SSO.");
  await enterprise.getByRole("button", { name: "Get in touch" }).click();
  await enterprise.getByText("Thanks, we have your message.").waitFor();
  const requests = enterprise.getByRole("list", { name: "Earlier requests" });
  await requests.getByText("“About 60,000 credits a month, and SSO.”").waitFor();
  expect(await requests.getByRole("listitem").count()).toBe(1);
  expect(await requests.textContent()).toMatch(
    /^You asked on .+:“About 60,000 credits a month, and SSO\.”Sales will reply to paula@example\.test\.$/,
  );
  await scrollToTop(enterprise);
  await shot(page, "enterprise-requested", "viewport");
  // Still there after a reload: the server kept it.
  await page.reload();
  await requests.getByText("“About 60,000 credits a month, and SSO.”").waitFor();

  // An admin, in a browser of their own, sees Billing but cannot change it.
  await openTeam(page, orgId);
  const admin = person("Adam Admin", "adam@example.test");
  await invite(page, admin.email, "Admin");
  const link = await copyInvitationLink(page, admin.email);
  const { context: adminContext, page: adminPage } = await newPerson();
  await acceptAsNewAccount(adminPage, link, admin, "Pooled Co");
  await openBilling(adminPage);
  await adminPage.getByText("Only the owner can change the plan.").waitFor();
  expect(await planBadge(adminPage).textContent()).toBe("Team plan");
  expect(await pool(adminPage).textContent()).toContain("credits left");
  expect(await adminPage.getByText("Only the owner can buy top-ups.").count()).toBe(1);
  expect(await adminPage.getByRole("form", { name: "Buy a top-up" }).count()).toBe(0);
  expect(await adminPage.getByRole("button", { name: /Upgrade|Buy/ }).count()).toBe(0);
  // Nothing that changes billing: only reading aids (invoice lines, fetching invoices from Stripe, the credit
  // history's CSV, the dev tools' disclosure).
  const buttons = await adminPage.getByRole("main").getByRole("button").allTextContents();
  expect(buttons.filter((b) => !/^(Refresh from Stripe|.+: show lines|Download CSV \(.+\)|Developer tools)$/.test(b))).toEqual([]);
  expect(await adminPage.getByText("Only the owner can change the billing details.").count()).toBe(1);
  expect(await adminPage.getByRole("region", { name: "Switch to Pro" }).count()).toBe(0);
  // The owner's Enterprise request, by name; the form is the owner's.
  const adminEnterprise = adminPage.getByRole("region", { name: "Always running out? Get in touch about Enterprise" });
  await adminEnterprise.getByRole("list", { name: "Earlier requests" }).getByText(`${owner.name} asked on`, { exact: false }).waitFor();
  expect(await adminEnterprise.getByRole("form").count()).toBe(0);
  await shot(adminPage, "admin");
  await adminPage.setViewportSize(PHONE);
  await shot(adminPage, "admin-phone");
  await adminContext.close();
});
