import { screenshots } from "./support/browser";
import { copyInvitationLink, createOrg, invite, openTeamSettings, person, signUp, submitSignUp } from "./support/flows";
import { mailedLink, verifyEmailByMail } from "./support/mailbox";
import { expect, test } from "./support/fixtures";

test("a new account verifies its email with the mailed link", async ({ newPerson }) => {
  const shot = screenshots("verify-email");
  const who = person("Vera Verify", "vera@example.test");
  const { page } = await newPerson();
  await signUp(page, who);
  const notice = page.getByRole("region", { name: "Verify your email" });
  expect(await notice.textContent()).toContain(`we sent a link to ${who.email}`);
  await shot(page, "check-inbox");

  // The mail's link, opened in the same browser.
  await page.goto(await mailedLink(who.email, "verify-email"));
  await page.getByRole("heading", { name: "Email verified" }).waitFor();
  await shot(page, "verified");
  await page.getByRole("link", { name: "Continue" }).click();
  await page.getByRole("heading", { level: 1, name: "Your orgs" }).waitFor();
  expect(await notice.count()).toBe(0);

  // Used once: opening it again says so.
  await page.goto(await mailedLink(who.email, "verify-email"));
  await page.getByRole("heading", { name: /Email verified|This verification link isn't valid/ }).waitFor();
});

test("a forgotten password is reset by the mailed link, and the old session ends", async ({ newPerson }) => {
  const shot = screenshots("reset-password");
  const who = person("Rita Reset", "rita@example.test");
  const { page: oldPage } = await newPerson();
  await signUp(oldPage, who);

  const { page } = await newPerson();
  await page.goto("/signin");
  await page.getByRole("link", { name: "Forgot your password?" }).click();
  await page.getByRole("heading", { name: "Reset your password" }).waitFor();
  await page.getByLabel("Email").fill(who.email);
  await page.getByRole("button", { name: "Send the reset link" }).click();
  expect(await page.getByRole("status").textContent()).toContain(`If an account exists for ${who.email}, we mailed a link`);
  await shot(page, "mailed");

  await page.goto(await mailedLink(who.email, "reset-password"));
  const newPassword = "a brand new passphrase";
  await page.getByLabel("New password", { exact: true }).fill(newPassword);
  await page.getByLabel("New password again").fill(newPassword);
  await page.getByRole("button", { name: "Set new password" }).click();
  await page.getByRole("heading", { name: "Sign in" }).waitFor();
  expect(await page.getByRole("status").textContent()).toContain("Your password was changed");
  await shot(page, "changed");

  // The old password no longer works; the new one does.
  await page.getByLabel("Email").fill(who.email);
  await page.getByLabel("Password").fill(who.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByText("That email and password don't match an account.").waitFor();
  await page.getByLabel("Password").fill(newPassword);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("heading", { level: 1, name: "Your orgs" }).waitFor();
  // Reset also verified the email (the link went to the mailbox).
  expect(await page.getByRole("region", { name: "Verify your email" }).count()).toBe(0);

  // The session of the other browser ended with the reset.
  await oldPage.reload();
  await oldPage.getByRole("heading", { name: "Sign in" }).waitFor();
});

test("an unverified invitee verifies, comes back to the invitation and accepts with consent", async ({ newPerson }) => {
  const shot = screenshots("invite-verify");
  const owner = person("Omar Owner", "omar@example.test");
  const invitee = person("Ivy Invitee", "ivy@example.test");
  const { page: ownerPage } = await newPerson();
  await signUp(ownerPage, owner);
  await verifyEmailByMail(owner.email);
  await createOrg(ownerPage, "Verified Co");
  await openTeamSettings(ownerPage);
  await invite(ownerPage, invitee.email, "Member");
  const link = await copyInvitationLink(ownerPage, invitee.email);

  const { page } = await newPerson();
  await page.goto(link);
  await page.getByRole("link", { name: "Create an account" }).click();
  await submitSignUp(page, invitee);
  await page.getByRole("region", { name: "Verify your email first" }).waitFor();
  expect(await page.getByRole("button", { name: "Accept invitation" }).count()).toBe(0);
  await shot(page, "verify-first");

  await page.goto(await mailedLink(invitee.email, "verify-email"));
  await page.getByRole("heading", { name: "Email verified" }).waitFor();
  await page.getByRole("link", { name: "Continue to your invitation" }).click();
  await page.getByRole("checkbox", { name: "Let this org's API keys spend my personal credits" }).check();
  await shot(page, "accept-with-consent");
  await page.getByRole("button", { name: "Accept invitation" }).click();
  await page.getByRole("heading", { level: 1, name: "Verified Co" }).waitFor();

  await openTeamSettings(page);
  const membership = page.getByRole("region", { name: "Your membership" });
  expect(await membership.getByRole("checkbox", { name: "Let this org's API keys spend my personal credits" }).isChecked()).toBe(true);
  await shot(page, "membership");
});

test("with dev tools on, staff read the outgoing mail in the console and follow its links", async ({ newPerson }) => {
  const shot = screenshots("dev-mail");
  const staff = person("Mona Mailroom", "mailroom@example.test");
  const { page } = await newPerson();
  await signUp(page, staff);
  // Staff powers need a verified address: the mailed link first.
  await page.goto(await mailedLink(staff.email, "verify-email"));
  await page.getByRole("heading", { name: "Email verified" }).waitFor();
  await page.getByRole("link", { name: "Continue" }).click();

  const banner = page.getByRole("region", { name: "Dev tools" });
  expect(await banner.textContent()).toContain("Dev tools are on:");
  await banner.getByRole("link", { name: "Open the dev mail" }).click();
  const mail = page.getByRole("list", { name: "Mail" });
  const own = mail.getByRole("article", { name: "Confirm your email address for Team Billing" }).filter({ hasText: staff.email });
  await own.first().waitFor();
  await shot(page, "mailbox");

  // Its link opens the console's own page (used already: the page says so, or verified again).
  await own
    .first()
    .getByRole("link", { name: /\/verify-email\// })
    .click();
  await page.getByRole("heading", { name: /Email verified|This verification link isn't valid/ }).waitFor();
});
