import { MockLink } from "@apollo/client/testing";
import { MockedProvider } from "@apollo/client/testing/react";
import { fireEvent, render, screen, within } from "@testing-library/react";
import { createCache } from "../apollo/client";
import type { CreditHistoryEntryFieldsFragment } from "../gql/graphql";
import { CreditHistoryQuery, CreditHistorySection, HISTORY_PAGE_SIZE, historyCsv } from "./credit-history.section";

const entry = (e: Omit<CreditHistoryEntryFieldsFragment, "__typename">) => ({ __typename: "CreditHistoryEntry" as const, ...e });
const newer = [
  entry({
    id: "9",
    at: "2027-01-03T10:00:00.000Z",
    kind: "USAGE",
    bucket: "MONTHLY",
    credits: -60,
    balanceAfter: 10_940,
    description: "3 calls on Jan 3, 2027 used 60 credits of the monthly bucket.",
  }),
  entry({
    id: "8",
    at: "2027-01-02T09:00:00.000Z",
    kind: "REFILL",
    bucket: "MONTHLY",
    credits: 11_000,
    balanceAfter: 11_000,
    description: "The monthly refill for the new period: 11,000 credits.",
  }),
];
const older = [
  entry({
    id: "5",
    at: "2026-12-20T09:00:00.000Z",
    kind: "REMOVAL",
    bucket: "TOP_UP",
    credits: -405,
    balanceAfter: 0,
    description: 'Support (Sam, sam@ux.example) removed 405 credits from the top-up bucket (adjustment #5): ticket "42", refund',
  }),
];

const page = (edges: ReturnType<typeof entry>[], hasNextPage: boolean, endCursor: string | null) => ({
  data: {
    org: {
      __typename: "Org" as const,
      id: "org_acme",
      creditHistory: {
        __typename: "CreditHistoryConnection" as const,
        edges: edges.map((node) => ({ __typename: "CreditHistoryEdge" as const, cursor: `c${node.id}`, node })),
        pageInfo: { __typename: "PageInfo" as const, hasNextPage, endCursor },
      },
    },
  },
});

function renderSection() {
  const mocks: MockLink.MockedResponse[] = [
    {
      request: { query: CreditHistoryQuery, variables: { orgId: "org_acme", first: HISTORY_PAGE_SIZE, after: null } },
      result: page(newer, true, "c8"),
    },
    {
      request: { query: CreditHistoryQuery, variables: { orgId: "org_acme", first: HISTORY_PAGE_SIZE, after: "c8" } },
      result: page(older, false, "c5"),
    },
  ];
  return render(
    <MockedProvider link={new MockLink(mocks, { defaultOptions: { delay: 0 } })} cache={createCache()}>
      <CreditHistorySection orgId="org_acme" />
    </MockedProvider>,
  );
}

const rows = () =>
  within(screen.getByRole("table", { name: "Credit history" }))
    .getAllByRole("row")
    .slice(1)
    .map((row) => Array.from(row.querySelectorAll("td")).map((td) => td.textContent));

describe("Credit history on Billing", () => {
  it("shows a page, loads more, filters by kind and downloads what is loaded as CSV", async () => {
    renderSection();
    await screen.findByRole("table", { name: "Credit history" });
    expect(rows().map((r) => r.slice(1))).toEqual([
      ["Usage (a day)3 calls on Jan 3, 2027 used 60 credits of the monthly bucket.", "Monthly", "-60", "10,940"],
      ["Monthly refillThe monthly refill for the new period: 11,000 credits.", "Monthly", "+11,000", "11,000"],
    ]);
    fireEvent.click(screen.getByRole("button", { name: "Load more" }));
    await screen.findByText(/removed 405 credits from the top-up bucket/);
    expect(rows()).toHaveLength(3);
    expect(screen.queryByRole("button", { name: "Load more" })).toBeNull();

    fireEvent.change(screen.getByLabelText("Show"), { target: { value: "REMOVAL" } });
    expect(rows().map((r) => r[2])).toEqual(["Top-up"]);
    expect(screen.getByRole("button", { name: "Download CSV (1 entry)" })).toBeTruthy();
    fireEvent.change(screen.getByLabelText("Show"), { target: { value: "TOP_UP" } });
    expect(screen.getByText("No top-up entries among those loaded.")).toBeTruthy();
  });

  it("writes RFC 4180 CSV: a header, one row per entry, quotes where needed", () => {
    expect(historyCsv([newer[0], older[0]]).split("\r\n")).toEqual([
      "When (UTC),Kind,Bucket,Credits,Balance after,Description",
      '2027-01-03T10:00:00.000Z,Usage (a day),Monthly,-60,10940,"3 calls on Jan 3, 2027 used 60 credits of the monthly bucket."',
      '2026-12-20T09:00:00.000Z,Support removal,Top-up,-405,0,"Support (Sam, sam@ux.example) removed 405 credits from the top-up bucket (adjustment #5): ticket ""42"", refund"',
      "",
    ]);
  });
});
