import { fireEvent, screen, within } from "@testing-library/react";
import {
  type BillingOrgFragment,
  CancelDowngradeDocument,
  DevToolsEnabledDocument,
  RefreshInvoicesDocument,
  RequestEnterpriseContactDocument,
  ScheduleDowngradeDocument,
  UpdateBillingDetailsDocument,
} from "../gql/graphql";
import {
  billingDetailsMock,
  billingSectionMocks,
  downgradePreviewMock,
  enterpriseRequestsMock,
  firstEnterpriseRequest,
  firstInvoice,
  freeAcme,
  invoicesMock,
  monthlySubscription,
  orgBillingMock,
  secondInvoice,
  teamAcme,
  typedBillingDetails,
  typedInvoice,
} from "../test/billing.fixtures";
import { acme, fullText, signedInMocks } from "../test/fixtures";
import { renderApp } from "../test/render-app";

type Mocks = Parameters<typeof renderApp>[1];

/** Opens Acme's Billing; `extra` mocks come first, so they win over the sections' defaults. */
async function openBilling(org: BillingOrgFragment, extra: Mocks = []) {
  const view = renderApp("/orgs/org_acme/billing", [...signedInMocks([acme]), orgBillingMock(org), ...extra, ...billingSectionMocks(org)]);
  await screen.findByRole("heading", { level: 1, name: "Billing" });
  return view;
}

const section = (name: string) => screen.getByRole("region", { name });

/** The org as scheduleDowngrade and cancelDowngrade answer it. */
const orgWithSubscription = (pendingPlan: "PRO" | null) => ({
  __typename: "Org",
  id: acme.id,
  plan: "TEAM",
  subscription: { __typename: "Subscription", ...monthlySubscription, pendingPlan },
});

describe("Billing page: invoices", () => {
  it("lists invoices with amounts, statuses and links, and opens one's lines: prorations marked, credits as credits", async () => {
    await openBilling(teamAcme, [invoicesMock()]);
    const invoices = section("Invoices");
    const table = await within(invoices).findByRole("table", { name: "Invoices" });
    // The header, then newest first (closed lines rows are hidden).
    const [, newest, older] = within(table).getAllByRole("row");

    expect(within(newest).getByText("ACME-0002")).toBeTruthy();
    expect(within(newest).getByText("Feb 5, 2026", { selector: "td[data-label=Date] time" })).toBeTruthy();
    expect(within(newest).getByText(fullText("Feb 5, 2026 – Mar 5, 2026"), { selector: ".period" })).toBeTruthy();
    expect(within(newest).getByText(fullText("$81.35 USD"), { selector: "td" })).toBeTruthy();
    expect(within(newest).getByText("Open")).toBeTruthy();
    expect(within(older).getByText("Paid")).toBeTruthy();
    expect(within(older).getByText(fullText("$73.00 USD"), { selector: "td" })).toBeTruthy();

    // Both documents open in a new tab.
    const pdf = within(newest).getByRole("link", { name: "PDF of ACME-0002" });
    expect(pdf.getAttribute("href")).toBe(secondInvoice.pdfUrl);
    expect(pdf.getAttribute("target")).toBe("_blank");
    const hosted = within(newest).getByRole("link", { name: "View ACME-0002 on Stripe" });
    expect(hosted.getAttribute("href")).toBe(secondInvoice.hostedUrl);
    expect(hosted.getAttribute("target")).toBe("_blank");

    // The lines, on request.
    expect(screen.queryByRole("list", { name: "Lines of ACME-0002" })).toBeNull();
    const toggle = within(newest).getByRole("button", { name: /ACME-0002/ });
    expect(toggle.getAttribute("aria-expanded")).toBe("false");
    fireEvent.click(toggle);
    expect(toggle.getAttribute("aria-expanded")).toBe("true");
    const lines = within(screen.getByRole("list", { name: "Lines of ACME-0002" })).getAllByRole("listitem");
    expect(lines).toHaveLength(4);
    expect(lines[0]?.textContent).toContain("Unused time on 2 × Team seat");
    expect(within(lines[0] as HTMLElement).getByText("proration")).toBeTruthy();
    expect(within(lines[0] as HTMLElement).getByText(fullText("−$4.35 credit"))).toBeTruthy();
    expect(within(lines[1] as HTMLElement).getByText("proration")).toBeTruthy();
    expect(within(lines[1] as HTMLElement).getByText("$6.50")).toBeTruthy();
    expect(within(lines[2] as HTMLElement).queryByText("proration")).toBeNull();
    expect(lines[2]?.textContent).toContain("$49.00");
  });

  it("says when there are none, and fetches them from Stripe on request", async () => {
    const refresh = jest.fn(() => ({ data: { refreshInvoices: [typedInvoice(firstInvoice)] } }));
    await openBilling(teamAcme, [{ request: { query: RefreshInvoicesDocument, variables: { orgId: acme.id } }, result: refresh }]);
    const invoices = section("Invoices");
    expect(await within(invoices).findByText(/No invoices yet/)).toBeTruthy();
    fireEvent.click(within(invoices).getByRole("button", { name: "Refresh from Stripe" }));
    expect(await within(invoices).findByText("ACME-0001")).toBeTruthy();
    expect(refresh).toHaveBeenCalledTimes(1);
    expect(within(invoices).queryByText(/No invoices yet/)).toBeNull();
  });

  it("shows an ADMIN the invoices and billing details, but no billing-details form and no switch to Pro", async () => {
    const admin = { ...teamAcme, myRole: "ADMIN" as const };
    await openBilling(admin, [invoicesMock(), billingDetailsMock({ id: acme.id, billingEmail: "ap@acme.test", taxIds: [] })]);
    expect(await within(section("Invoices")).findByText("ACME-0002")).toBeTruthy();
    const details = section("Billing details");
    expect(await within(details).findByText("ap@acme.test")).toBeTruthy();
    expect(within(details).getByText("Only the owner can change the billing details.")).toBeTruthy();
    expect(screen.queryByRole("form", { name: "Change billing details" })).toBeNull();
    expect(screen.queryByRole("textbox", { name: "Tax ID" })).toBeNull();
    expect(screen.queryByRole("region", { name: "Switch to Pro" })).toBeNull();
    expect(screen.queryByRole("button", { name: /Switch to Pro/ })).toBeNull();
    // Enterprise: the offer in words, no form.
    expect(
      within(section("Always running out? Get in touch about Enterprise")).getByText("The owner can get in touch from this page."),
    ).toBeTruthy();
    expect(screen.queryByRole("form", { name: "Get in touch about Enterprise" })).toBeNull();
  });

  it("keeps billing to the owner and admins: a member sees neither invoices nor details", async () => {
    await openBilling({ ...teamAcme, myRole: "MEMBER" });
    expect(screen.queryByRole("region", { name: "Invoices" })).toBeNull();
    expect(screen.queryByRole("region", { name: "Billing details" })).toBeNull();
  });
});

describe("Billing page: billing details", () => {
  it("refuses a malformed EU VAT number with the example, then sends a normalized valid one", async () => {
    const update = jest.fn(() => ({
      data: {
        updateBillingDetails: typedBillingDetails({
          id: acme.id,
          billingEmail: "ap@acme.test",
          taxIds: [{ type: "eu_vat", value: "DE123456789" }],
        }),
      },
    }));
    await openBilling(teamAcme, [
      {
        request: {
          query: UpdateBillingDetailsDocument,
          variables: { orgId: acme.id, billingEmail: "ap@acme.test", taxId: { type: "eu_vat", value: "DE123456789" } },
        },
        result: update,
      },
    ]);
    const details = section("Billing details");
    expect(await within(details).findByText("The owner's email")).toBeTruthy();
    expect(within(details).getByText("None")).toBeTruthy();
    expect(within(details).getByText(/appear on every future invoice/)).toBeTruthy();

    const form = within(details).getByRole("form", { name: "Change billing details" });
    expect((within(form).getByLabelText("Tax ID type") as HTMLSelectElement).value).toBe("eu_vat");
    const options = within(within(form).getByLabelText("Tax ID type")).getAllByRole("option");
    expect(options.map((o) => o.textContent)).toContain("UK VAT number");
    const value = within(form).getByRole("textbox", { name: "Tax ID" }) as HTMLInputElement;
    expect(value.placeholder).toBe("DE123456789");

    fireEvent.change(within(form).getByRole("textbox", { name: "Billing email" }), { target: { value: " AP@Acme.test " } });
    fireEvent.change(value, { target: { value: "US123456789" } });
    fireEvent.click(within(form).getByRole("button", { name: "Save billing details" }));
    expect(
      within(form).getByText("That is not a valid EU VAT number. It looks like DE123456789; leave it empty to remove the tax ID."),
    ).toBeTruthy();
    expect(value.getAttribute("aria-invalid")).toBe("true");
    expect(document.activeElement).toBe(value);
    expect(update).not.toHaveBeenCalled();

    fireEvent.change(value, { target: { value: " de 123 456 789 " } });
    fireEvent.click(within(form).getByRole("button", { name: "Save billing details" }));
    expect(await within(details).findByText("DE123456789", { selector: "dd", exact: false })).toBeTruthy();
    expect(update).toHaveBeenCalledTimes(1);
    expect(within(details).getByText("ap@acme.test", { selector: "dd" })).toBeTruthy();
    expect(value.value).toBe("DE123456789");
    expect(await screen.findByText("Billing details saved. They appear on every future invoice.")).toBeTruthy();
  });

  it("puts the server's refusal next to the field it names", async () => {
    await openBilling(teamAcme, [
      {
        request: {
          query: UpdateBillingDetailsDocument,
          variables: { orgId: acme.id, billingEmail: "", taxId: { type: "gb_vat", value: "GB123456789" } },
        },
        result: {
          errors: [
            {
              message: "taxId.value: is not a valid UK VAT number (for example GB123456789)",
              extensions: { code: "BAD_USER_INPUT", field: "taxId.value" },
            },
          ],
        },
      },
    ]);
    const form = await screen.findByRole("form", { name: "Change billing details" });
    fireEvent.change(within(form).getByLabelText("Tax ID type"), { target: { value: "gb_vat" } });
    const value = within(form).getByRole("textbox", { name: "Tax ID" }) as HTMLInputElement;
    expect(value.placeholder).toBe("GB123456789");
    fireEvent.change(value, { target: { value: "GB123456789" } });
    fireEvent.click(within(form).getByRole("button", { name: "Save billing details" }));
    const error = await within(form).findByText(/That is not a valid UK VAT number/);
    expect(value.getAttribute("aria-describedby")).toContain(error.id);
    expect(within(form).getByRole("alert").textContent).toBe("");
  });
});

describe("Billing page: switching to Pro", () => {
  it("shows exactly what is lost, and schedules only after confirming", async () => {
    const schedule = jest.fn(() => ({ data: { scheduleDowngrade: orgWithSubscription("PRO") } }));
    await openBilling(teamAcme, [{ request: { query: ScheduleDowngradeDocument, variables: { orgId: acme.id } }, result: schedule }]);
    const switchSection = section("Switch to Pro");
    await within(switchSection).findByText("Grace Hopper");
    const text = switchSection.textContent ?? "";
    expect(text).toContain("On Mar 5, 2026, the end of this period");
    expect(text).toContain("2,000 credits of top-ups and 8,500 credits of this month's allotment");
    expect(text).toContain("These 2 members lose access to Acme's Spaces (Research)");
    const people = within(switchSection).getByRole("list", { name: "Members losing access" });
    expect(
      within(people)
        .getAllByRole("listitem")
        .map((li) => li.textContent),
    ).toEqual([expect.stringContaining("Grace Hopper"), expect.stringContaining("Bob Builder")]);
    expect(
      within(switchSection)
        .getByRole("link", { name: /Transfer ownership/ })
        .getAttribute("href"),
    ).toBe("/orgs/org_acme/team#members");

    fireEvent.click(within(switchSection).getByRole("button", { name: "Switch to Pro…" }));
    const dialog = screen.getByRole("dialog", { name: "Switch Acme to Pro?" });
    expect(dialog.textContent).toContain("2,000 credits of top-ups");
    expect(within(dialog).getByText("Bob Builder")).toBeTruthy();
    expect(schedule).not.toHaveBeenCalled();

    // Cancel changes nothing; confirming schedules it.
    fireEvent.click(within(dialog).getByRole("button", { name: "Cancel" }));
    expect(screen.queryByRole("dialog")).toBeNull();
    fireEvent.click(within(switchSection).getByRole("button", { name: "Switch to Pro…" }));
    fireEvent.click(within(screen.getByRole("dialog")).getByRole("button", { name: "Switch to Pro" }));
    const banner = await screen.findByRole("region", { name: "Moves to Pro on Mar 5, 2026" });
    expect(schedule).toHaveBeenCalledTimes(1);
    expect(within(banner).getByRole("button", { name: "Keep Team" })).toBeTruthy();
    expect(screen.queryByRole("region", { name: "Switch to Pro" })).toBeNull();
    expect(within(section("Plan")).getByText("Moves to Pro on")).toBeTruthy();
  });

  it("keeps Team from the scheduled banner", async () => {
    const scheduled = { ...teamAcme, subscription: { ...monthlySubscription, pendingPlan: "PRO" as const } };
    const cancel = jest.fn(() => ({ data: { cancelDowngrade: orgWithSubscription(null) } }));
    await openBilling(scheduled, [
      { request: { query: CancelDowngradeDocument, variables: { orgId: acme.id } }, result: cancel },
      downgradePreviewMock(),
    ]);
    const banner = section("Moves to Pro on Mar 5, 2026");
    expect(banner.textContent).toContain("keeps its Team pool");
    expect(screen.queryByRole("region", { name: "Switch to Pro" })).toBeNull();
    fireEvent.click(within(banner).getByRole("button", { name: "Keep Team" }));
    expect(await screen.findByText("Acme stays on Team.")).toBeTruthy();
    expect(cancel).toHaveBeenCalledTimes(1);
    expect(screen.queryByRole("region", { name: /Moves to Pro/ })).toBeNull();
    expect(within(section("Plan")).getByText("Renews on")).toBeTruthy();
    expect(await screen.findByRole("region", { name: "Switch to Pro" })).toBeTruthy();
  });

  it("tells an admin about a scheduled switch without offering to undo it", async () => {
    await openBilling({ ...teamAcme, myRole: "ADMIN", subscription: { ...monthlySubscription, pendingPlan: "PRO" } });
    const banner = section("Moves to Pro on Mar 5, 2026");
    expect(banner.textContent).toContain("Only the owner can keep Team.");
    expect(within(banner).queryByRole("button")).toBeNull();
  });

  it("after the switch, says the org's Spaces are the owner's only", async () => {
    await openBilling({ ...freeAcme, plan: "PRO", spacesOwnerOnly: true });
    const note = section("Acme is on Pro: its Spaces are the owner's only");
    expect(note.textContent).toContain("only the owner can open Acme's Spaces");
    expect(screen.getByText(fullText("Pro plan"), { selector: ".page__title-row .plan-badge" })).toBeTruthy();
  });
});

describe("Billing page: Enterprise", () => {
  it("lets the owner get in touch, thanks them, and lists the new request without a reload", async () => {
    const send = jest.fn(() => ({ data: { requestEnterpriseContact: true } }));
    const sent = { ...firstEnterpriseRequest, id: "ent_2", message: "About 200,000 credits a month, with SSO." };
    await openBilling(teamAcme, [
      { ...enterpriseRequestsMock([]), maxUsageCount: 1 },
      {
        request: {
          query: RequestEnterpriseContactDocument,
          variables: { orgId: acme.id, message: "About 200,000 credits a month, with SSO." },
        },
        result: send,
      },
      // Asked again after sending.
      enterpriseRequestsMock([sent]),
    ]);
    const enterprise = section("Always running out? Get in touch about Enterprise");
    const form = within(enterprise).getByRole("form", { name: "Get in touch about Enterprise" });
    fireEvent.click(within(form).getByRole("button", { name: "Get in touch" }));
    expect(within(form).getByText("Tell us what you need, for example your monthly volume.")).toBeTruthy();
    expect(send).not.toHaveBeenCalled();

    fireEvent.change(within(form).getByLabelText("What do you need?"), {
      target: { value: "  About 200,000 credits a month, with SSO. " },
    });
    fireEvent.click(within(form).getByRole("button", { name: "Get in touch" }));
    expect((await within(enterprise).findByRole("status")).textContent).toContain("Thanks, we have your message.");
    expect(send).toHaveBeenCalledTimes(1);
    expect(within(enterprise).queryByRole("form")).toBeNull();
    const earlier = await within(enterprise).findByRole("list", { name: "Earlier requests" });
    expect(earlier.textContent).toContain("“About 200,000 credits a month, with SSO.”");
  });

  it("shows the terms on Enterprise instead of the offer", async () => {
    await openBilling({ ...teamAcme, plan: "ENTERPRISE", subscription: null, ssoEnabled: true, dpaSigned: false });
    const terms = section("Enterprise terms");
    expect(within(terms).getByText("Enabled")).toBeTruthy();
    expect(within(terms).getByText("Not signed")).toBeTruthy();
    expect(within(terms).getByText("11,000")).toBeTruthy();
    expect(screen.queryByRole("region", { name: /Get in touch/ })).toBeNull();
  });
});

describe("Billing page: developer tools", () => {
  const probe = (enabled: boolean) => ({ request: { query: DevToolsEnabledDocument }, result: { data: { devToolsEnabled: enabled } } });

  it("says they are off when the server has them off", async () => {
    await openBilling(freeAcme, [probe(false)]);
    fireEvent.click(screen.getByText("Developer tools"));
    expect(await screen.findByText(/Off on this server/)).toBeTruthy();
    expect(screen.queryByRole("button", { name: /Advance/ })).toBeNull();
  });

  it("offers to move the clock when they are on", async () => {
    await openBilling(freeAcme, [probe(true)]);
    fireEvent.click(screen.getByText("Developer tools"));
    expect(await screen.findByRole("button", { name: "Advance 31 days" })).toBeTruthy();
    expect(screen.getByRole("button", { name: "Advance 1 day" })).toBeTruthy();
  });
});
