import { advanceClockAsStaff } from "./support/mailbox";
import type { Locator, Page } from "@playwright/test";
import { baseUrl, DESKTOP, PHONE, screenshots } from "./support/browser";
import {
  acceptAsNewAccount,
  copyInvitationLink,
  createOrg,
  createSpace,
  invite,
  openBilling,
  openTeamSettings,
  person,
  signUp,
} from "./support/flows";
import { expect, test } from "./support/fixtures";

const planBadge = (page: Page) => page.locator(".page__title-row .plan-badge");

/** Scrolls a section to the top of the screen, below the sticky header, for a viewport screenshot. */
async function scrollToTop(locator: Locator): Promise<void> {
  await locator.evaluate((el) => window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - 130));
}

/** Pays for Team on the emulator's hosted checkout page and comes back to Billing. */
async function upgradeToTeam(page: Page): Promise<void> {
  await page.getByRole("region", { name: "Upgrade to Team" }).getByRole("button", { name: "Upgrade to Team" }).click();
  await page.waitForURL((url) => url.pathname.startsWith("/checkout/") && url.origin !== baseUrl());
  await page.getByRole("button", { name: "Pay" }).click();
  await page.getByRole("region", { name: "You're on Team" }).waitFor();
}

test("an owner on Team sets billing details, reads invoices, schedules the switch to Pro, keeps Team, and goes solo", async ({
  newPerson,
}) => {
  test.setTimeout(180_000);
  const shot = screenshots("going-solo");
  const owner = person("Sol Owner", "sol@example.test");
  const teammate = person("Tia Teammate", "tia@example.test");

  // The owner's org, with a Space and a teammate who accepted in a browser of their own.
  const { page } = await newPerson();
  await signUp(page, owner);
  const orgId = await createOrg(page, "Solo Again Co");
  await openTeamSettings(page);
  await createSpace(page, "Research");
  await invite(page, teammate.email, "Member");
  const link = await copyInvitationLink(page, teammate.email);
  const { context: teammateContext, page: teammatePage } = await newPerson();
  await acceptAsNewAccount(teammatePage, link, teammate, "Solo Again Co");
  await teammateContext.close();

  // Team through the emulator's checkout: 2 seats.
  await page.goto(`/orgs/${orgId}`);
  await openBilling(page);
  await upgradeToTeam(page);
  expect(await planBadge(page).textContent()).toBe("Team plan");
  await page.getByRole("button", { name: "Dismiss" }).click();

  // Billing details: a malformed VAT number is refused with the example; a valid one is saved normalized.
  const details = page.getByRole("region", { name: "Billing details" });
  const form = details.getByRole("form", { name: "Change billing details" });
  await details.getByText("The owner's email", { exact: true }).waitFor();
  await form.getByLabel("Billing email").fill("accounts@solo.test");
  await form.getByLabel("Tax ID type").selectOption({ label: "EU VAT number" });
  expect(await form.getByLabel("Tax ID", { exact: true }).getAttribute("placeholder")).toBe("DE123456789");
  await form.getByLabel("Tax ID", { exact: true }).fill("DE12");
  await form.getByRole("button", { name: "Save billing details" }).click();
  await form.getByText("That is not a valid EU VAT number. It looks like DE123456789").waitFor();
  await scrollToTop(details);
  await shot(page, "details-refused", "viewport");
  await form.getByLabel("Tax ID", { exact: true }).fill("de 123 456 789");
  await form.getByRole("button", { name: "Save billing details" }).click();
  await details.locator("dd", { hasText: "DE123456789" }).waitFor();
  await details.locator("dd", { hasText: "accounts@solo.test" }).waitFor();
  await scrollToTop(details);
  await shot(page, "details-saved", "viewport");

  // The first invoice, fetched from Stripe, with a PDF that is a PDF.
  const invoices = page.getByRole("region", { name: "Invoices" });
  await invoices.getByRole("button", { name: "Refresh from Stripe" }).click();
  const table = invoices.getByRole("table", { name: "Invoices" });
  await table.waitFor();
  // Invoice rows, without the rows that hold their lines.
  const rows = table.locator("tbody > tr:not(.invoice-lines)");
  expect(await rows.count()).toBe(1);
  expect(await rows.first().textContent()).toContain("$73.00");
  expect(await rows.first().getByText("Paid").count()).toBe(1);
  const pdfLink = rows.first().getByRole("link", { name: /^PDF/ });
  expect(await pdfLink.getAttribute("target")).toBe("_blank");
  const pdf = await page.request.get((await pdfLink.getAttribute("href")) ?? "");
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()["content-type"]).toContain("application/pdf");
  expect((await pdf.body()).subarray(0, 5).toString()).toBe("%PDF-");
  await rows.first().getByRole("button").first().click();
  await invoices.getByRole("list", { name: /^Lines of/ }).waitFor();
  // Its totals, and whom it was made out to when issued: before the details above were saved.
  const firstDetails = table.locator("tr.invoice-lines").first();
  expect(await firstDetails.locator(".invoice-totals").textContent()).toBe("Subtotal$73.00Tax$0.00Total$73.00");
  expect(await firstDetails.getByText(/^Billed to /).textContent()).toBe(`Billed to ${owner.email}`);
  await scrollToTop(invoices);
  await shot(page, "first-invoice", "viewport");

  // Switch to Pro: the preview names the teammate and the Space, and what the pool loses.
  const switchSection = page.getByRole("region", { name: "Switch to Pro" });
  await switchSection.getByText("What leaving Team takes").click();
  const people = switchSection.getByRole("list", { name: "Members losing access" });
  await people.getByText(teammate.name).waitFor();
  const preview = (await switchSection.textContent()) ?? "";
  expect(preview).toContain("Solo Again Co's Spaces (Research)");
  expect(preview).toMatch(/0 credits of top-ups and 10,000 credits of this month's allotment/);
  expect(await switchSection.getByRole("link", { name: /Transfer ownership/ }).getAttribute("href")).toBe(`/orgs/${orgId}/team#members`);
  await scrollToTop(switchSection);
  await shot(page, "switch-preview", "viewport");

  const schedule = async () => {
    await switchSection.getByRole("button", { name: "Switch to Pro…" }).click();
    const dialog = page.getByRole("dialog", { name: "Switch Solo Again Co to Pro?" });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain(teammate.name);
    return dialog;
  };
  let dialog = await schedule();
  await shot(page, "switch-dialog", "viewport");
  await dialog.getByRole("button", { name: "Switch to Pro", exact: true }).click();
  const banner = page.getByRole("region", { name: /^Moves to Pro on / });
  await banner.waitFor();
  const effective = (await banner.getByRole("heading").textContent()) ?? "";
  expect(effective).toMatch(/^Moves to Pro on [A-Z][a-z]{2} \d{1,2}, \d{4}$/);
  expect(await page.getByRole("region", { name: "Plan" }).textContent()).toContain("Moves to Pro on");
  expect(await switchSection.count()).toBe(0);
  await shot(page, "scheduled");

  // Keep Team, then schedule again.
  await banner.getByRole("button", { name: "Keep Team" }).click();
  await banner.waitFor({ state: "detached" });
  expect(await page.getByRole("region", { name: "Plan" }).textContent()).toContain("Renews on");
  dialog = await schedule();
  await dialog.getByRole("button", { name: "Switch to Pro", exact: true }).click();
  await banner.waitFor();

  // The phone layout of the scheduled state.
  await page.setViewportSize(PHONE);
  await shot(page, "scheduled-phone");
  await page.setViewportSize(DESKTOP);

  // Dev tools' clock (support staff's, with STAFF_EMAILS set): 31 days on, past the period end.
  await advanceClockAsStaff(31);
  await page.reload();
  await page.locator(".page__title-row .plan-badge--pro").waitFor();
  expect(await planBadge(page).textContent()).toBe("Pro plan");
  const solo = page.getByRole("region", { name: "Solo Again Co is on Pro: its Spaces are the owner's only" });
  await solo.waitFor();
  expect(await page.getByRole("region", { name: "Credit pool" }).count()).toBe(0);
  expect(await banner.count()).toBe(0);
  // The renewal's invoice: Pro, for the owner, on the same customer.
  await rows.nth(1).waitFor();
  expect(await rows.count()).toBe(2);
  // Issued after the billing details were saved: made out to them.
  await rows.first().getByRole("button").first().click();
  const renewalDetails = table.locator("tr.invoice-lines").first();
  await renewalDetails.getByText(/^Billed to /).waitFor();
  expect(await renewalDetails.getByText(/^Billed to /).textContent()).toBe("Billed to accounts@solo.test · EU VAT number DE123456789");
  expect(await renewalDetails.locator(".invoice-totals").textContent()).toMatch(/^Subtotal\$20\.00Tax\$0\.00Total\$20\.00$/);
  // Out of the screenshots' way: the notifications of the steps above.
  const toasts = page.getByRole("region", { name: "Notifications" }).getByRole("button", { name: "Dismiss notification" });
  while ((await toasts.count()) > 0) await toasts.first().click();
  await shot(page, "solo");
  await scrollToTop(invoices);
  await shot(page, "solo-invoices", "viewport");
  await page.setViewportSize(PHONE);
  await scrollToTop(invoices);
  await shot(page, "solo-invoices-phone", "viewport");
});
