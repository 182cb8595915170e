import { addMember, createOrg, orgWithTeam, signUp } from "./support/fixtures";
import { emulatorOf, upgradeToTeam, webhooksSettled } from "./support/stripe-fixture";
import { startTestApp, type TestApp } from "./support/test-app";
import { graphql } from "./gql";

const CARD = graphql(`query PaymentMethodCard($id: ID!) { org(id: $id) { paymentMethod { brand last4 expMonth expYear } } }`);
const NEXT = graphql(
  `query PaymentMethodNext($id: ID!) { org(id: $id) { nextInvoice { amountDue total currency date lines { description amount proration } } } }`,
);
const START = graphql(`mutation PaymentMethodStart($o: ID!) { startPaymentMethodUpdate(orgId: $o) { id url } }`);
const COMPLETE = graphql(
  `mutation PaymentMethodComplete($o: ID!, $s: ID!) { completePaymentMethodUpdate(orgId: $o, sessionId: $s) { id paymentMethod { brand last4 } } }`,
);
const AUDIT = graphql(`query PaymentMethodAudit($id: ID!) { org(id: $id) { auditLog { action actorEmail details } } }`);
const PERIOD_END = graphql(`query PaymentMethodPeriodEnd($id: ID!) { org(id: $id) { subscription { currentPeriodEnd } } }`);
const DOWNGRADE = graphql(`mutation PaymentMethodDowngrade($o: ID!) { scheduleDowngrade(orgId: $o) { id } }`);
const CANCEL = graphql(`mutation PaymentMethodCancel($o: ID!) { scheduleCancellation(orgId: $o) { id } }`);

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

/** Fills in and submits the emulator's hosted card form as a browser would; answers where it sends the browser. */
async function saveCardOnHostedPage(url: string, cardNumber: string, expiry: string): Promise<string> {
  const res = await fetch(`${url}/pay`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ card_number: cardNumber, card_expiry: expiry, method: "card" }).toString(),
  });
  if (res.status !== 303) throw new Error(`saving the card answered ${res.status}: ${await res.text()}`);
  return res.headers.get("location") as string;
}

describe("the org's card", () => {
  it("shows the card the Team checkout paid with, and the OWNER replaces it on Stripe's page (audited once)", async () => {
    const team = await orgWithTeam(t);
    await upgradeToTeam(team.owner, team.orgId);
    const card = { brand: "visa", last4: "4242", expMonth: 12, expYear: 2034 };
    expect((await team.owner.client.ok(CARD, { id: team.orgId })).org!.paymentMethod).toEqual(card);
    expect((await team.admin.client.ok(CARD, { id: team.orgId })).org!.paymentMethod).toEqual(card);
    expect(await team.member.client.code(CARD, { id: team.orgId })).toBe("FORBIDDEN");
    expect(await team.admin.client.code(START, { o: team.orgId })).toBe("FORBIDDEN");
    expect(await team.member.client.code(START, { o: team.orgId })).toBe("FORBIDDEN");

    const { startPaymentMethodUpdate: session } = await team.owner.client.ok(START, { o: team.orgId });
    const page = await (await fetch(session.url)).text();
    expect(page).toContain('Save a card for <span class="merchant">Team Billing</span> to charge for <strong>Acme</strong>');
    expect(page).toContain("← Back to Team Billing");
    const back = await saveCardOnHostedPage(session.url, "5555 5555 5555 4444", "08 / 31");
    expect(back).toBe(`${t.app.services.config.publicUrl}/orgs/${team.orgId}/billing?card=saved&session_id=${session.id}`);
    await webhooksSettled(t);

    // The return page's door finds the webhook came first: same card, nothing more.
    const { completePaymentMethodUpdate } = await team.owner.client.ok(COMPLETE, { o: team.orgId, s: session.id });
    expect(completePaymentMethodUpdate.paymentMethod).toEqual({ brand: "mastercard", last4: "4444" });
    expect((await team.admin.client.ok(CARD, { id: team.orgId })).org!.paymentMethod).toEqual({
      brand: "mastercard",
      last4: "4444",
      expMonth: 8,
      expYear: 2031,
    });
    const replaced = (await team.owner.client.ok(AUDIT, { id: team.orgId })).org!.auditLog.filter(
      (e) => e.action === "payment_method.replaced",
    );
    expect(replaced).toHaveLength(1);
    expect(replaced[0].actorEmail).toBe(team.owner.email);
    expect(JSON.parse(replaced[0].details!)).toEqual({
      before: { card: "Visa ending 4242", expires: "12/2034" },
      after: {
        summary: expect.stringMatching(/ replaced the card: Visa ending 4242 → Mastercard ending 4444\.$/),
        card: "Mastercard ending 4444",
        expires: "8/2031",
      },
    });

    // Stripe bills the renewal to the new card: it is the customer's and the subscription's default.
    const stripe = t.app.services.gateway.stripe;
    const sub = (await stripe.subscriptions.list({ limit: 100 })).data.find((s) => s.metadata.org_id === team.orgId);
    const customer = await stripe.customers.retrieve(sub?.customer as string);
    expect(customer.deleted ? null : customer.invoice_settings.default_payment_method).toBe(sub?.default_payment_method);
  });

  it("the return page's door applies the card when the webhook has not arrived, and refuses another org's session", async () => {
    const team = await orgWithTeam(t);
    await upgradeToTeam(team.owner, team.orgId);
    const other = await orgWithTeam(t);
    await upgradeToTeam(other.owner, other.orgId);
    const emulator = emulatorOf(t);
    const { startPaymentMethodUpdate: session } = await team.owner.client.ok(START, { o: team.orgId });
    expect(await team.owner.client.code(COMPLETE, { o: team.orgId, s: session.id })).toBe("CONFLICT"); // not saved yet
    emulator.setDeliveryMode("queued");
    try {
      await saveCardOnHostedPage(session.url, "3782 822463 10005", "01 / 30");
      expect(await other.owner.client.code(COMPLETE, { o: other.orgId, s: session.id })).toBe("NOT_FOUND");
      const { completePaymentMethodUpdate } = await team.owner.client.ok(COMPLETE, { o: team.orgId, s: session.id });
      expect(completePaymentMethodUpdate.paymentMethod).toEqual({ brand: "amex", last4: "0005" });
    } finally {
      emulator.setDeliveryMode("immediate");
      await emulator.flushWebhooks();
    }
    await webhooksSettled(t);
    const log = (await team.owner.client.ok(AUDIT, { id: team.orgId })).org!.auditLog;
    expect(log.filter((e) => e.action === "payment_method.replaced")).toHaveLength(1);
    expect((await other.owner.client.ok(CARD, { id: other.orgId })).org!.paymentMethod!.last4).toBe("4242");
  });

  it("an org without a subscription has no card and no next invoice, and cannot start a card update", async () => {
    const owner = await signUp(t, { name: "Olivia" });
    const orgId = await createOrg(owner, "Free Co");
    expect((await owner.client.ok(CARD, { id: orgId })).org!.paymentMethod).toBeNull();
    expect((await owner.client.ok(NEXT, { id: orgId })).org!.nextInvoice).toBeNull();
    expect(await owner.client.code(START, { o: orgId })).toBe("BILLING_PLAN_REQUIRED");
  });
});

describe("the next invoice", () => {
  it("is the renewal at seats × price, and changes after a seat is added and after a switch to Pro is scheduled", async () => {
    const team = await orgWithTeam(t); // 3 seats
    await upgradeToTeam(team.owner, team.orgId);
    const periodEnd = (await team.owner.client.ok(PERIOD_END, { id: team.orgId })).org!.subscription!.currentPeriodEnd;
    const first = (await team.admin.client.ok(NEXT, { id: team.orgId })).org!.nextInvoice!;
    expect(first).toMatchObject({ amountDue: 4_900 + 3 * 1_200, total: 8_500, currency: "usd", date: periodEnd });
    expect(first.lines.map((l) => l.amount)).toEqual([4_900, 3 * 1_200]);
    expect(await team.member.client.code(NEXT, { id: team.orgId })).toBe("FORBIDDEN");

    await addMember(team.owner, team.orgId, await signUp(t));
    await t.app.jobs.runNow(["seats"]);
    const withSeat = (await team.owner.client.ok(NEXT, { id: team.orgId })).org!.nextInvoice!;
    const prorations = withSeat.lines.filter((l) => l.proration);
    expect(prorations).toHaveLength(2); // unused time on 3 seats back, the rest of the period on 4
    const renewal = withSeat.lines.filter((l) => !l.proration).map((l) => l.amount);
    expect(renewal).toEqual([4_900, 4 * 1_200]);
    const proratedCents = prorations.reduce((sum, l) => sum + l.amount, 0);
    expect(proratedCents).toBeGreaterThan(0);
    expect(proratedCents).toBeLessThanOrEqual(1_200);
    expect(withSeat.amountDue).toBe(4_900 + 4 * 1_200 + proratedCents);

    await team.owner.client.ok(DOWNGRADE, { o: team.orgId });
    const afterSwitch = (await team.owner.client.ok(NEXT, { id: team.orgId })).org!.nextInvoice!;
    const next = afterSwitch.lines.filter((l) => !l.proration);
    expect(next.map((l) => l.amount)).toEqual([2_000]); // the owner's Pro from then on
    expect(next[0].description).toContain("Pro");
    expect(afterSwitch.amountDue).toBe(2_000 + proratedCents);
  });

  it("is null once a cancellation is scheduled with nothing left to bill, and when Stripe fails (no error)", async () => {
    const team = await orgWithTeam(t);
    await upgradeToTeam(team.owner, team.orgId);
    emulatorOf(t).failNextRequests(1, "/v1/invoices/create_preview");
    const failed = await team.owner.client.request(NEXT, { id: team.orgId });
    expect(failed.errors).toBeUndefined();
    expect(failed.data?.org?.nextInvoice).toBeNull();
    expect((await team.owner.client.ok(NEXT, { id: team.orgId })).org!.nextInvoice!.amountDue).toBe(8_500);

    await team.owner.client.ok(CANCEL, { o: team.orgId });
    expect((await team.owner.client.ok(NEXT, { id: team.orgId })).org!.nextInvoice).toBeNull();
  });
});
