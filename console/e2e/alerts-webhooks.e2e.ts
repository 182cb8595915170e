import type { Page } from "@playwright/test";
import { screenshots } from "./support/browser";
import {
  createApiKey,
  createOrg,
  createSpace,
  dismissNotifications,
  openBillingOf,
  openTeamSettingsOf,
  person,
  signUp,
  upgradeToTeam,
} from "./support/flows";
import { expect, test } from "./support/fixtures";
import { expectNoSidewaysScroll, scrollToTop } from "./support/layout";
import { orgIds, recordCall } from "./support/usage";
import { signatureIsValid, startWebhookReceiver } from "./support/webhook-receiver";

const alertsSection = (page: Page) => page.getByRole("region", { name: "Usage alerts" });
const alertRow = (page: Page, text: string | RegExp) =>
  alertsSection(page).getByRole("table", { name: "Usage alerts" }).getByRole("row").filter({ hasText: text });

test("an owner adds usage alerts, sees one trigger when the pool falls below it, and finds every pool alert ticked on the gauge", async ({
  newPerson,
}) => {
  test.setTimeout(150_000);
  const shot = screenshots("alerts");
  const owner = person("Alma Alert", "alma.alerts@example.test");
  const { page } = await newPerson();
  await signUp(page, owner);
  const orgId = await createOrg(page, "Alerting Co");
  await upgradeToTeam(page);
  await openTeamSettingsOf(page, orgId);
  await createSpace(page, "Research");

  // The soft alert is listed first: the pool's alert for the owner, changed by its threshold, never removed here.
  const alerts = alertsSection(page);
  const soft = alertRow(page, "Low-pool alert");
  await soft.waitFor();
  expect(await soft.textContent()).toContain("20%");
  expect(await soft.textContent()).toContain("The owner");
  expect(await soft.textContent()).toContain("Not triggered");
  expect(await soft.getByRole("button").count()).toBe(0);
  await soft.getByRole("link", { name: /Change its threshold/ }).waitFor();

  const form = alerts.getByRole("form", { name: "Add a usage alert" });
  // Checked in the browser first: a threshold is a whole percent from 1 to 99.
  await form.getByLabel("Alert below (%)").fill("0");
  await form.getByRole("button", { name: "Add alert" }).click();
  await form.getByText("Enter a whole percent from 1 to 99.").waitFor();

  // The pool at 50%, for the owner and the admins.
  await form.getByLabel("Alert below (%)").fill("50");
  await form.getByRole("checkbox", { name: /^Admins/ }).check();
  await form.getByRole("button", { name: "Add alert" }).click();
  const poolAlert = alertRow(page, /^Pool\s*50%/);
  await poolAlert.waitFor();
  expect(await poolAlert.textContent()).toContain("4,500 of 9,000 monthly credits left");
  expect(await poolAlert.textContent()).toContain("The owner and admins");
  expect(await poolAlert.textContent()).toContain("Not triggered");

  // A Space's cap at 25%: there is no cap yet, and the row says it stays quiet until one is set.
  await form.getByLabel("Watches").selectOption({ label: "A Space's cap" });
  await form.getByRole("button", { name: "Add alert" }).click();
  await form.getByText("Choose a Space.").waitFor();
  await form.getByLabel("Space", { exact: true }).selectOption({ label: "Research" });
  await form.getByLabel("Alert below (%)").fill("25");
  await form.getByRole("button", { name: "Add alert" }).click();
  const spaceAlert = alertRow(page, "Space: Research");
  await spaceAlert.waitFor();
  expect(await spaceAlert.textContent()).toContain("no cap set: quiet until one is");

  // The owner themself, at 10% of their cap (6,000 a month), emailing them as the member too.
  const capForm = page.getByRole("region", { name: "Caps" }).getByRole("form", { name: "Set a cap" });
  await capForm.getByLabel("Member or Space").selectOption({ label: `${owner.name} (you)` });
  await capForm.getByLabel("Monthly cap (credits)").fill("6000");
  await capForm.getByRole("button", { name: "Set cap" }).click();
  await page.getByRole("table", { name: "Caps" }).getByText("0 of 6,000").waitFor();
  await form.getByLabel("Watches").selectOption({ label: "A member's cap" });
  await form.getByLabel("Member", { exact: true }).selectOption({ label: `${owner.name} (you)` });
  await form.getByLabel("Alert below (%)").fill("10");
  await form.getByRole("checkbox", { name: /^The member/ }).check();
  await form.getByRole("button", { name: "Add alert" }).click();
  const memberAlert = alertRow(page, `Member: ${owner.name}`);
  await memberAlert.waitFor();
  expect(await memberAlert.textContent()).toContain("The owner and the member");
  expect(await memberAlert.textContent()).toContain("600 of the 6,000-credit cap left");

  // 5,000 of the 9,000 monthly credits spent: the pool is below 50%, not below 20%.
  const secret = await createApiKey(page, "Gateway", ["USAGE_WRITE"]);
  const ids = await orgIds(page, orgId);
  await recordCall(secret, {
    orgId,
    memberId: ids.members[0].id,
    spaceId: ids.spaces[0].id,
    credits: 5_000,
    idempotencyKey: `alerts-${orgId}`,
  });
  await page.reload();
  await poolAlert.waitFor();
  await expect(poolAlert).toContainText(/Triggered\s*since/);
  expect(await soft.textContent()).toContain("Not triggered");
  expect(await spaceAlert.textContent()).toContain("Not triggered");
  // 1,000 of the owner's 6,000 left: above 10%.
  expect(await memberAlert.textContent()).toContain("Not triggered");
  await dismissNotifications(page);
  await scrollToTop(alerts);
  await shot(page, "alerts", "viewport");
  await expectNoSidewaysScroll(page, alerts, "alerts-phone");

  // Removing asks first, and names what stops.
  await spaceAlert.getByRole("button", { name: "Remove the alert on Space: Research below 25%" }).click();
  const dialog = page.getByRole("dialog", { name: "Remove the alert on the Space Research's cap below 25%?" });
  await dialog.getByText("will no longer be emailed").waitFor();
  await dialog.getByRole("button", { name: "Remove alert" }).click();
  await spaceAlert.waitFor({ state: "detached" });
  // Its row is gone after a reload too: the server has it removed.
  await page.reload();
  await poolAlert.waitFor();
  expect(await alertRow(page, "Space: Research").count()).toBe(0);

  // Billing's pool gauge ticks both pool alerts: the low-pool alert and the new one, each with its words.
  await openBillingOf(page, orgId);
  const gauge = page.getByRole("region", { name: "Credit pool" });
  const ticks = gauge.getByTestId("gauge-tick");
  await expect(ticks).toHaveCount(2);
  expect(await ticks.evaluateAll((els) => els.map((el) => el.getAttribute("title")))).toEqual([
    "Low-pool alert: below 1,800 credits (20%)",
    "Usage alert: below 4,500 credits (50%)",
  ]);
  expect(await gauge.textContent()).toContain("Usage alertbelow 4,50050% of the month's allotment");
  await shot(page, "billing-gauge");
});

test("an owner adds a webhook endpoint, sees its secret once, sends a test event, redelivers, and watches real events arrive signed", async ({
  newPerson,
}) => {
  test.setTimeout(150_000);
  const shot = screenshots("webhooks");
  const receiver = await startWebhookReceiver();
  try {
    const { page } = await newPerson();
    await signUp(page, person("Wendell Hooks", "wendell.hooks@example.test"));
    const orgId = await createOrg(page, "Hooked Inc");
    await openTeamSettingsOf(page, orgId);
    const webhooks = page.getByRole("region", { name: "Webhooks" });
    await webhooks.getByText("No webhook endpoints yet.").waitFor();
    await webhooks.getByText(/Nothing sent yet/).waitFor();

    // The browser's checks first: a full address, and some event types when not all.
    const form = webhooks.getByRole("form", { name: "Add an endpoint" });
    await form.getByLabel("Endpoint URL").fill("receiver.example");
    await form.getByRole("button", { name: "Add endpoint" }).click();
    await form.getByText("Enter a full address, starting with https://.").waitFor();
    await form.getByLabel("Endpoint URL").fill(receiver.url);
    await form.getByRole("radio", { name: "Only these:" }).check();
    await form.getByRole("button", { name: "Add endpoint" }).click();
    await form.getByText("Pick at least one event type, or choose All events.").waitFor();
    await form.getByRole("radio", { name: "All events" }).check();
    await form.getByRole("button", { name: "Add endpoint" }).click();

    // The signing secret, once.
    const callout = page.getByRole("region", { name: `Copy the signing secret for ${receiver.url} now` });
    await callout.waitFor();
    const secret = (await callout.locator("code.secret__value").textContent()) ?? "";
    expect(secret).toMatch(/^whsec_/);
    await callout.getByRole("button", { name: "Copy secret" }).click();
    await callout.getByText("Copied").waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
    await shot(page, "secret");
    await callout.getByRole("button", { name: "Done, I've saved it" }).click();
    expect(await page.getByText(secret).count()).toBe(0);
    await page.reload();
    await webhooks.getByRole("table", { name: "Webhook endpoints" }).waitFor();
    expect(await page.content()).not.toContain(secret);

    const endpoint = webhooks.getByRole("table", { name: "Webhook endpoints" }).getByRole("row").filter({ hasText: receiver.url });
    expect(await endpoint.textContent()).toContain("All events");
    expect(await endpoint.textContent()).toContain("Active");

    // A test event: the receiver gets a signed ping, the row says what it answered, and the log lists it.
    await endpoint.getByRole("button", { name: `Send test event to ${receiver.url}` }).click();
    await endpoint.getByText("Test event delivered: HTTP 200").waitFor();
    expect(receiver.received.map((r) => r.type)).toEqual(["ping"]);
    const ping = receiver.received[0];
    expect(signatureIsValid(secret, ping)).toBe(true);
    expect(JSON.parse(ping.body)).toMatchObject({ id: ping.id, type: "ping", orgId });
    const log = webhooks.getByRole("table", { name: "Webhook deliveries" });
    const pingRow = log.getByRole("row").filter({ hasText: "ping" });
    await expect(pingRow).toContainText("Succeeded");
    await expect(pingRow).toContainText("HTTP 200");
    expect(await pingRow.getByRole("cell").nth(3).textContent()).toBe("1");

    // The receiver fails once: Redeliver says so, and the endpoint is failing until it answers again.
    receiver.failNext(500);
    await pingRow.getByRole("button", { name: /^Redeliver/ }).click();
    await page.getByRole("region", { name: "Notifications" }).getByText(`Redelivering ping to ${receiver.url} failed: HTTP 500.`).waitFor();
    await expect(pingRow).toContainText("Failed");
    await expect(pingRow).toContainText("HTTP 500");
    await expect(endpoint).toContainText(/Failing\s*since/);
    await pingRow.getByRole("button", { name: /^Redeliver/ }).click();
    await expect(pingRow).toContainText("Succeeded");
    expect(await pingRow.getByRole("cell").nth(3).textContent()).toBe("3");
    await expect(endpoint).toContainText("Active");
    // Three attempts of one event: the same webhook-id each time, each signed.
    expect(receiver.received.map((r) => [r.type, r.id, r.status])).toEqual([
      ["ping", ping.id, 200],
      ["ping", ping.id, 500],
      ["ping", ping.id, 200],
    ]);
    expect(receiver.received.every((r) => signatureIsValid(secret, r))).toBe(true);

    // Real events: upgrading to Team changes the plan; the delivery worker sends it within seconds.
    await page.goto(`/orgs/${orgId}`);
    await upgradeToTeam(page);
    await openTeamSettingsOf(page, orgId);
    const planRow = log.getByRole("row").filter({ hasText: "plan.changed" });
    await expect(async () => {
      await webhooks.getByRole("button", { name: "Refresh the delivery log" }).click();
      await expect(planRow.first()).toContainText("Succeeded", { timeout: 1_000 });
    }).toPass({ timeout: 30_000 });
    const planChanged = receiver.received.find((r) => r.type === "plan.changed");
    expect(planChanged && signatureIsValid(secret, planChanged)).toBe(true);
    expect(JSON.parse(planChanged?.body ?? "{}")).toMatchObject({ type: "plan.changed", orgId });
    // One more test event, for the picture: its answer beside the endpoint, and on top of the log.
    await endpoint.getByRole("button", { name: `Send test event to ${receiver.url}` }).click();
    await endpoint.getByText("Test event delivered: HTTP 200").waitFor();
    await expect(log.getByRole("row").nth(1)).toContainText("ping");
    await dismissNotifications(page);
    await scrollToTop(webhooks);
    await shot(page, "webhooks", "viewport");
    await expectNoSidewaysScroll(page, webhooks, "webhooks-phone");

    // Removing asks first; the log keeps what was sent.
    await endpoint.getByRole("button", { name: `Remove ${receiver.url}` }).click();
    const dialog = page.getByRole("dialog", { name: "Remove this webhook endpoint?" });
    await dialog.getByRole("button", { name: "Remove endpoint" }).click();
    await webhooks.getByText("No webhook endpoints yet.").waitFor();
    await page.reload();
    await expect(pingRow.first()).toContainText("A removed endpoint");
    expect(await log.getByText(receiver.url).count()).toBe(0);
  } finally {
    await receiver.close();
  }
});

test("Team settings' webhook link from the mail lands on the Webhooks section", async ({ newPerson }) => {
  const { page } = await newPerson();
  await signUp(page, person("Lena Link", "lena.link@example.test"));
  const orgId = await createOrg(page, "Linked Ltd");
  await page.goto(`/orgs/${orgId}/settings/webhooks`);
  await page.getByRole("heading", { level: 1, name: "Team settings" }).waitFor();
  expect(new URL(page.url()).pathname).toBe(`/orgs/${orgId}/team`);
  expect(new URL(page.url()).hash).toBe("#webhooks");
  await page.getByRole("region", { name: "Webhooks" }).waitFor();
});
