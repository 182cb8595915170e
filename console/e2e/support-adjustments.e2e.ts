import type { Locator, Page } from "@playwright/test";
import { screenshots } from "./support/browser";
import { createOrg, openBillingOf, person, signInAsStaff, signUp, upgradeToTeam } from "./support/flows";
import { expect, test } from "./support/fixtures";

// Support adjustments (issue 17, review finding 1): one named bucket, a removal never larger than
// the bucket, a preview and a confirm step, an answer that says what moved, and a reversal.

/** Scrolls a section to the top of the screen, below the sticky header, for a viewport screenshot. */
async function scrollToTop(locator: Locator): Promise<void> {
  await locator.evaluate((el) => window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - 130));
}

/** Fills the adjustment form: which bucket, which way, how many, and why. */
async function draft(form: Locator, bucket: string, action: "Add credits" | "Remove credits", credits: string, reason: string) {
  await form.getByLabel("Bucket").selectOption({ label: bucket });
  await form.getByLabel("Action").selectOption({ label: action });
  await form.getByLabel("Credits").fill(credits);
  await form.getByLabel("Reason").fill(reason);
}

/** The credit history's rows on Billing as "<what> <bucket> <credits>", newest first. */
async function historyRows(page: Page): Promise<string[]> {
  const rows = page.getByRole("region", { name: "Credit history" }).locator("tbody tr");
  await rows.first().waitFor();
  return rows.evaluateAll((trs) =>
    trs.map((tr) =>
      [
        tr.querySelector('td[data-label="What"] strong')?.textContent,
        tr.querySelector('td[data-label="Bucket"]')?.textContent,
        tr.querySelector('td[data-label="Credits"]')?.textContent,
      ].join(" "),
    ),
  );
}

test("staff adjust one bucket with a preview and a confirm step, the owner sees it in the credit history, and staff reverse it", async ({
  newPerson,
}) => {
  const shot = screenshots("support-adjustment");
  const { page: ownerPage } = await newPerson();
  await signUp(ownerPage, person("Ada Adjusted", "ada.adjusted@example.test"));
  const orgId = await createOrg(ownerPage, "Adjusted Co");
  await upgradeToTeam(ownerPage);

  // Support staff open the org.
  const { context, page } = await newPerson();
  await signInAsStaff(context);
  await page.goto(`/support/orgs/${orgId}`);
  await page.getByRole("heading", { level: 1, name: "Adjusted Co" }).waitFor();
  const form = page.getByRole("form", { name: "Adjust credits" });
  const pool = page.getByRole("region", { name: "Credit pool" });
  const preview = page.getByTestId("adjust-preview");

  // 405 credits into the top-up, as goodwill.
  await draft(form, "Top-up (never expires)", "Add credits", "405", "Ticket 405: goodwill after an outage");
  expect(await preview.textContent()).toBe("After it: Top-up 0 → 405; monthly unchanged.");
  await form.getByRole("button", { name: "Review adjustment" }).click();
  let dialog = page.getByRole("dialog", { name: "Add credits?" });
  await dialog.getByRole("button", { name: "Add credits" }).click();
  await page.getByRole("status").getByText("Added 405 credits to the top-up bucket: 0 → 405.").waitFor();
  await pool.getByText(/ \+ 405 top-up/).waitFor();

  // More than the bucket holds: said before anything is sent, and nothing changes.
  await draft(form, "Top-up (never expires)", "Remove credits", "406", "Ticket 406: take back the goodwill");
  await form.getByText("The top-up bucket holds 405 credits, so at most 405 can be removed.").waitFor();
  expect(await preview.textContent()).toBe("");
  await form.getByRole("button", { name: "Review adjustment" }).click();
  expect(await page.getByRole("dialog").count()).toBe(0);
  await scrollToTop(page.getByRole("region", { name: "Adjust credits" }));
  await shot(page, "too-much", "viewport");

  // Exactly what it holds: the preview, a confirm step that says it again, then what moved.
  await form.getByLabel("Credits").fill("405");
  expect(await preview.textContent()).toBe("After it: Top-up 405 → 0; monthly unchanged.");
  await form.getByRole("button", { name: "Review adjustment" }).click();
  dialog = page.getByRole("dialog", { name: "Remove credits?" });
  await dialog.waitFor();
  expect(await dialog.textContent()).toContain("Remove 405 credits from the top-up bucket of Adjusted Co?");
  expect(await dialog.textContent()).toContain("Top-up 405 → 0; monthly unchanged");
  expect(await dialog.textContent()).toContain("Reason: Ticket 406: take back the goodwill");
  await shot(page, "confirm", "viewport");
  await dialog.getByRole("button", { name: "Remove credits" }).click();
  await page.getByRole("status").getByText("Removed 405 credits from the top-up bucket: 405 → 0.").waitFor();
  const recent = page.getByRole("region", { name: "Recent adjustments" });
  await recent.getByRole("button", { name: "Reverse -405 top-up credits" }).waitFor();
  await scrollToTop(page.getByRole("region", { name: "Adjust credits" }));
  await shot(page, "removed", "viewport");

  // The owner's credit history has both, with the bucket each changed.
  await openBillingOf(ownerPage, orgId);
  const rows = await historyRows(ownerPage);
  expect(rows.slice(0, 2)).toEqual(["Support removal Top-up -405", "Support grant Top-up +405"]);
  await ownerPage
    .getByRole("region", { name: "Credit history" })
    .getByText("Ticket 406: take back the goodwill", { exact: false })
    .waitFor();

  // Staff reverse the removal: the 405 are back in the top-up.
  await recent.getByRole("button", { name: "Reverse -405 top-up credits" }).click();
  dialog = page.getByRole("dialog", { name: "Reverse this adjustment?" });
  expect(await dialog.textContent()).toContain("Give back 405 credits to the top-up bucket.");
  await dialog.getByRole("button", { name: "Reverse", exact: true }).click();
  await recent.getByText("Reversed. Added 405 credits to the top-up bucket: 0 → 405.").waitFor();
  // The list is asked again after the reversal: its Reverse button goes once the answer is in.
  await expect(recent.getByRole("button", { name: "Reverse -405 top-up credits" })).toHaveCount(0);
  await scrollToTop(recent);
  await shot(page, "reversed", "viewport");
  await context.close();

  await ownerPage.reload();
  await ownerPage
    .getByRole("region", { name: "Credit pool" })
    .getByText(/\+ 405 top-up/)
    .waitFor();
  expect((await historyRows(ownerPage))[0]).toBe("Support grant Top-up +405");
  await shot(ownerPage, "owner-billing");
});
