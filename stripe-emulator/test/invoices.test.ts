import type Stripe from "stripe";
import { at, checkoutSubscription, type Harness, priceId, startHarness } from "./helpers";
import { extractPdfText } from "./support/pdf-extract";

async function pdfText(url: string): Promise<{ text: string; contentType: string | null; head: string }> {
  const res = await fetch(url);
  const data = Buffer.from(await res.arrayBuffer());
  return {
    text: await extractPdfText(data),
    contentType: res.headers.get("content-type"),
    head: data.subarray(0, 5).toString("latin1"),
  };
}

describe("invoices", () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ startTime: new Date("2025-01-01T00:00:00Z") });
  });
  afterEach(() => h.close());

  async function teamCustomer(): Promise<{ sub: Stripe.Subscription; customer: string }> {
    const { subscription } = await checkoutSubscription(h, [
      { lookupKey: "team_base_monthly", quantity: 1 },
      { lookupKey: "team_seat_monthly", quantity: 3 },
    ]);
    return { sub: subscription, customer: subscription.customer as string };
  }

  it("numbers invoices per customer at finalization: PREFIX-0001, PREFIX-0002", async () => {
    const { sub, customer } = await teamCustomer();
    await h.emulator.advanceClock(new Date("2025-02-01T00:00:00Z"));
    const { invoice_prefix } = (await h.stripe.customers.retrieve(customer)) as Stripe.Customer;
    const numbers = (await h.stripe.invoices.list({ subscription: sub.id })).data.map((i) => i.number);
    expect(numbers).toEqual([`${invoice_prefix}-0002`, `${invoice_prefix}-0001`]);
  });

  it("copies billing email, name and tax IDs at finalization, and keeps them on that invoice", async () => {
    const { sub, customer } = await teamCustomer();
    await h.stripe.customers.update(customer, { email: "accounts@acme.test", name: "Acme GmbH" });
    await h.stripe.customers.createTaxId(customer, { type: "eu_vat", value: "DE123456789" });
    await h.emulator.advanceClock(new Date("2025-02-01T00:00:00Z"));
    const renewal = (await h.stripe.invoices.list({ subscription: sub.id, limit: 1 })).data[0];
    expect(renewal).toMatchObject({
      customer_email: "accounts@acme.test",
      customer_name: "Acme GmbH",
      customer_tax_ids: [{ type: "eu_vat", value: "DE123456789" }],
    });
    const first = await h.stripe.invoices.retrieve(sub.latest_invoice as string);
    expect(first).toMatchObject({ customer_email: "owner@example.com", customer_tax_ids: [] });

    await h.stripe.customers.update(customer, { email: "later@acme.test" });
    expect((await h.stripe.invoices.retrieve(renewal.id)).customer_email).toBe("accounts@acme.test");
  });

  it("serves a real PDF at invoice_pdf with the number, lines, totals, billing email and tax ID", async () => {
    const { sub, customer } = await teamCustomer();
    await h.stripe.customers.update(customer, { email: "accounts@acme.test", name: "Acme GmbH" });
    await h.stripe.customers.createTaxId(customer, { type: "eu_vat", value: "DE123456789" });
    await h.emulator.advanceClock(new Date("2025-02-01T00:00:00Z"));
    const invoice = (await h.stripe.invoices.list({ subscription: sub.id, limit: 1 })).data[0];
    expect(invoice.invoice_pdf).toBe(`${h.emulator.url}/invoices/${invoice.id}/pdf`);
    const pdf = await pdfText(invoice.invoice_pdf as string);
    expect(pdf.contentType).toBe("application/pdf");
    expect(pdf.head).toBe("%PDF-");
    expect(pdf.text).toContain(invoice.number as string);
    expect(pdf.text).toContain("accounts@acme.test");
    expect(pdf.text).toContain("Acme GmbH");
    expect(pdf.text).toContain("EU VAT DE123456789");
    expect(pdf.text).toContain("3 × Team seat (at $12.00 / month)");
    expect(pdf.text).toMatch(/Tax\s+\$0\.00/);
    expect(pdf.text).toMatch(/Total\s+\$85\.00/);
    expect(pdf.text).toMatch(/Amount paid\s+\$85\.00/);
  });

  it("serves an HTML view at hosted_invoice_url", async () => {
    const { sub } = await teamCustomer();
    const invoice = await h.stripe.invoices.retrieve(sub.latest_invoice as string);
    expect(invoice.hosted_invoice_url).toBe(`${h.emulator.url}/invoices/${invoice.id}`);
    const res = await fetch(invoice.hosted_invoice_url as string);
    expect(res.headers.get("content-type")).toMatch(/text\/html/);
    const html = await res.text();
    expect(html).toContain(`Invoice ${invoice.number}`);
    expect(html).toContain("owner@example.com");
    expect(html).toContain("1 × Team (at $49.00 / month)");
    expect(html).toContain(`href="${invoice.invoice_pdf}"`);
    expect((await fetch(`${h.emulator.url}/invoices/in_missing`)).status).toBe(404);
  });

  it("lists invoices by customer and status, with pagination", async () => {
    const { customer } = await teamCustomer();
    await h.emulator.advanceClock(new Date("2025-04-01T00:00:00Z"));
    const all = await h.stripe.invoices.list({ customer });
    expect(all.data).toHaveLength(4);
    expect(all.data.every((i) => i.status === "paid")).toBe(true);
    const page = await h.stripe.invoices.list({ customer, limit: 3 });
    expect(page.has_more).toBe(true);
    const rest = await h.stripe.invoices.list({ customer, limit: 3, starting_after: page.data[2].id });
    expect(rest.data.map((i) => i.id)).toEqual([all.data[3].id]);
    expect((await h.stripe.invoices.list({ customer, status: "open" })).data).toHaveLength(0);
  });

  it("previews the next invoice for a seat change: prorations plus the next period at the new quantity", async () => {
    const { sub } = await teamCustomer();
    await h.emulator.advanceClock(new Date("2025-01-16T10:00:00Z"));
    const seat = sub.items.data[1];
    const preview = await h.stripe.invoices.createPreview({
      subscription: sub.id,
      subscription_details: { items: [{ id: seat.id, quantity: 4 }], proration_date: at("2025-01-16T00:00:00Z") },
    });
    expect(preview.id).toMatch(/^upcoming_in_/);
    expect(preview.status).toBe("draft");
    expect(preview.lines.data.map((l) => l.amount)).toEqual([-1_858, 2_477, 4_900, 4_800]);
    expect(preview.total).toBe(4_900 + 4_800 + 619);
    expect(preview.parent?.subscription_details?.subscription_proration_date).toBe(at("2025-01-16T00:00:00Z"));
    // Nothing changed.
    expect((await h.stripe.subscriptions.retrieve(sub.id)).items.data[1].quantity).toBe(3);
    expect((await h.stripe.invoiceItems.list({ pending: true })).data).toHaveLength(0);
    const immediate = await h.stripe.invoices.createPreview({
      subscription: sub.id,
      subscription_details: {
        items: [{ id: seat.id, quantity: 4 }],
        proration_date: at("2025-01-16T00:00:00Z"),
        proration_behavior: "always_invoice",
      },
    });
    expect(immediate.total).toBe(619);
  });

  it("creates, finalizes, pays and voids invoices by hand", async () => {
    const customer = await h.stripe.customers.create({ email: "manual@example.com" });
    const draft = await h.stripe.invoices.create({ customer: customer.id, description: "By hand" });
    expect(draft).toMatchObject({ status: "draft", number: null, hosted_invoice_url: null });
    expect((await fetch(`${h.emulator.url}/invoices/${draft.id}/pdf`)).status).toBe(404);
    const open = await h.stripe.invoices.finalizeInvoice(draft.id);
    expect(open.status).toBe("open");
    expect(open.number).toMatch(/-0001$/);
    expect((await h.stripe.invoices.pay(open.id)).status).toBe("paid");
    const other = await h.stripe.invoices.finalizeInvoice((await h.stripe.invoices.create({ customer: customer.id })).id);
    expect((await h.stripe.invoices.voidInvoice(other.id)).status).toBe("void");
    await expect(h.stripe.invoices.voidInvoice(other.id)).rejects.toMatchObject({ statusCode: 400 });
  });

  it("turns a net credit into customer balance used by the next invoice", async () => {
    const customer = await h.stripe.customers.create({ email: "credit@example.com" });
    const sub = await h.stripe.subscriptions.create({
      customer: customer.id,
      items: [{ price: await priceId(h.stripe, "team_seat_monthly"), quantity: 10 }],
    });
    await h.emulator.advanceClock(new Date("2025-01-16T00:00:00Z"));
    await h.stripe.subscriptions.update(sub.id, {
      items: [{ id: sub.items.data[0].id, quantity: 2 }],
      proration_behavior: "always_invoice",
    });
    const credit = (await h.stripe.invoices.list({ subscription: sub.id, limit: 1 })).data[0];
    // 8 seats fewer for 16 of 31 days: −6194 + 1239.
    expect(credit).toMatchObject({ total: -4_955, amount_due: 0, status: "paid", ending_balance: -4_955 });
    expect(((await h.stripe.customers.retrieve(customer.id)) as Stripe.Customer).balance).toBe(-4_955);
    await h.emulator.advanceClock(new Date("2025-02-01T00:00:00Z"));
    const renewal = (await h.stripe.invoices.list({ subscription: sub.id, limit: 1 })).data[0];
    expect(renewal).toMatchObject({ total: 2_400, starting_balance: -4_955, amount_due: 0, ending_balance: -2_555 });
  });
});
