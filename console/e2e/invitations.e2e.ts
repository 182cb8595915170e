import { verifyEmailByMail } from "./support/mailbox";
import { baseUrl, PHONE, screenshots } from "./support/browser";
import { copyInvitationLink, createOrg, invite, openTeamSettings, person, signUp, submitSignUp } from "./support/flows";
import { expect, test } from "./support/fixtures";

test("an owner invites a teammate, who signs up in another browser and accepts", async ({ newPerson }) => {
  const shot = screenshots("invite-accept");
  const owner = person("Olivia Owner", "olivia@example.test");
  const teammate = person("Theo Teammate", "theo@example.test");

  // The owner: account, org, Team settings, invitation.
  const { page: ownerPage } = await newPerson();
  await ownerPage.goto("/signup");
  await shot(ownerPage, "sign-up");
  await signUp(ownerPage, owner);
  await shot(ownerPage, "home-empty");
  const orgId = await createOrg(ownerPage, "Northwind");
  await shot(ownerPage, "org-home");
  await openTeamSettings(ownerPage);
  await invite(ownerPage, teammate.email, "Member");
  await shot(ownerPage, "team-invited");

  const link = await copyInvitationLink(ownerPage, teammate.email);
  expect(link).toMatch(new RegExp(`^${baseUrl()}/invite/[^/]+$`));

  // The teammate, in a browser of their own: the link, an account, acceptance.
  const { context: teammateContext, page: teammatePage } = await newPerson();
  await teammatePage.goto(link);
  await teammatePage.getByText("Sign in or create an account with the invited email to accept.").waitFor();
  await shot(teammatePage, "invite-signed-out");
  await teammatePage.getByRole("link", { name: "Create an account" }).click();
  await teammatePage.getByRole("heading", { name: "Create your account" }).waitFor();
  await shot(teammatePage, "invite-sign-up");
  await submitSignUp(teammatePage, teammate);
  // The verification mail's link, then back on the invitation, now signed in and verified.
  await verifyEmailByMail(teammate.email);
  await teammatePage.goto(link);
  await teammatePage.getByRole("button", { name: "Accept invitation" }).waitFor();
  expect(new URL(teammatePage.url()).pathname).toBe(new URL(link).pathname);
  await shot(teammatePage, "invite-signed-in");
  await teammatePage.getByRole("button", { name: "Accept invitation" }).click();
  await teammatePage.getByRole("heading", { level: 1, name: "Northwind" }).waitFor();
  expect(new URL(teammatePage.url()).pathname).toBe(`/orgs/${orgId}`);
  await shot(teammatePage, "teammate-org-home");

  // The link is spent: opening it again says so before anything is pressed.
  await teammatePage.goto(link);
  await teammatePage.getByRole("heading", { name: "This invitation was already accepted" }).waitFor();
  expect(await teammatePage.getByRole("button", { name: "Accept invitation" }).count()).toBe(0);
  await shot(teammatePage, "invite-used");
  await teammateContext.close();

  // The owner sees two seats, the teammate among the members, and no pending invitation.
  await ownerPage.reload();
  const members = ownerPage.getByRole("table", { name: "Members" });
  await members.waitFor();
  const teammateRow = members.getByRole("row", { name: new RegExp(teammate.name) });
  await teammateRow.waitFor();
  expect(await teammateRow.textContent()).toContain(teammate.email);
  expect(await teammateRow.getByRole("combobox", { name: `Role for ${teammate.name}` }).inputValue()).toBe("MEMBER");
  expect(await ownerPage.getByText("2 seats").count()).toBe(1);
  expect(await ownerPage.getByText("No pending invitations.").count()).toBe(1);
  const auditLog = ownerPage.getByRole("table", { name: "Audit log" });
  expect(await auditLog.getByRole("row").nth(1).textContent()).toContain("Member joined");
  await shot(ownerPage, "team-after-accept");
  await ownerPage.setViewportSize(PHONE);
  await shot(ownerPage, "team-after-accept-phone");
});
