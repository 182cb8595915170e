import type { MockLink } from "@apollo/client/testing";
import { fireEvent, screen, within } from "@testing-library/react";
import { OrgUsageDocument, type Role } from "../gql/graphql";
import { acme, initech, signedInMocks } from "../test/fixtures";
import { renderApp } from "../test/render-app";
import { acmePool, typed } from "../test/team.fixtures";
import { shares } from "../usage/usage-period";

const FROM = "2026-02-05T09:00:00.000Z";
const TO = "2026-03-05T09:00:00.000Z";

const report = (myRole: Role) => ({
  __typename: "UsageReport" as const,
  from: FROM,
  to: TO,
  totalCredits: myRole === "MEMBER" ? 100 : 1000,
  calls: myRole === "MEMBER" ? 1 : 7,
  byMember:
    myRole === "MEMBER"
      ? [{ __typename: "UsageByMember" as const, memberId: "m_bob", name: "Bob", credits: 100, calls: 1 }]
      : [
          { __typename: "UsageByMember" as const, memberId: "m_ada", name: "Ada Lovelace", credits: 667, calls: 4 },
          { __typename: "UsageByMember" as const, memberId: "m_bob", name: "Bob", credits: 333, calls: 3 },
        ],
  bySpace: [
    { __typename: "UsageBySpace" as const, spaceId: "s_r", name: "Research", credits: myRole === "MEMBER" ? 100 : 334, calls: 3 },
    ...(myRole === "MEMBER"
      ? []
      : [
          { __typename: "UsageBySpace" as const, spaceId: "s_o", name: "Ops", credits: 333, calls: 2 },
          { __typename: "UsageBySpace" as const, spaceId: "s_d", name: "Docs", credits: 333, calls: 2 },
        ]),
  ],
  byModel: [{ __typename: "UsageByModel" as const, model: "gpt-4o", credits: myRole === "MEMBER" ? 100 : 1000, calls: 7 }],
  daily: [{ __typename: "UsageDay" as const, date: "2026-02-10", credits: myRole === "MEMBER" ? 100 : 1000, calls: 7 }],
});

const usageMock = (myRole: Role, org = acme): MockLink.MockedResponse => ({
  request: { query: OrgUsageDocument, variables: { orgId: org.id } },
  result: {
    data: {
      org: {
        __typename: "Org",
        id: org.id,
        name: org.name,
        plan: "TEAM",
        myRole,
        softAlertThresholdPercent: 20,
        pool: typed.pool(acmePool),
        forecast: { __typename: "Forecast", burnPerDay: 143, daysLeft: 12, runsOutBeforeReset: true },
        usage: report(myRole),
      },
    },
  },
});

const shareTotal = (section: HTMLElement) =>
  within(section)
    .getAllByTestId("share")
    .reduce((sum, cell) => sum + Number.parseFloat(cell.textContent ?? "0"), 0);

describe("Org usage page", () => {
  it("shows breakdowns whose shares add up to 100% and a CSV link for the range", async () => {
    renderApp("/orgs/org_acme/usage", [...signedInMocks([acme, initech]), usageMock("OWNER")]);

    expect(await screen.findByRole("heading", { level: 1, name: "Org usage" })).toBeTruthy();
    const bySpace = screen.getByRole("region", { name: "By Space" });
    // 334 / 333 / 333 of 1,000: one decimal each, and still exactly 100.
    expect(
      within(bySpace)
        .getAllByTestId("share")
        .map((c) => c.textContent),
    ).toEqual(["33.4%", "33.3%", "33.3%"]);
    for (const name of ["By member", "By Space", "By model"]) {
      expect(shareTotal(screen.getByRole("region", { name }))).toBeCloseTo(100, 5);
    }
    const byMember = screen.getByRole("region", { name: "By member" });
    expect(within(byMember).getByRole("row", { name: /Ada Lovelace/ }).textContent).toContain("667");
    expect(within(byMember).getByRole("row", { name: /Ada Lovelace/ }).textContent).toContain("66.7%");

    const csv = screen.getByRole("link", { name: "Download CSV" });
    const url = new URL(csv.getAttribute("href") ?? "", "http://x");
    expect(url.pathname).toBe("/orgs/org_acme/usage.csv");
    expect(url.searchParams.get("from")).toBe(FROM);
    expect(url.searchParams.get("to")).toBe(TO);
    expect(screen.queryByText(/Showing your own usage/)).toBeNull();
    expect(screen.getByRole("region", { name: "Credit pool" }).textContent).toContain("10,500 credits left");
  });

  it("says how long the pool lasts at the last week's pace", async () => {
    renderApp("/orgs/org_acme/usage", [...signedInMocks([acme, initech]), usageMock("OWNER")]);
    const pool = await screen.findByRole("region", { name: "Credit pool" });
    expect(within(pool).getByText(/At the last week's pace \(143 credits a day\) the pool lasts about/)).toBeTruthy();
    expect(within(pool).getByText("12 days")).toBeTruthy();
    expect(within(pool).getByText(/runs out before the monthly reset/)).toBeTruthy();
  });

  it("tells a MEMBER they see only their own usage", async () => {
    renderApp("/orgs/org_acme/usage", [...signedInMocks([acme]), usageMock("MEMBER")]);
    expect(await screen.findByText(/Showing your own usage/)).toBeTruthy();
    expect(within(screen.getByRole("region", { name: "By member" })).getAllByRole("row")).toHaveLength(2);
  });

  it("keeps the section when switching orgs", async () => {
    renderApp("/orgs/org_acme/usage", [...signedInMocks([acme, initech]), usageMock("OWNER"), usageMock("OWNER", initech)]);
    await screen.findByRole("heading", { level: 1, name: "Org usage" });
    const switcher = screen.getByText(/Switch org/).closest("details") as HTMLElement;
    const link = within(switcher).getByRole("link", { name: "Initech" });
    expect(link.getAttribute("href")).toBe("/orgs/org_initech/usage");
    fireEvent.click(link);
    expect(await screen.findByText(fullBreadcrumb("Initech"))).toBeTruthy();
  });
});

const fullBreadcrumb = (name: string) => (_: string, el: Element | null) => el?.tagName === "A" && el.textContent === name;

describe("usage shares", () => {
  it("always add up to exactly 100", () => {
    for (const values of [
      [1, 1, 1],
      [2, 1],
      [667, 333],
      [5, 0, 0],
      [1, 2, 3, 4, 5, 6, 7],
    ]) {
      expect(shares(values).reduce((a, b) => a + b, 0)).toBeCloseTo(100, 9);
    }
    expect(shares([0, 0])).toEqual([0, 0]);
  });
});
