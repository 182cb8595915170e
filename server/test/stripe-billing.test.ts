import { InvoiceEntity, StripeCustomerEntity } from "../src/entities";
import { expectLedgerMatches } from "./support/credits-fixture";
import { advanceDevClock, addMember, orgWithTeam, signUp } from "./support/fixtures";
import { pdfText } from "./support/pdf-text";
import { emulatorOf, upgradeToTeam, webhooksSettled } from "./support/stripe-fixture";
import { expectBooksBalancedAfterEach } from "./support/books";
import { startTestApp, type TestApp } from "./support/test-app";

const INVOICES =
  "query($id: ID!) { org(id: $id) { invoices { id number status currency amountDue amountPaid subtotal tax total customerEmail customerTaxIds { type value } periodStart periodEnd hostedUrl pdfUrl lines { description amount quantity proration } } } }";
const DETAILS =
  "mutation($o: ID!, $e: String, $t: TaxIdInput) { updateBillingDetails(orgId: $o, billingEmail: $e, taxId: $t) { billingEmail taxIds { type value } } }";
const ADVANCE = "mutation($d: Int!) { devAdvanceClock(days: $d) }";

let t: TestApp;
expectBooksBalancedAfterEach(() => t);
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const stripe = () => t.app.services.gateway.stripe;
const customerOf = async (orgId: string) =>
  (await t.app.db.manager.findOneByOrFail(StripeCustomerEntity, { accountType: "ORG", accountId: orgId })).id;

describe("invoices and renewals", () => {
  it("mirrors the first invoice, then renews on the dev clock with the seat prorations, and refills the pool once", async () => {
    const team = await orgWithTeam(t); // 3 seats
    await upgradeToTeam(team.owner, team.orgId);
    const first = (await team.owner.client.ok(INVOICES, { id: team.orgId })).org.invoices;
    expect(first).toHaveLength(1);
    expect(first[0]).toMatchObject({ status: "paid", currency: "usd", amountDue: 4_900 + 3 * 1_200, amountPaid: 4_900 + 3 * 1_200 });
    expect(first[0].number).toMatch(/\S/);
    expect(first[0].pdfUrl).toMatch(/^http/);
    expect(first[0].lines.map((l: { quantity: number }) => l.quantity).sort()).toEqual([1, 3]);
    expect((await fetch(first[0].pdfUrl)).headers.get("content-type")).toContain("application/pdf");

    await addMember(team.owner, team.orgId, await signUp(t)); // a fourth seat mid-period
    await t.app.jobs.runNow(["seats"]);
    const moved = await advanceDevClock(t, 32);
    expect(moved.getTime()).toBeGreaterThan(Date.now() + 31 * 86_400_000);

    const invoices = (await team.owner.client.ok(INVOICES, { id: team.orgId })).org.invoices;
    expect(invoices).toHaveLength(2);
    const renewal = invoices[0];
    expect(renewal.status).toBe("paid");
    expect(renewal.lines.filter((l: { proration: boolean }) => l.proration).length).toBe(2);
    expect(renewal.lines.find((l: { proration: boolean; quantity: number }) => !l.proration && l.quantity === 4)).toBeDefined();

    const pool = await expectLedgerMatches(t.app, team.orgId);
    expect(pool.periodIndex).toBe(1);
    expect(pool.monthlyAllotment).toBe(8_000 + 4 * 1_000);
    expect(
      (await team.member.client.ok("query($id: ID!) { org(id: $id) { subscription { status } } }", { id: team.orgId })).org.subscription
        .status,
    ).toBe("active");
  });

  it("backfills invoices from Stripe on demand", async () => {
    const team = await orgWithTeam(t);
    await upgradeToTeam(team.owner, team.orgId);
    await webhooksSettled(t); // the invoice events have landed: none will re-create what we delete
    await t.app.db.transaction((em) => em.delete(InvoiceEntity, { accountId: team.orgId }));
    expect((await team.owner.client.ok(INVOICES, { id: team.orgId })).org.invoices).toHaveLength(0);
    const { refreshInvoices } = await team.admin.client.ok("mutation($o: ID!) { refreshInvoices(orgId: $o) { id status } }", {
      o: team.orgId,
    });
    expect(refreshInvoices).toEqual([expect.objectContaining({ status: "paid" })]);
  });
});

describe("a failed renewal", () => {
  it("shows past_due, keeps the org spending for the 7-day grace, then refuses with BILLING_PLAN_REQUIRED", async () => {
    const team = await orgWithTeam(t);
    await upgradeToTeam(team.owner, team.orgId);
    const { createSpace } = await team.owner.client.ok('mutation($o: ID!) { createSpace(orgId: $o, name: "S") { id } }', { o: team.orgId });
    emulatorOf(t).setCardDeclines(await customerOf(team.orgId), true);
    await advanceDevClock(t, 32);
    const { org } = await team.owner.client.ok("query($id: ID!) { org(id: $id) { subscription { status } invoices { status } } }", {
      id: team.orgId,
    });
    expect(org.subscription.status).toBe("past_due");
    expect(org.invoices[0].status).toBe("open");
    const record = (key: string) =>
      team.member.client.request(
        'mutation($o: ID!, $m: ID!, $s: ID!, $k: String!) { recordUsage(input: { orgId: $o, memberId: $m, spaceId: $s, model: "m", credits: 5, idempotencyKey: $k }) { creditsCharged } }',
        {
          o: team.orgId,
          m: team.memberMemberId,
          s: createSpace.id,
          k: key,
        },
      );
    expect((await record("in-grace")).data?.recordUsage.creditsCharged).toBe(5);
    await advanceDevClock(t, 8);
    const refused = await record("after-grace");
    expect(refused.errors?.[0]?.extensions?.code).toBe("BILLING_PLAN_REQUIRED");
    expect(refused.errors?.[0]?.message).toContain("past due");
  });
});

describe("billing details", () => {
  it("sets the billing email and tax ID on the Stripe customer and on every later invoice", async () => {
    const team = await orgWithTeam(t);
    await upgradeToTeam(team.owner, team.orgId);
    expect(await team.admin.client.code(DETAILS, { o: team.orgId, e: "ap@acme.test" })).toBe("FORBIDDEN");
    expect(await team.owner.client.code(DETAILS, { o: team.orgId, e: "not-an-email" })).toBe("BAD_USER_INPUT");
    expect(await team.owner.client.code(DETAILS, { o: team.orgId, t: { type: "eu_vat", value: "XX123" } })).toBe("BAD_USER_INPUT");
    expect(await team.owner.client.code(DETAILS, { o: team.orgId, t: { type: "mars_tax", value: "1" } })).toBe("BAD_USER_INPUT");
    const { updateBillingDetails } = await team.owner.client.ok(DETAILS, {
      o: team.orgId,
      e: " AP@Acme.test ",
      t: { type: "eu_vat", value: "de 123 456 789" },
    });
    expect(updateBillingDetails).toEqual({ billingEmail: "ap@acme.test", taxIds: [{ type: "eu_vat", value: "DE123456789" }] });

    const customer = await stripe().customers.retrieve(await customerOf(team.orgId), { expand: ["tax_ids"] });
    expect(customer).toMatchObject({ email: "ap@acme.test" });
    expect((customer as { tax_ids?: { data: { value: string }[] } }).tax_ids?.data.map((x) => x.value)).toEqual(["DE123456789"]);

    await advanceDevClock(t, 32);
    const [renewal] = (await team.owner.client.ok(INVOICES, { id: team.orgId })).org.invoices;
    expect(renewal.pdfUrl).toMatch(/^http/);
    const invoice = await stripe().invoices.retrieve(renewal.id);
    expect(invoice.customer_email).toBe("ap@acme.test");
    expect(invoice.customer_tax_ids?.map((x) => x.value)).toEqual(["DE123456789"]);
    // Our mirror says the same, and its totals add up.
    expect(renewal).toMatchObject({ customerEmail: "ap@acme.test", customerTaxIds: [{ type: "eu_vat", value: "DE123456789" }] });
    expect(renewal).toMatchObject({ subtotal: invoice.subtotal, tax: 0, total: invoice.total });
    expect(renewal.total).toBe(renewal.subtotal + renewal.tax);
    expect(renewal.total).toBe(renewal.lines.reduce((sum: number, l: { amount: number }) => sum + l.amount, 0));
    const text = await pdfText(renewal.pdfUrl);
    expect(text).toContain("DE123456789");
    expect(text).toContain("ap@acme.test");

    const { org } = await team.owner.client.ok("query($id: ID!) { org(id: $id) { auditLog { action } } }", { id: team.orgId });
    expect(org.auditLog.map((e: { action: string }) => e.action)).toContain("billing_details.changed");
  });
});

describe("the dev clock", () => {
  it("is off without dev tools", async () => {
    const off = await startTestApp({ env: { DEV_TOOLS: "off" } });
    try {
      const user = await signUp(off);
      expect(await user.client.code(ADVANCE, { d: 1 })).toBe("FORBIDDEN");
    } finally {
      await off.close();
    }
  });
});
