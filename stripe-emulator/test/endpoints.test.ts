import type Stripe from "stripe";
import { checkoutSubscription, type Harness, priceId, startHarness } from "./helpers";

/** The remaining endpoints: each answers what Stripe would, and its errors. */
describe("more endpoints", () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ startTime: new Date("2025-01-01T00:00:00Z") });
  });
  afterEach(() => h.close());

  it("products: list, retrieve, update", async () => {
    const product = await h.stripe.products.create({ name: "Widget", description: "A widget" });
    const listed = await h.stripe.products.list({ ids: [product.id] });
    expect(listed.data.map((p) => p.id)).toEqual([product.id]);
    const updated = await h.stripe.products.update(product.id, { name: "Gadget", active: false, metadata: { k: "v" } });
    expect(updated).toMatchObject({ name: "Gadget", active: false, metadata: { k: "v" }, description: "A widget" });
    expect((await h.stripe.products.list({ active: false })).data.map((p) => p.id)).toEqual([product.id]);
    expect((await h.stripe.products.list({ limit: 100 })).data.length).toBe(5);
    await expect(h.stripe.products.retrieve("prod_missing")).rejects.toMatchObject({
      statusCode: 404,
      message: "No such product: 'prod_missing'",
    });
    const withPrice = await h.stripe.products.create({
      name: "Priced",
      default_price_data: { currency: "usd", unit_amount: 700 },
    });
    expect((await h.stripe.prices.retrieve(withPrice.default_price as string)).unit_amount).toBe(700);
  });

  it("checkout sessions: list by customer and status, line items", async () => {
    const { session } = await checkoutSubscription(h, [{ lookupKey: "pro_monthly", quantity: 1 }]);
    const open = await h.stripe.checkout.sessions.create({
      mode: "subscription",
      line_items: [{ price: await priceId(h.stripe, "starter_monthly"), quantity: 2 }],
      customer: session.customer as string,
    });
    const byCustomer = await h.stripe.checkout.sessions.list({ customer: session.customer as string });
    expect(byCustomer.data.map((s) => s.id)).toEqual([open.id, session.id]);
    expect((await h.stripe.checkout.sessions.list({ status: "complete" })).data.map((s) => s.id)).toEqual([session.id]);
    const lines = await h.stripe.checkout.sessions.listLineItems(open.id);
    expect(lines.data.map((l) => [l.description, l.quantity, l.amount_total, l.price?.lookup_key])).toEqual([
      ["Starter", 2, 2_000, "starter_monthly"],
    ]);
    // Without a success URL, paying lands back on the page, which then shows the session complete.
    const location = await h.emulator.payCheckoutSession(open.id);
    expect(location).toBe(`${h.emulator.url}/checkout/${open.id}`);
    expect(await (await fetch(location)).text()).toContain("This checkout session is complete.");
  });

  it("subscription items: list and delete with a credit", async () => {
    const customer = await h.stripe.customers.create({});
    const sub = await h.stripe.subscriptions.create({
      customer: customer.id,
      items: [
        { price: await priceId(h.stripe, "team_base_monthly") },
        { price: await priceId(h.stripe, "team_seat_monthly"), quantity: 2 },
      ],
    });
    const listed = await h.stripe.subscriptionItems.list({ subscription: sub.id });
    expect(listed.data.map((i) => i.quantity)).toEqual([1, 2]);
    await h.emulator.advanceClock(new Date("2025-01-16T00:00:00Z"));
    const deleted = await h.stripe.subscriptionItems.del(listed.data[1].id);
    expect(deleted).toMatchObject({ id: listed.data[1].id, deleted: true });
    expect((await h.stripe.subscriptions.retrieve(sub.id)).items.data).toHaveLength(1);
    const pending = await h.stripe.invoiceItems.list({ customer: customer.id, pending: true });
    expect(pending.data.map((i) => i.amount)).toEqual([-1_239]);
    expect((await h.stripe.invoiceItems.retrieve(pending.data[0].id)).proration).toBe(true);
    await expect(h.stripe.subscriptionItems.del(listed.data[0].id)).rejects.toMatchObject({
      statusCode: 400,
      message: expect.stringMatching(/at least one item/),
    });
    await expect(h.stripe.subscriptionItems.retrieve("si_missing")).rejects.toMatchObject({ statusCode: 404 });
  });

  it("subscription schedules: list by customer", async () => {
    const { subscription } = await checkoutSubscription(h, [{ lookupKey: "pro_monthly", quantity: 1 }]);
    const schedule = await h.stripe.subscriptionSchedules.create({ from_subscription: subscription.id });
    const listed = await h.stripe.subscriptionSchedules.list({ customer: subscription.customer as string });
    expect(listed.data.map((s) => s.id)).toEqual([schedule.id]);
    const updated = await h.stripe.subscriptionSchedules.update(schedule.id, { metadata: { reason: "downgrade" } });
    expect(updated.metadata).toEqual({ reason: "downgrade" });
  });

  it("invoices: lines, update, delete drafts, mark uncollectible, payments", async () => {
    const { subscription } = await checkoutSubscription(h, [
      { lookupKey: "team_base_monthly", quantity: 1 },
      { lookupKey: "team_seat_monthly", quantity: 2 },
    ]);
    const invoiceId = subscription.latest_invoice as string;
    const lines = await h.stripe.invoices.listLineItems(invoiceId, { limit: 1 });
    expect(lines).toMatchObject({ has_more: true, url: `/v1/invoices/${invoiceId}/lines` });
    expect(lines.data[0]).toMatchObject({
      object: "line_item",
      amount: 4_900,
      quantity: 1,
      subscription: subscription.id,
    });
    expect(lines.data[0].pricing?.price_details?.price).toBe(subscription.items.data[0].price.id);
    const payments = await h.stripe.invoicePayments.list({ invoice: invoiceId });
    expect(payments.data).toEqual([expect.objectContaining({ object: "invoice_payment", amount_paid: 7_300, status: "paid" })]);
    const intent = await h.stripe.paymentIntents.retrieve(payments.data[0].payment.payment_intent as string);
    expect(intent).toMatchObject({ status: "succeeded", amount: 7_300, customer: subscription.customer });
    const withPayments = await h.stripe.invoices.retrieve(invoiceId, { expand: ["payments"] });
    expect(withPayments.payments?.data.map((p) => p.id)).toEqual([payments.data[0].id]);

    const customer = subscription.customer as string;
    const draft = await h.stripe.invoices.create({ customer });
    const described = await h.stripe.invoices.update(draft.id, { description: "Note", metadata: { a: "b" } });
    expect(described).toMatchObject({ description: "Note", metadata: { a: "b" } });
    expect(await h.stripe.invoices.del(draft.id)).toMatchObject({ id: draft.id, deleted: true });
    await expect(h.stripe.invoices.retrieve(draft.id)).rejects.toMatchObject({ statusCode: 404 });
    await expect(h.stripe.invoices.del(invoiceId)).rejects.toMatchObject({ statusCode: 400 });

    const open = await h.stripe.invoices.finalizeInvoice((await h.stripe.invoices.create({ customer })).id);
    expect((await h.stripe.invoices.markUncollectible(open.id)).status).toBe("uncollectible");
    expect((await h.stripe.invoices.list({ customer, status: "uncollectible" })).data.map((i) => i.id)).toEqual([open.id]);
  });

  it("webhook endpoints: update and disable", async () => {
    const endpoint = await h.stripe.webhookEndpoints.create({ url: "http://127.0.0.1:9/a", enabled_events: ["*"] });
    const updated = await h.stripe.webhookEndpoints.update(endpoint.id, {
      url: "http://127.0.0.1:9/b",
      disabled: true,
      enabled_events: ["invoice.paid"],
    });
    expect(updated).toMatchObject({
      url: "http://127.0.0.1:9/b",
      status: "disabled",
      enabled_events: ["invoice.paid"],
    });
    expect(updated.secret).toBeUndefined();
    await h.stripe.customers.create({});
    expect(h.emulator.pendingWebhooks()).toBe(0);
  });

  it("expands nested paths: a subscription's latest invoice and its customer's tax IDs", async () => {
    const { subscription } = await checkoutSubscription(h, [{ lookupKey: "pro_monthly", quantity: 1 }]);
    await h.stripe.customers.createTaxId(subscription.customer as string, { type: "eu_vat", value: "FR12345678901" });
    const sub = await h.stripe.subscriptions.retrieve(subscription.id, {
      expand: ["latest_invoice", "customer.tax_ids", "items.data.price.product"],
    });
    expect((sub.latest_invoice as Stripe.Invoice).object).toBe("invoice");
    expect((sub.customer as Stripe.Customer).tax_ids?.data.map((t) => t.value)).toEqual(["FR12345678901"]);
    expect((sub.items.data[0].price.product as Stripe.Product).name).toBe("Pro");
    const listed = await h.stripe.subscriptions.list({ expand: ["data.customer"] });
    expect((listed.data[0].customer as Stripe.Customer).object).toBe("customer");
    await expect(h.stripe.subscriptions.retrieve(subscription.id, { expand: ["a.b.c.d.e"] })).rejects.toMatchObject({
      statusCode: 400,
    });
  });
});
