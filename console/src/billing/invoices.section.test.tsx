import { fireEvent, screen, within } from "@testing-library/react";
import { type InvoiceItemFragment, RefreshInvoicesDocument } from "../gql/graphql";
import { billingSectionMocks, firstInvoice, invoicesMock, orgBillingMock, teamAcme, typedInvoice } from "../test/billing.fixtures";
import { acme, signedInMocks } from "../test/fixtures";
import { renderApp } from "../test/render-app";

/** A German customer's invoice: 19% VAT, made out to the billing email and VAT number set then. */
const taxedInvoice: InvoiceItemFragment = {
  ...firstInvoice,
  id: "in_3",
  number: "ACME-0003",
  amountDue: 10_115,
  amountPaid: 10_115,
  subtotal: 8_500,
  tax: 1_615,
  total: 10_115,
  customerEmail: "ap@acme.test",
  customerTaxIds: [{ type: "eu_vat", value: "DE123456789" }],
};

/** Mirrored before the server kept totals and the billed-to details. */
const legacyInvoice: InvoiceItemFragment = {
  ...firstInvoice,
  subtotal: null,
  tax: null,
  total: null,
  customerEmail: null,
  customerTaxIds: null,
};

/** Opens Acme's Billing as its owner and the given invoice's details. */
async function openInvoice(invoice: InvoiceItemFragment) {
  renderApp("/orgs/org_acme/billing", [
    ...signedInMocks([acme]),
    orgBillingMock(teamAcme),
    invoicesMock([invoice]),
    ...billingSectionMocks(teamAcme),
  ]);
  const table = await screen.findByRole("table", { name: "Invoices" });
  const name = invoice.number ?? "Draft invoice";
  fireEvent.click(within(table).getByRole("button", { name: new RegExp(name) }));
  const details = screen.getByRole("list", { name: `Lines of ${name}` }).parentElement as HTMLElement;
  return details;
}

/** The totals as "label amount" pairs. */
const totals = (details: HTMLElement) =>
  Array.from(details.querySelectorAll(".invoice-totals > div")).map((row) =>
    Array.from(row.children)
      .map((cell) => cell.textContent)
      .join(" "),
  );

describe("Invoices: totals and who was billed", () => {
  it("shows an open invoice's subtotal, tax and total, and the email and tax ID it was made out to", async () => {
    const details = await openInvoice(taxedInvoice);
    expect(totals(details)).toEqual(["Subtotal $85.00", "Tax $16.15", "Total $101.15"]);
    expect(within(details).getByText("Billed to ap@acme.test · EU VAT number DE123456789")).toBeTruthy();
    // Only once opened.
    fireEvent.click(screen.getByRole("button", { name: /ACME-0003/ }));
    expect(screen.queryByText(/Billed to/)).toBeNull();
    expect(screen.queryByText("Subtotal")).toBeNull();
  });

  it("shows a zero tax, and the email alone when no tax ID was on file", async () => {
    const details = await openInvoice(firstInvoice);
    expect(totals(details)).toEqual(["Subtotal $73.00", "Tax $0.00", "Total $73.00"]);
    expect(within(details).getByText("Billed to ada@example.com")).toBeTruthy();
  });

  it("leaves the totals and the billed-to line out for an invoice mirrored before they were kept", async () => {
    const details = await openInvoice(legacyInvoice);
    expect(within(details).getAllByRole("listitem")).toHaveLength(2);
    expect(totals(details)).toEqual([]);
    expect(within(details).queryByText(/Subtotal|Tax|Total/)).toBeNull();
    expect(within(details).queryByText(/Billed to/)).toBeNull();
  });

  it("names the tax IDs even without an email", async () => {
    const details = await openInvoice({ ...taxedInvoice, customerEmail: null, customerTaxIds: [{ type: "gb_vat", value: "GB123456789" }] });
    expect(within(details).getByText("Billed to UK VAT number GB123456789")).toBeTruthy();
  });
});

describe("Invoices: what each is for, and refreshing from Stripe", () => {
  const topUp: InvoiceItemFragment = {
    ...firstInvoice,
    id: "in_top",
    number: "ACME-0004",
    amountDue: 5_000,
    lines: [{ ...firstInvoice.lines[0], description: "5,000 credits (top-up)", amount: 5_000, quantity: 1 }],
  };

  it("says in the list what each invoice is for (review finding 25)", async () => {
    renderApp("/orgs/org_acme/billing", [
      ...signedInMocks([acme]),
      orgBillingMock(teamAcme),
      invoicesMock([topUp, firstInvoice]),
      ...billingSectionMocks(teamAcme),
    ]);
    const table = await screen.findByRole("table", { name: "Invoices" });
    const described = within(table)
      .getAllByRole("row")
      .slice(1)
      .map((row) => row.querySelector('[data-label="Description"]')?.textContent)
      .filter(Boolean);
    expect(described).toEqual(["5,000 credits (top-up)", "Team (monthly) base, Team seats"]);
  });

  it("says how many invoices Stripe has after a refresh (review finding 23)", async () => {
    const refreshMock = {
      request: { query: RefreshInvoicesDocument, variables: { orgId: acme.id } },
      result: { data: { refreshInvoices: [typedInvoice(topUp), typedInvoice(firstInvoice)] } },
    };
    renderApp("/orgs/org_acme/billing", [
      ...signedInMocks([acme]),
      orgBillingMock(teamAcme),
      invoicesMock([firstInvoice]),
      refreshMock,
      ...billingSectionMocks(teamAcme),
    ]);
    const invoices = await screen.findByRole("region", { name: "Invoices" });
    await within(invoices).findByRole("table", { name: "Invoices" });
    fireEvent.click(within(invoices).getByRole("button", { name: "Refresh from Stripe" }));
    const said = await within(invoices).findByText(/Up to date with Stripe: 2 invoices, checked at/);
    expect(said.getAttribute("role")).toBe("status");
    expect(within(invoices).getByText("5,000 credits (top-up)")).toBeTruthy();
  });
});
