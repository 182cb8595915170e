import type Stripe from "stripe";
import { type Harness, startHarness } from "./helpers";

describe("customers and tax IDs", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  it("creates a customer with email, name, metadata and tax IDs from tax_id_data", async () => {
    const customer = await h.stripe.customers.create({
      email: "billing@acme.test",
      name: "Acme GmbH",
      metadata: { org_id: "org_1" },
      tax_id_data: [{ type: "eu_vat", value: "DE123456789" }],
    });
    expect(customer).toMatchObject({
      object: "customer",
      email: "billing@acme.test",
      name: "Acme GmbH",
      metadata: { org_id: "org_1" },
      balance: 0,
    });
    expect(customer.invoice_prefix).toMatch(/^[0-9A-Z]{8}$/);
    const taxIds = await h.stripe.customers.listTaxIds(customer.id);
    expect(taxIds.data).toEqual([
      expect.objectContaining({
        object: "tax_id",
        type: "eu_vat",
        value: "DE123456789",
        country: "DE",
        customer: customer.id,
      }),
    ]);
  });

  it("adds, lists, retrieves and deletes tax IDs through /v1/customers/:id/tax_ids", async () => {
    const customer = await h.stripe.customers.create({ email: "tax@example.com" });
    const gb = await h.stripe.customers.createTaxId(customer.id, { type: "gb_vat", value: "GB987654321" });
    const us = await h.stripe.customers.createTaxId(customer.id, { type: "us_ein", value: "12-3456789" });
    expect(gb.country).toBe("GB");
    expect((await h.stripe.customers.listTaxIds(customer.id)).data.map((t) => t.id)).toEqual([us.id, gb.id]);
    expect((await h.stripe.customers.retrieveTaxId(customer.id, gb.id)).value).toBe("GB987654321");
    const deleted = await h.stripe.customers.deleteTaxId(customer.id, gb.id);
    expect(deleted).toMatchObject({ id: gb.id, object: "tax_id", deleted: true });
    const expanded = (await h.stripe.customers.retrieve(customer.id, { expand: ["tax_ids"] })) as Stripe.Customer;
    expect(expanded.tax_ids?.data.map((t) => t.id)).toEqual([us.id]);
    await expect(h.stripe.customers.retrieveTaxId(customer.id, gb.id)).rejects.toMatchObject({ statusCode: 404 });
  });

  it("refuses a malformed EU VAT number with tax_id_invalid", async () => {
    const customer = await h.stripe.customers.create({ email: "badvat@example.com" });
    await expect(h.stripe.customers.createTaxId(customer.id, { type: "eu_vat", value: "not a vat" })).rejects.toMatchObject({
      statusCode: 400,
      code: "tax_id_invalid",
    });
    await expect(h.stripe.customers.create({ tax_id_data: [{ type: "eu_vat", value: "123" }] })).rejects.toMatchObject({
      code: "tax_id_invalid",
    });
  });

  it("updates email and name, merges metadata, and unsets with empty values", async () => {
    const customer = await h.stripe.customers.create({
      email: "old@example.com",
      name: "Old",
      metadata: { a: "1", b: "2" },
    });
    const updated = await h.stripe.customers.update(customer.id, {
      email: "new@example.com",
      metadata: { a: "", c: "3" },
    });
    expect(updated).toMatchObject({ email: "new@example.com", name: "Old", metadata: { b: "2", c: "3" } });
    const cleared = await h.stripe.customers.update(customer.id, {
      metadata: "" as unknown as Stripe.MetadataParam,
      name: "",
    });
    expect(cleared.metadata).toEqual({});
    expect(cleared.name).toBeNull();
  });

  it("records customer.updated with the previous email", async () => {
    const customer = await h.stripe.customers.create({ email: "before@example.com" });
    await h.stripe.customers.update(customer.id, { email: "after@example.com" });
    const events = await h.stripe.events.list({ type: "customer.updated", limit: 1 });
    expect(events.data[0].data.object).toMatchObject({ id: customer.id, email: "after@example.com" });
    expect(events.data[0].data.previous_attributes).toEqual({ email: "before@example.com" });
  });

  it("deletes a customer: retrieve answers deleted, updates answer 404", async () => {
    const customer = await h.stripe.customers.create({ email: "gone@example.com" });
    expect(await h.stripe.customers.del(customer.id)).toMatchObject({ id: customer.id, deleted: true });
    expect(await h.stripe.customers.retrieve(customer.id)).toMatchObject({ id: customer.id, deleted: true });
    await expect(h.stripe.customers.update(customer.id, { name: "x" })).rejects.toMatchObject({
      statusCode: 404,
      code: "resource_missing",
    });
  });
});
