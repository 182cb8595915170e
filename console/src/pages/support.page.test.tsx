import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import {
  AdjustCreditsDocument,
  OrgInvoicesDocument,
  SupportEnterpriseRequestsDocument,
  SupportOrgDocument,
  SupportSearchDocument,
} from "../gql/graphql";
import { ada, acme, apiError, meMock, orgSwitcherMock, devToolsMock } from "../test/fixtures";
import { renderApp } from "../test/render-app";
import { adjustment, adjustmentsMock } from "../support/support.fixtures";
import { acmePool, auditEntriesMock, typed } from "../test/team.fixtures";

const staff = { ...ada, id: "user_staff", name: "Sam Staff", email: "staff@example.com", isStaff: true };
/** The support page's Enterprise queue, as the server answers it (newest first). */
const queueMock = (requests: object[] = []) => ({
  request: { query: SupportEnterpriseRequestsDocument },
  result: { data: { supportEnterpriseRequests: requests } },
});
const staffMocks = () => [meMock(staff), orgSwitcherMock([]), devToolsMock(), queueMock()];

describe("Support page", () => {
  it("is closed to people who are not staff", async () => {
    renderApp("/support", [meMock(), orgSwitcherMock([acme]), devToolsMock()]);
    expect(await screen.findByRole("heading", { name: "No access" })).toBeTruthy();
    expect(screen.queryByRole("link", { name: "Support" })).toBeNull();
  });

  it("lists the orgs a search finds and links to their read-only page", async () => {
    renderApp("/support", [
      ...staffMocks(),
      {
        request: { query: SupportSearchDocument, variables: { query: "acme" } },
        result: {
          data: {
            supportSearchOrgs: [
              { __typename: "Org", id: "org_acme", name: "Acme", plan: "TEAM", seats: 3 },
              { __typename: "Org", id: "org_acme2", name: "Acme Labs", plan: "FREE", seats: 1 },
            ],
          },
        },
      },
    ]);
    expect(await screen.findByRole("heading", { level: 1, name: "Support" })).toBeTruthy();
    expect(screen.getByRole("link", { name: "Support" })).toBeTruthy();
    fireEvent.change(screen.getByRole("searchbox"), { target: { value: "acme" } });
    fireEvent.click(screen.getByRole("button", { name: "Search" }));

    const table = await screen.findByRole("table", { name: /2 orgs match/ });
    const row = within(table).getByRole("row", { name: /Acme Labs/ });
    expect(row.textContent).toContain("org_acme2");
    expect(row.textContent).toContain("Free");
    expect(within(table).getByRole("link", { name: "Acme" }).getAttribute("href")).toBe("/support/orgs/org_acme");
  });

  it("asks for at least two characters before searching", async () => {
    renderApp("/support", staffMocks());
    await screen.findByRole("heading", { level: 1, name: "Support" });
    fireEvent.change(screen.getByRole("searchbox"), { target: { value: "a" } });
    fireEvent.click(screen.getByRole("button", { name: "Search" }));
    expect(await screen.findByText("Type at least 2 characters.")).toBeTruthy();
  });

  it("never shows the server's own words when a search fails, and offers no retry that would fail the same way (finding 30)", async () => {
    renderApp("/support?q=acme", [
      ...staffMocks(),
      {
        request: { query: SupportSearchDocument, variables: { query: "acme" } },
        result: apiError("BAD_USER_INPUT", "query: search with 2 to 254 characters"),
      },
    ]);
    expect(await screen.findByText(/That search can't be run: type 2 to 254 characters/)).toBeTruthy();
    expect(screen.queryByText(/query: search with/)).toBeNull();
    expect(screen.queryByRole("button", { name: "Try again" })).toBeNull();
  });

  it("refuses a query over 254 characters before sending it", async () => {
    renderApp("/support", staffMocks());
    await screen.findByRole("heading", { level: 1, name: "Support" });
    fireEvent.change(screen.getByRole("searchbox"), { target: { value: "x".repeat(500) } });
    fireEvent.click(screen.getByRole("button", { name: "Search" }));
    expect(await screen.findByText("Type at most 254 characters.")).toBeTruthy();
  });
});

describe("Support page: the Enterprise queue", () => {
  const request = (
    id: string,
    org: { id: string; name: string },
    who: { id: string; name: string; email: string },
    at: string,
    message: string,
  ) => ({
    __typename: "EnterpriseRequest",
    id,
    message,
    createdAt: at,
    requestedBy: { __typename: "User", ...who },
    org: { __typename: "Org", ...org },
  });

  it("lists every org's requests newest first, each org linking to its support page", async () => {
    renderApp("/support", [
      meMock(staff),
      orgSwitcherMock([]),
      devToolsMock(),
      queueMock([
        request(
          "ent_2",
          { id: "org_initech", name: "Initech" },
          { id: "user_bill", name: "Bill Lumbergh", email: "bill@initech.test" },
          "2026-02-21T12:00:00.000Z",
          "SSO for 400 people, please.",
        ),
        request("ent_1", { id: "org_acme", name: "Acme" }, ada, "2026-02-03T12:00:00.000Z", "About 100,000 credits a month."),
      ]),
    ]);
    const table = await screen.findByRole("table", { name: "Enterprise requests" });
    const [, newest, older] = within(table).getAllByRole("row");
    expect(
      within(newest as HTMLElement)
        .getByRole("link", { name: "Initech" })
        .getAttribute("href"),
    ).toBe("/support/orgs/org_initech");
    expect(newest?.textContent).toContain("Bill Lumbergh");
    expect(newest?.textContent).toContain("bill@initech.test");
    expect(newest?.textContent).toContain("Feb 21, 2026");
    expect(newest?.textContent).toContain("SSO for 400 people, please.");
    expect(
      within(older as HTMLElement)
        .getByRole("link", { name: "Acme" })
        .getAttribute("href"),
    ).toBe("/support/orgs/org_acme");
    expect(older?.textContent).toContain("ada@example.com");
    expect(older?.textContent).toContain("About 100,000 credits a month.");
  });

  it("says when there are none", async () => {
    renderApp("/support", staffMocks());
    const queue = await screen.findByRole("region", { name: "Enterprise requests" });
    expect(await within(queue).findByText("No Enterprise requests yet.")).toBeTruthy();
    expect(within(queue).queryByRole("table")).toBeNull();
  });

  it("says when they could not be loaded, and tries again on request", async () => {
    renderApp("/support", [
      meMock(staff),
      orgSwitcherMock([]),
      devToolsMock(),
      { request: { query: SupportEnterpriseRequestsDocument }, result: apiError("INTERNAL_SERVER_ERROR"), delay: 30 },
      queueMock([request("ent_1", { id: "org_acme", name: "Acme" }, ada, "2026-02-03T12:00:00.000Z", "Hello")]),
    ]);
    const queue = await screen.findByRole("region", { name: "Enterprise requests" });
    expect(within(queue).getByRole("status").textContent).toBe("Loading Enterprise requests…");
    expect(await within(queue).findByText(/We couldn't load the Enterprise requests/)).toBeTruthy();
    fireEvent.click(within(queue).getByRole("button", { name: "Try again" }));
    expect(await within(queue).findByRole("link", { name: "Acme" })).toBeTruthy();
  });
});

const supportOrgMock = (pool = acmePool) => ({
  request: { query: SupportOrgDocument, variables: { orgId: "org_acme" } },
  result: {
    data: {
      org: {
        __typename: "Org",
        id: "org_acme",
        name: "Acme",
        plan: "TEAM",
        seats: 3,
        billingInterval: "MONTHLY",
        softAlertThresholdPercent: 20,
        pool: typed.pool(pool),
        members: [
          {
            __typename: "Member",
            id: "m_ada",
            role: "OWNER",
            joinedAt: "2026-01-01T00:00:00.000Z",
            user: { __typename: "User", id: "user_ada", name: "Ada Lovelace", email: "ada@example.com" },
          },
        ],
        usage: {
          __typename: "UsageReport",
          from: acmePool.periodStart,
          to: acmePool.periodEnd,
          totalCredits: 500,
          calls: 2,
          byMember: [{ __typename: "UsageByMember", memberId: "m_ada", name: "Ada Lovelace", credits: 500, calls: 2 }],
        },
      },
    },
  },
});
const invoicesMock = () => ({
  request: { query: OrgInvoicesDocument, variables: { orgId: "org_acme" } },
  result: {
    data: {
      org: {
        __typename: "Org",
        id: "org_acme",
        invoices: [
          {
            __typename: "Invoice",
            id: "in_1",
            number: "ACME-0001",
            status: "paid",
            currency: "usd",
            amountDue: 4900,
            amountPaid: 4900,
            periodStart: "2026-01-05T09:00:00.000Z",
            periodEnd: "2026-02-05T09:00:00.000Z",
            createdAt: "2026-01-05T09:00:00.000Z",
            hostedUrl: null,
            pdfUrl: null,
            // Mirrored before the server kept totals and the billed-to details.
            subtotal: null,
            tax: null,
            total: null,
            customerEmail: null,
            customerTaxIds: null,
            lines: [],
          },
        ],
      },
    },
  },
});
const grantEntry = {
  id: "9",
  action: "credits.adjusted",
  actorKind: "USER" as const,
  actorName: staff.email,
  at: "2026-02-21T10:00:00.000Z",
  details: JSON.stringify({ before: null, after: { credits: 500, reason: "Ticket 42" } }),
};
const renewalEntry = {
  id: "8",
  action: "plan.changed",
  actorKind: "SYSTEM" as const,
  actorName: "Team Billing",
  at: "2026-02-05T09:00:00.000Z",
  details: null,
};
const orgSectionMocks = () => [supportOrgMock(), invoicesMock(), adjustmentsMock(), auditEntriesMock({ entries: [] })];

describe("Support org page", () => {
  it("shows the org read-only and refuses an adjustment without a reason", async () => {
    renderApp("/support/orgs/org_acme", [...staffMocks(), ...orgSectionMocks()]);
    expect(await screen.findByRole("heading", { level: 1, name: "Acme" })).toBeTruthy();
    expect(screen.getByRole("table", { name: "Members" }).textContent).toContain("ada@example.com");
    expect(screen.getByRole("region", { name: "Credit pool" }).textContent).toContain("10,500 credits left");

    const form = screen.getByRole("form", { name: "Adjust credits" });
    fireEvent.change(within(form).getByLabelText("Credits"), { target: { value: "500" } });
    fireEvent.click(within(form).getByRole("button", { name: "Review adjustment" }));
    // Refused in the browser: nothing is confirmed or sent.
    expect(await within(form).findByText(/Give a reason/)).toBeTruthy();
    expect(within(form).getByLabelText("Reason").getAttribute("aria-invalid")).toBe("true");
    expect(screen.queryByRole("dialog")).toBeNull();
  });

  it("adds credits to the top-up after a confirm step and shows what moved", async () => {
    const after = { ...acmePool, topUpRemaining: 2_500, totalRemaining: 11_000 };
    const done = adjustment({ id: "41", credits: 500, before: 2_000, after: 2_500 });
    renderApp("/support/orgs/org_acme", [
      ...staffMocks(),
      supportOrgMock(),
      invoicesMock(),
      { ...adjustmentsMock(), maxUsageCount: 1 },
      // The log before the adjustment, then (refetched after it) with it on top.
      { ...auditEntriesMock({ entries: [renewalEntry] }), maxUsageCount: 1 },
      {
        request: { query: AdjustCreditsDocument, variables: { orgId: "org_acme", bucket: "TOP_UP", credits: 500, reason: "Ticket 42" } },
        result: { data: { adjustCredits: { ...done, pool: typed.pool(after) } } },
      },
      auditEntriesMock({ entries: [grantEntry, renewalEntry] }),
      adjustmentsMock([done]),
      supportOrgMock(after),
    ]);
    const log = await screen.findByRole("table", { name: "Audit log" });
    expect(within(log).getAllByRole("row")).toHaveLength(2);
    const form = await screen.findByRole("form", { name: "Adjust credits" });
    fireEvent.change(within(form).getByLabelText("Credits"), { target: { value: "500" } });
    fireEvent.change(within(form).getByLabelText("Reason"), { target: { value: " Ticket 42 " } });
    expect(screen.getByTestId("adjust-preview").textContent).toBe("After it: Top-up 2,000 → 2,500; monthly unchanged.");
    fireEvent.click(within(form).getByRole("button", { name: "Review adjustment" }));
    const dialog = await screen.findByRole("dialog", { name: "Add credits?" });
    expect(dialog.textContent).toContain("Add 500 credits to the top-up bucket of Acme?");
    fireEvent.click(within(dialog).getByRole("button", { name: "Add credits" }));
    expect(await screen.findByText("Added 500 credits to the top-up bucket: 2,000 → 2,500.")).toBeTruthy();
    // The adjustment is the log's newest entry, by the staff member who made it.
    await waitFor(() => expect(within(log).getAllByRole("row")).toHaveLength(3));
    const newest = within(log).getAllByRole("row")[1];
    expect(within(newest).getAllByRole("cell")[2].textContent).toBe(staff.email);
    const recent = await screen.findByRole("table", { name: "Recent adjustments" });
    expect(within(recent).getAllByRole("row")[1].textContent).toContain("+500");
  });

  it("shows the team's sections without their controls", async () => {
    renderApp("/support/orgs/org_acme", [
      ...staffMocks(),
      supportOrgMock(),
      invoicesMock(),
      adjustmentsMock(),
      auditEntriesMock({ entries: [renewalEntry] }),
    ]);
    const members = await screen.findByRole("table", { name: "Members" });
    const ada = within(members).getByRole("row", { name: /Ada Lovelace/ });
    expect(within(ada).getByText("Owner")).toBeTruthy();
    expect(within(ada).getByText("Jan 1, 2026")).toBeTruthy();
    expect(within(members).queryByRole("combobox")).toBeNull();
    expect(within(members).queryByRole("button")).toBeNull();

    const invoices = await screen.findByRole("table", { name: "Invoices" });
    expect(within(invoices).getByRole("rowheader", { name: /ACME-0001/ })).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Refresh from Stripe" })).toBeNull();

    const log = await screen.findByRole("table", { name: "Audit log" });
    expect(within(log).getAllByRole("row")[1].textContent).toContain("Team Billing (automatic)");
    // Members' own controls are not for staff.
    expect(screen.queryByRole("heading", { name: "Your membership" })).toBeNull();
  });
});
