import { verifyEmailByMail } from "./support/mailbox";
import type { Page } from "@playwright/test";
import { graphqlWithKey } from "./support/api";
import { DESKTOP, PHONE, screenshots } from "./support/browser";
import { createApiKey, createOrg, createSpace, openOrgUsage, openTeamSettings, person, signUp, upgradeToTeam } from "./support/flows";
import { expect, test } from "./support/fixtures";

/** The rows of a breakdown table, as "<name> <credits> <calls> <share>". */
async function breakdown(page: Page, title: string): Promise<string[]> {
  const rows = page.getByRole("region", { name: title }).getByRole("table").locator("tbody tr");
  return (await rows.evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent?.trim()).filter(Boolean)))).map(
    (cells) => cells.join(" "),
  );
}

test("an owner sees the usage a key recorded, split by Space and model; staff find the org and open it read-only", async ({
  newPerson,
}) => {
  test.setTimeout(180_000);
  const shot = screenshots("usage");
  const owner = person("Uma Usage", "uma@example.test");
  const { page } = await newPerson();
  await signUp(page, owner);
  const orgId = await createOrg(page, "Metered Co");
  await upgradeToTeam(page);

  // An Enterprise request, for support's queue further down.
  const enterprise = page.getByRole("region", { name: "Always running out? Get in touch about Enterprise" });
  await enterprise.getByLabel("What do you need?").fill("Metered Co would like 200,000 credits a month.");
  await enterprise.getByRole("button", { name: "Get in touch" }).click();
  await enterprise.getByText("Thanks, we have your message.").waitFor();

  // Two Spaces and a gateway key.
  await page.goto(`/orgs/${orgId}`);
  await openTeamSettings(page);
  await createSpace(page, "Research");
  await createSpace(page, "Support Desk");
  const secret = await createApiKey(page, "Gateway", ["USAGE_WRITE", "USAGE_READ"]);

  // The gateway records four calls for the owner across both Spaces and two models.
  const ids = await graphqlWithKey<{ org: { members: { id: string; user: { email: string } }[]; spaces: { id: string; name: string }[] } }>(
    secret,
    "query ($id: ID!) { org(id: $id) { members { id user { email } } spaces { id name } } }",
    { id: orgId },
  );
  const memberId = ids.body.data?.org.members.find((m) => m.user.email === owner.email)?.id;
  const space = (name: string) => ids.body.data?.org.spaces.find((s) => s.name === name)?.id;
  const calls = [
    { space: "Research", model: "gpt-4o", credits: 120 },
    { space: "Research", model: "claude-sonnet", credits: 80 },
    { space: "Support Desk", model: "gpt-4o", credits: 50 },
    { space: "Support Desk", model: "claude-sonnet", credits: 30 },
  ];
  for (const [i, call] of calls.entries()) {
    const answer = await graphqlWithKey<{ recordUsage: { creditsCharged: number } }>(
      secret,
      "mutation ($input: RecordUsageInput!) { recordUsage(input: $input) { creditsCharged } }",
      {
        input: {
          orgId,
          memberId,
          spaceId: space(call.space),
          model: call.model,
          credits: call.credits,
          idempotencyKey: `e2e-usage-${orgId}-${i}`,
        },
      },
    );
    expect(answer.body.errors).toBeUndefined();
    expect(answer.body.data?.recordUsage.creditsCharged).toBe(call.credits);
  }

  // Org usage, from the org's home: the totals and the split we sent.
  await page.goto(`/orgs/${orgId}`);
  await openOrgUsage(page);
  const stats = page.locator(".usage-stats");
  expect(await stats.textContent()).toContain("Credits280");
  expect(await stats.textContent()).toContain("Calls4");
  expect(await breakdown(page, "By Space")).toEqual(["Research 200 2 71.4%", "Support Desk 80 2 28.6%"]);
  expect(await breakdown(page, "By model")).toEqual(["gpt-4o 170 2 60.7%", "claude-sonnet 110 2 39.3%"]);
  expect(await breakdown(page, "By member")).toEqual([`${owner.name} 280 4 100.0%`]);
  expect(await page.getByRole("region", { name: "Credit pool" }).textContent()).toContain("8,720 credits left of 9,000 this month");
  expect(await page.getByRole("region", { name: "Credit pool" }).textContent()).toMatch(/reset in \d+ days?\./);
  expect(await page.getByText("Showing your own usage").count()).toBe(0);
  await shot(page, "owner");

  // The CSV of the range on screen: the session cookie is enough.
  const href = (await page.getByRole("link", { name: "Download CSV" }).getAttribute("href")) ?? "";
  expect(href).toMatch(new RegExp(`^/orgs/${orgId}/usage\\.csv\\?from=.+&to=.+`));
  const csv = await page.request.get(href);
  expect(csv.ok()).toBe(true);
  const lines = (await csv.text()).trim().split("\n");
  expect(lines).toHaveLength(1 + calls.length);

  // The last 30 days hold the same four calls.
  await page.getByRole("radio", { name: "Last 30 days" }).check();
  await page.waitForURL((url) => url.searchParams.get("period") === "last30");
  // The server's last 30 days (the console reads the server's clock, which the dev tools may have moved).
  await expect.poll(() => breakdown(page, "By Space")).toEqual(["Research 200 2 71.4%", "Support Desk 80 2 28.6%"]);
  await page.getByRole("radio", { name: "Custom" }).check();
  await page.getByRole("form", { name: "Custom range" }).waitFor();
  await shot(page, "custom-range", "viewport");
  await page.setViewportSize(PHONE);
  await shot(page, "owner-phone");
  await page.setViewportSize(DESKTOP);

  // Support staff, in a browser of their own, find the org by its name and open it.
  const staff = person("Sam Support", "staff@example.test");
  const { context: staffContext, page: staffPage } = await newPerson();
  await signUp(staffPage, staff);
  // Staff powers come with a verified address: the verification mail's link, then the console again.
  await verifyEmailByMail(staff.email);
  await staffPage.reload();
  await staffPage.getByRole("link", { name: "Support" }).click();
  await staffPage.getByRole("heading", { level: 1, name: "Support" }).waitFor();
  // The Enterprise queue holds the owner's request (other test files may have added theirs), linked to the org.
  const queued = staffPage.getByRole("table", { name: "Enterprise requests" }).getByRole("row", { name: /Metered Co/ });
  await queued.waitFor();
  expect(await queued.textContent()).toContain(owner.email);
  expect(await queued.textContent()).toContain("Metered Co would like 200,000 credits a month.");
  expect(await queued.getByRole("link", { name: "Metered Co" }).getAttribute("href")).toBe(`/support/orgs/${orgId}`);
  await shot(staffPage, "staff-queue");
  await staffPage.getByRole("searchbox").fill("Metered");
  await staffPage.getByRole("button", { name: "Search" }).click();
  const results = staffPage.getByRole("table", { name: /match/ });
  const row = results.getByRole("row", { name: /Metered Co/ });
  expect(await row.textContent()).toContain(orgId);
  expect(await row.textContent()).toContain("Team");
  await shot(staffPage, "staff-search");
  await row.getByRole("link", { name: "Metered Co" }).click();
  await staffPage.getByRole("heading", { level: 1, name: "Metered Co" }).waitFor();
  expect(await staffPage.getByRole("table", { name: "Members" }).textContent()).toContain(owner.email);
  expect(await breakdown(staffPage, "Usage this period by member")).toEqual([`${owner.name} 280 4 100.0%`]);
  expect(await staffPage.getByRole("region", { name: "Credit pool" }).textContent()).toContain("8,720 credits left");

  // An adjustment needs a reason; with one, it is previewed, confirmed, and lands in the top-up bucket.
  const adjust = staffPage.getByRole("form", { name: "Adjust credits" });
  await adjust.getByLabel("Credits").fill("500");
  await adjust.getByRole("button", { name: "Review adjustment" }).click();
  await adjust.getByText("Give a reason: it goes into the org's audit log.").waitFor();
  await adjust.getByLabel("Reason").fill("Ticket 1234: goodwill after an outage");
  await adjust.getByRole("button", { name: "Review adjustment" }).click();
  const confirm = staffPage.getByRole("dialog", { name: "Add credits?" });
  await confirm.getByText("Top-up 0 → 500; monthly unchanged", { exact: false }).waitFor();
  await confirm.getByRole("button", { name: "Add credits" }).click();
  await staffPage.getByText("Added 500 credits to the top-up bucket: 0 → 500.").waitFor();
  await staffPage.getByRole("region", { name: "Credit pool" }).getByText("9,220", { exact: true }).waitFor();
  await shot(staffPage, "staff-org");
  await staffPage.setViewportSize(PHONE);
  await shot(staffPage, "staff-org-phone");
  await staffContext.close();

  // The owner has no Support link.
  expect(await page.getByRole("link", { name: "Support" }).count()).toBe(0);
});
