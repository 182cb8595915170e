import { fireEvent, screen, within } from "@testing-library/react";
import { OrgInvoicesDocument, SupportLedgerCheckDocument, SupportOrgDocument } from "../gql/graphql";
import { ada, apiError, meMock, orgSwitcherMock } from "../test/fixtures";
import { renderApp } from "../test/render-app";
import { adjustmentsMock } from "../support/support.fixtures";
import { acmePool, auditEntriesMock, typed } from "../test/team.fixtures";

const staff = { ...ada, id: "user_staff", name: "Sam Staff", email: "staff@example.com", isStaff: true };

const supportOrgMock = () => ({
  request: { query: SupportOrgDocument, variables: { orgId: "org_acme" } },
  result: {
    data: {
      org: {
        __typename: "Org",
        id: "org_acme",
        name: "Acme",
        plan: "TEAM",
        seats: 1,
        billingInterval: "MONTHLY",
        softAlertThresholdPercent: 20,
        pool: typed.pool(acmePool),
        members: [],
        usage: { __typename: "UsageReport", from: acmePool.periodStart, to: acmePool.periodEnd, totalCredits: 0, calls: 0, byMember: [] },
      },
    },
  },
});
const invoicesMock = () => ({
  request: { query: OrgInvoicesDocument, variables: { orgId: "org_acme" } },
  result: { data: { org: { __typename: "Org", id: "org_acme", invoices: [] } } },
});
const checkMock = (answer: { ok: boolean; problems: string[] } | ReturnType<typeof apiError>) => ({
  request: { query: SupportLedgerCheckDocument, variables: { orgId: "org_acme" } },
  result:
    "errors" in answer
      ? answer
      : {
          data: {
            supportLedgerCheck: {
              __typename: "LedgerCheck",
              orgId: "org_acme",
              checkedAt: "2026-02-21T10:00:00.000Z",
              ...answer,
            },
          },
        },
});
const pageMocks = () => [
  meMock(staff),
  orgSwitcherMock([]),
  supportOrgMock(),
  invoicesMock(),
  adjustmentsMock(),
  auditEntriesMock({ entries: [] }),
];

const PROBLEMS = [
  "Top-up bucket: expected 2000 credits (the sum of its ledger entries), found 2007 in the pool.",
  "Pool reserved: expected 40 credits (the sum of its HELD reservations), found 51.",
];

describe("Support org page: the books", () => {
  it("checks the books on request and says when they balance", async () => {
    renderApp("/support/orgs/org_acme", [...pageMocks(), checkMock({ ok: true, problems: [] })]);
    const books = await screen.findByRole("region", { name: "The books" });
    // Nothing runs until staff ask: the check reads the org's whole history.
    expect(within(books).queryByRole("status")).toBeNull();
    fireEvent.click(within(books).getByRole("button", { name: "Check the books" }));
    expect((await within(books).findByRole("status")).textContent).toContain("The books balance.");
    expect(within(books).queryByRole("list", { name: "Problems found" })).toBeNull();
  });

  it("lists what does not add up, and checks again from the server on the next click", async () => {
    renderApp("/support/orgs/org_acme", [
      ...pageMocks(),
      checkMock({ ok: false, problems: PROBLEMS }),
      checkMock({ ok: true, problems: [] }),
    ]);
    const books = await screen.findByRole("region", { name: "The books" });
    fireEvent.click(within(books).getByRole("button", { name: "Check the books" }));
    const list = await within(books).findByRole("list", { name: "Problems found" });
    expect(
      within(list)
        .getAllByRole("listitem")
        .map((li) => li.textContent),
    ).toEqual(PROBLEMS);
    expect(within(books).getByRole("status").textContent).toContain("2 things do not add up");

    fireEvent.click(within(books).getByRole("button", { name: "Check the books" }));
    expect((await within(books).findByText("The books balance.")).textContent).toBeTruthy();
    expect(within(books).queryByRole("list", { name: "Problems found" })).toBeNull();
  });

  it("says when the check could not run", async () => {
    renderApp("/support/orgs/org_acme", [...pageMocks(), checkMock(apiError("FORBIDDEN", "Support staff only."))]);
    const books = await screen.findByRole("region", { name: "The books" });
    fireEvent.click(within(books).getByRole("button", { name: "Check the books" }));
    const alert = await within(books).findByRole("alert");
    expect(alert.textContent).toContain("The check could not run");
    expect(within(books).queryByRole("status")).toBeNull();
  });
});
