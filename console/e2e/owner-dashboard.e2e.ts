import type { Locator } from "@playwright/test";
import { graphqlWithKey } from "./support/api";
import { screenshots } from "./support/browser";
import {
  acceptAsNewAccount,
  copyInvitationLink,
  createApiKey,
  createOrg,
  createSpace,
  dismissNotifications,
  invite,
  mailedInvitationLinks,
  openOrgUsage,
  openTeamSettings,
  openTeamSettingsOf,
  person,
  signUp,
  spaceChip,
  submitSignUp,
  upgradeToTeam,
} from "./support/flows";
import { verifyEmailByMail } from "./support/mailbox";
import { expect, test } from "./support/fixtures";

// The owner's dashboard (issue 17): invitations that explain themselves, and names that can change.

/** Scrolls a section to the top of the screen, below the sticky header, for a viewport screenshot. */
async function scrollToTop(locator: Locator): Promise<void> {
  await locator.evaluate((el) => window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - 130));
}

test("an invitation says what it offers before sign-up; a resent one retires the old link; the invitee accepts the new one", async ({
  newPerson,
}) => {
  const shot = screenshots("invitation-preview");
  const owner = person("Ingrid Inviter", "ingrid@example.test");
  const invitee = person("Ivan Invitee", "ivan@example.test");

  const { page: ownerPage } = await newPerson();
  await signUp(ownerPage, owner);
  await createOrg(ownerPage, "Preview Labs");
  await openTeamSettings(ownerPage);
  await invite(ownerPage, invitee.email, "Member");
  const [firstLink] = await mailedInvitationLinks(invitee.email);

  // Signed out, the link names the org, who invited, the role, and until when it works.
  const { page } = await newPerson();
  await page.goto(firstLink);
  await page.getByRole("heading", { level: 1, name: "You're invited" }).waitFor();
  const offer = page.getByRole("region", { name: "Invitation" });
  await offer.waitFor();
  expect(await offer.textContent()).toContain(`${owner.name} invited ${invitee.email} to join Preview Labs as a Member.`);
  expect(await offer.textContent()).toMatch(/The link works until .+\d{4}/);
  await page.getByText("Sign in or create an account with the invited email to accept.").waitFor();
  await shot(page, "signed-out");

  // Sign in starts from the invited address; what is typed there is carried to Create account.
  await page.getByRole("link", { name: "Sign in" }).click();
  await page.getByRole("heading", { level: 1, name: "Sign in" }).waitFor();
  expect(await page.getByLabel("Email").inputValue()).toBe(invitee.email);
  await page.getByLabel("Email").fill(invitee.email.toUpperCase());
  await page.getByRole("link", { name: "Create an account" }).click();
  await page.getByRole("heading", { level: 1, name: "Create your account" }).waitFor();
  expect(await page.getByLabel("Email").inputValue()).toBe(invitee.email.toUpperCase());
  await shot(page, "email-carried");

  // The owner resends: a new mail, and the first link stops working.
  await ownerPage.getByRole("button", { name: `Resend the invitation to ${invitee.email}` }).click();
  await ownerPage.getByRole("region", { name: "Notifications" }).getByText(`Sent the invitation to ${invitee.email} again`).waitFor();
  const links = await mailedInvitationLinks(invitee.email, 2);
  const newLink = links[links.length - 1];
  expect(newLink).not.toBe(firstLink);
  await page.goto(firstLink);
  await page.getByRole("heading", { level: 1, name: "This invitation was withdrawn" }).waitFor();
  expect(await page.getByText("Preview Labs revoked it. Ask Ingrid Inviter for a new one.").count()).toBe(1);
  expect(await page.getByRole("link", { name: "Create an account" }).count()).toBe(0);
  await shot(page, "old-link");

  // The new link works: the offer again, then an account from it.
  await page.goto(newLink);
  await page.getByRole("region", { name: "Invitation" }).getByText("Preview Labs").waitFor();
  await page.getByRole("link", { name: "Create an account" }).click();
  expect(await page.getByLabel("Email").inputValue()).toBe(invitee.email);
  await submitSignUp(page, invitee);
  // Not verified yet: the invitation waits for the mailed link.
  await page.goto(newLink);
  await page.getByRole("region", { name: "Verify your email first" }).waitFor();
  await verifyEmailByMail(invitee.email);
  await page.getByRole("button", { name: "I've verified it: check again" }).click();
  await page.getByRole("button", { name: "Accept invitation" }).waitFor();
  await shot(page, "ready-to-accept");
  await page.getByRole("button", { name: "Accept invitation" }).click();
  await page.getByRole("heading", { level: 1, name: "Preview Labs" }).waitFor();
  await page.getByRole("region", { name: "Notifications" }).getByText("You joined Preview Labs.").waitFor();

  // The owner sees the new member and nothing pending.
  await ownerPage.reload();
  await ownerPage
    .getByRole("table", { name: "Members" })
    .getByRole("row", { name: new RegExp(invitee.name) })
    .waitFor();
  expect(await ownerPage.getByText("No pending invitations.").count()).toBe(1);
});

test("an owner renames the org and a Space, is refused a duplicate Space name, and deletes a Free org", async ({ newPerson }) => {
  const shot = screenshots("names-and-leaving");
  const { page } = await newPerson();
  await signUp(page, person("Rena Renamer", "rena@example.test"));
  const orgId = await createOrg(page, "Draft Name Co");
  await openTeamSettings(page);

  // The org's new name: on the page, in the list of orgs.
  const settings = page.getByRole("region", { name: "Org" });
  const rename = settings.getByRole("form", { name: "Rename the org" });
  await rename.getByLabel("Org name").fill("Final Name Co");
  await rename.getByRole("button", { name: "Rename" }).click();
  await page.getByRole("region", { name: "Notifications" }).getByText("Renamed the org to Final Name Co.").waitFor();

  // Spaces: one renamed, and a second refused the first's name in another case.
  await createSpace(page, "Reserch");
  await createSpace(page, "Design");
  const spaces = page.getByRole("list", { name: "Spaces" });
  await spaces.getByRole("button", { name: "Rename the Space Reserch" }).click();
  const renameSpace = page.getByRole("form", { name: "Rename the Space Reserch" });
  await renameSpace.getByLabel("New name").fill("Research");
  await renameSpace.getByRole("button", { name: "Save" }).click();
  await spaceChip(page, "Research").waitFor();
  expect(await spaceChip(page, "Reserch").count()).toBe(0);
  await spaces.getByRole("button", { name: "Rename the Space Design" }).click();
  const duplicate = page.getByRole("form", { name: "Rename the Space Design" });
  await duplicate.getByLabel("New name").fill("research");
  await duplicate.getByRole("button", { name: "Save" }).click();
  const refusal = spaces.getByRole("alert");
  await refusal.waitFor();
  expect(await refusal.textContent()).toMatch(/already has a Space named/);
  await scrollToTop(page.getByRole("region", { name: "Spaces" }));
  await shot(page, "space-duplicate", "viewport");
  await duplicate.getByRole("button", { name: "Cancel" }).click();
  await page.reload();
  await spaces.waitFor();
  // Each chip reads "<name>Rename the Space <name>".
  expect((await spaces.getByRole("listitem").allTextContents()).map((t) => t.replace(/Rename.*$/, "")).sort()).toEqual([
    "Design",
    "Research",
  ]);

  await page.goto("/");
  const orgs = page.getByRole("list", { name: "Your orgs" });
  await orgs.getByRole("link", { name: "Final Name Co" }).waitFor();
  expect(await orgs.getByRole("link", { name: "Draft Name Co" }).count()).toBe(0);
  await shot(page, "renamed-in-list");

  // Deleting the Free org: the dialog wants its name typed.
  await openTeamSettingsOf(page, orgId);
  await page.getByRole("button", { name: "Delete Final Name Co…" }).click();
  const dialog = page.getByRole("dialog", { name: "Delete Final Name Co?" });
  await dialog.waitFor();
  await dialog.getByRole("button", { name: "Delete the org" }).click();
  await dialog.getByText("Type the org's name, Final Name Co, to confirm.").waitFor();
  await dialog.getByLabel("Type Final Name Co to confirm").fill("Final Name Co");
  await shot(page, "delete-dialog", "viewport");
  await dialog.getByRole("button", { name: "Delete the org" }).click();
  await page.getByRole("heading", { level: 1, name: "Your orgs" }).waitFor();
  await page
    .getByRole("region", { name: "Notifications" })
    .getByText(/^Deleted Final Name Co\./)
    .waitFor();
  expect(await orgs.getByRole("link", { name: "Final Name Co" }).count()).toBe(0);
  await dismissNotifications(page);
  await shot(page, "deleted");

  // Its address no longer opens it, after a reload too.
  await page.goto(`/orgs/${orgId}`);
  await page.getByRole("heading", { name: "Org not found" }).waitFor();
  await shot(page, "deleted-url");
});

test("a MEMBER sees their own cap on Org usage; the owner's API keys section gives the ids and a recordUsage call that works", async ({
  newPerson,
}) => {
  const shot = screenshots("member-cap");
  const owner = person("Oona Operator", "oona@example.test");
  const member = person("Milo Member", "milo@example.test");

  const { page } = await newPerson();
  await signUp(page, owner);
  const orgId = await createOrg(page, "Capped Co");
  await upgradeToTeam(page);
  await openTeamSettingsOf(page, orgId);
  await createSpace(page, "Research");
  await invite(page, member.email, "Member");
  const link = await copyInvitationLink(page, member.email);
  const { page: memberPage } = await newPerson();
  await acceptAsNewAccount(memberPage, link, member, "Capped Co");

  // Before a cap: the member is told there is none.
  await shot(memberPage, "member-home");
  await openOrgUsage(memberPage);
  const myCap = memberPage.getByRole("region", { name: "Your cap" });
  await myCap.getByText("No cap is set for you: you may spend from the pool until it runs out.").waitFor();

  // The owner caps the member at 500 a month.
  await page.reload();
  const caps = page.getByRole("region", { name: "Caps" });
  const capForm = caps.getByRole("form", { name: "Set a cap" });
  await capForm.getByLabel("Member or Space").selectOption({ label: member.name });
  await capForm.getByLabel("Monthly cap (credits)").fill("500");
  await capForm.getByRole("button", { name: "Set cap" }).click();
  await caps
    .getByRole("table", { name: "Caps" })
    .getByRole("row", { name: new RegExp(member.name) })
    .getByText("0 of 500")
    .waitFor();

  // A key, and the ids an integration needs, each with a Copy button.
  const secret = await createApiKey(page, "Gateway", ["USAGE_WRITE", "USAGE_READ"]);
  const keys = page.getByRole("region", { name: "API keys" });
  await keys.getByText("IDs for integrations").click();
  const ids = keys.getByRole("table", { name: "IDs for integrations" });
  await ids.waitFor();
  const idOf = async (name: string) =>
    (await ids
      .getByRole("row", { name: new RegExp(name) })
      .locator("code")
      .textContent()) ?? "";
  expect(await idOf("This org")).toBe(orgId);
  const memberId = await idOf(member.name);
  const spaceId = await idOf("Research");
  expect(memberId).toMatch(/^[0-9a-f-]{36}$/);
  await ids.getByRole("button", { name: `Copy the id of ${member.name}` }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(memberId);
  await ids.getByRole("button", { name: "Copy the id of Research" }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(spaceId);

  // The example, run as printed with the key: it is counted.
  const example = (await keys.locator("pre").textContent()) ?? "";
  expect(example).toContain(`"orgId":"${orgId}"`);
  expect(example).toContain(`"spaceId":"${spaceId}"`);
  const body = JSON.parse(/-d '(.+)'$/m.exec(example)?.[1] ?? "{}") as { query: string; variables: Record<string, unknown> };
  const url = /^curl -s (\S+)/.exec(example)?.[1] ?? "";
  const answer = await fetch(url, {
    method: "POST",
    headers: { authorization: `Bearer ${secret}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  const result = (await answer.json()) as { data?: { recordUsage: { creditsCharged: number } }; errors?: unknown };
  expect(result.errors).toBeUndefined();
  expect(result.data?.recordUsage.creditsCharged).toBe(100);
  expect(await keys.getByRole("button", { name: "Copy the example" }).count()).toBe(1);
  await dismissNotifications(page);
  await scrollToTop(keys.getByText("IDs for integrations"));
  await shot(page, "api-keys", "viewport");

  // The member's own call, with the copied ids: 120 of their 500.
  const call = await graphqlWithKey<{ recordUsage: { creditsCharged: number } }>(
    secret,
    "mutation ($input: RecordUsageInput!) { recordUsage(input: $input) { creditsCharged } }",
    { input: { orgId, memberId, spaceId, model: "gpt-4o", credits: 120, idempotencyKey: `e2e-cap-${orgId}` } },
  );
  expect(call.body.errors).toBeUndefined();
  await memberPage.reload();
  await myCap.getByText(/^120 of your 500-credit cap used this period; 380 left\. It resets on .+\d{4}\.$/).waitFor();
  expect(await myCap.getByRole("meter", { name: "Your cap used" }).getAttribute("value")).toBe("120");
  await shot(memberPage, "member-usage");

  // The owner's Org usage counts both calls: the example's and the member's.
  await page.goto(`/orgs/${orgId}`);
  await openOrgUsage(page);
  const stats = page.locator(".usage-stats");
  expect(await stats.textContent()).toContain("Credits220");
  expect(await stats.textContent()).toContain("Calls2");
});
