import type { MockLink } from "@apollo/client/testing";
import { act, fireEvent, screen, within } from "@testing-library/react";
import { OrgRefusedCallsDocument, OrgUsageDocument, type Role } from "../gql/graphql";
import { acme, initech, signedInMocks } from "../test/fixtures";
import { renderApp } from "../test/render-app";
import { acmePool, typed } from "../test/team.fixtures";
import { learnServerTime, resetServerClock } from "../layout/server-clock";
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

type CapRow = { id: string; scope: "MEMBER" | "SPACE"; targetId: string; monthlyLimit: number; usedThisPeriod: number };
const miaCap: CapRow = { id: "cap_mia", scope: "MEMBER", targetId: "m_bob", monthlyLimit: 500, usedThisPeriod: 450 };

const usageMock = (
  myRole: Role,
  org = acme,
  { caps = [] as CapRow[], range = {} as { from?: string; to?: string }, plan = "TEAM", empty = false, historyHours = 168 } = {},
): MockLink.MockedResponse => ({
  request: { query: OrgUsageDocument, variables: { orgId: org.id, ...range } },
  result: {
    data: {
      org: {
        __typename: "Org",
        id: org.id,
        name: org.name,
        plan,
        myRole,
        softAlertThresholdPercent: 20,
        pool: plan === "TEAM" ? typed.pool(acmePool) : null,
        forecast:
          plan === "TEAM" ? { __typename: "Forecast", burnPerDay: 143, daysLeft: 12, runsOutBeforeReset: true, historyHours } : null,
        caps: caps.map((c) => ({ __typename: "Cap" as const, ...c })),
        usage: empty ? { ...report(myRole), totalCredits: 0, calls: 0, byMember: [], bySpace: [], byModel: [], daily: [] } : report(myRole),
      },
    },
  },
});

type Refused = { total: number; byMember: object[]; bySpace: object[]; byReason: object[] };
const noneRefused: Refused = { total: 0, byMember: [], bySpace: [], byReason: [] };
/** The refused calls of the current period, as the server answers them. */
const refusedMock = (refused: Refused = noneRefused, org = acme): MockLink.MockedResponse => ({
  request: { query: OrgRefusedCallsDocument, variables: { orgId: org.id } },
  result: { data: { org: { __typename: "Org", id: org.id, refusedCalls: { __typename: "RefusedCallsReport", ...refused } } } },
});
const ownerRefused: Refused = {
  total: 5,
  byMember: [
    { __typename: "RefusedCallsByMember", memberId: "m_bob", name: "Bob", count: 4 },
    { __typename: "RefusedCallsByMember", memberId: "m_ada", name: "Ada Lovelace", count: 1 },
  ],
  bySpace: [{ __typename: "RefusedCallsBySpace", spaceId: "s_r", name: "Research", count: 5 }],
  byReason: [
    {
      __typename: "RefusedCallsByReason",
      reason: "MEMBER_CAP_REACHED",
      description: "The member had reached their monthly cap.",
      count: 4,
    },
    { __typename: "RefusedCallsByReason", reason: "POOL_EXHAUSTED", description: "The org's credit pool was empty.", count: 1 },
  ],
};

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

  it("says there is not enough history yet for a pool hours old, instead of projecting minutes of use (finding 28)", async () => {
    renderApp("/orgs/org_acme/usage", [...signedInMocks([acme]), usageMock("OWNER", acme, { historyHours: 0 }), refusedMock()]);
    const pool = await screen.findByRole("region", { name: "Credit pool" });
    expect(pool.textContent).toContain("Not enough history yet to project the pool's runway: the pool is less than an hour old");
    expect(pool.textContent).not.toContain("lasts about");
  });

  it("says how many days of the week a young pool's pace rests on", async () => {
    renderApp("/orgs/org_acme/usage", [...signedInMocks([acme]), usageMock("OWNER", acme, { historyHours: 50 }), refusedMock()]);
    const pool = await screen.findByRole("region", { name: "Credit pool" });
    expect(pool.textContent).toContain("It rests on 2 of the last 7 days.");
  });

  it("shows owners the refused calls by member, Space and reason, in words (finding 8)", async () => {
    renderApp("/orgs/org_acme/usage", [...signedInMocks([acme]), usageMock("OWNER"), refusedMock(ownerRefused)]);
    const card = await screen.findByRole("region", { name: "Refused calls" });
    expect(await within(card).findByText(/refused in this range/)).toBeTruthy();
    expect(card.textContent).toContain("5 calls refused in this range.");
    const reasons = within(card).getByRole("list", { name: "Why calls were refused" });
    expect(
      within(reasons)
        .getAllByRole("listitem")
        .map((li) => li.textContent),
    ).toEqual([
      "4 calls: Member at their monthly cap: raise the cap in Team settings, or wait for the reset.",
      "1 call: Credit pool empty: a top-up adds credits at once; the monthly ones come back at the reset.",
    ]);
    const byMember = within(card).getByRole("table", { name: "Refused calls by member" });
    expect(within(byMember).getByRole("row", { name: /Bob/ }).textContent).toContain("4");
    expect(within(card).getByRole("table", { name: "Refused calls by Space" }).textContent).toContain("Research");
  });

  it("tells owners when no call was refused", async () => {
    renderApp("/orgs/org_acme/usage", [...signedInMocks([acme]), usageMock("OWNER"), refusedMock()]);
    const card = await screen.findByRole("region", { name: "Refused calls" });
    expect(await within(card).findByText("No call was refused in this range.")).toBeTruthy();
  });

  it("shows a MEMBER their own refused calls next to their cap, and no org-wide card", async () => {
    const mine: Refused = {
      total: 2,
      byMember: [{ __typename: "RefusedCallsByMember", memberId: "m_bob", name: "Bob", count: 2 }],
      bySpace: [{ __typename: "RefusedCallsBySpace", spaceId: "s_r", name: "Research", count: 2 }],
      byReason: [
        {
          __typename: "RefusedCallsByReason",
          reason: "MEMBER_CAP_REACHED",
          description: "The member had reached their monthly cap.",
          count: 2,
        },
      ],
    };
    renderApp("/orgs/org_acme/usage", [...signedInMocks([acme]), usageMock("MEMBER", acme, { caps: [miaCap] }), refusedMock(mine)]);
    const cap = await screen.findByRole("region", { name: "Your cap" });
    const refused = await within(cap).findByRole("status", { name: "Your refused calls" });
    expect(refused.textContent).toContain("2 calls of yours refused in this range");
    expect(refused.textContent).toContain("The member had reached their monthly cap.");
    expect(screen.queryByRole("region", { name: "Refused calls" })).toBeNull();
  });

  it("tells a MEMBER they see only their own usage, without a one-row 'By member' table", async () => {
    renderApp("/orgs/org_acme/usage", [...signedInMocks([acme]), usageMock("MEMBER")]);
    expect(await screen.findByText(/Showing your own usage/)).toBeTruthy();
    expect(screen.queryByRole("region", { name: "By member" })).toBeNull();
    expect(screen.getByRole("region", { name: "By Space" })).toBeTruthy();
  });

  it("shows a MEMBER their own cap: used, left and the reset date", async () => {
    renderApp("/orgs/org_acme/usage", [...signedInMocks([acme]), usageMock("MEMBER", acme, { caps: [miaCap] })]);
    const cap = await screen.findByRole("region", { name: "Your cap" });
    expect(cap.textContent).toContain("450 of your 500-credit cap used this period; 50 left.");
    expect(cap.textContent).toMatch(/It resets on Mar 5, 2026/);
    expect(within(cap).getByRole("meter", { name: "Your cap used" }).getAttribute("value")).toBe("450");
    // The forecast does not suggest what a MEMBER cannot do.
    expect(screen.getByRole("region", { name: "Credit pool" }).textContent).toContain("The org's owner can buy a top-up.");
  });

  it("tells a MEMBER at their cap that their calls are refused until the reset", async () => {
    renderApp("/orgs/org_acme/usage", [
      ...signedInMocks([acme]),
      usageMock("MEMBER", acme, { caps: [{ ...miaCap, usedThisPeriod: 500 }] }),
    ]);
    const cap = await screen.findByRole("region", { name: "Your cap" });
    expect(within(cap).getByRole("status").textContent).toContain("You've reached your cap: your calls are refused");
  });

  it("does not show owners a 'Your cap' section", async () => {
    renderApp("/orgs/org_acme/usage", [...signedInMocks([acme]), usageMock("OWNER", acme, { caps: [miaCap] })]);
    await screen.findByRole("heading", { level: 1, name: "Org usage" });
    expect(screen.queryByRole("region", { name: "Your cap" })).toBeNull();
  });

  it("says a Free org's calls are refused, rather than promising they show up", async () => {
    renderApp("/orgs/org_acme/usage", [...signedInMocks([acme]), usageMock("OWNER", acme, { plan: "FREE", empty: true })]);
    expect(await screen.findByText(/On the Free plan this org has no shared pool of credits/)).toBeTruthy();
    expect(screen.getByText(/a member without one is refused/)).toBeTruthy();
    expect(screen.getByRole("link", { name: "Upgrade to Team" }).getAttribute("href")).toBe("/orgs/org_acme/billing");
    expect(screen.queryByText(/show up here as they happen/)).toBeNull();
  });

  it("refuses a custom range over 400 days next to the dates, keeping the page", async () => {
    renderApp("/orgs/org_acme/usage?period=custom&from=2026-02-01&to=2026-02-28", [
      ...signedInMocks([acme]),
      usageMock("OWNER", acme, { range: { from: "2026-02-01T00:00:00.000Z", to: "2026-03-01T00:00:00.000Z" } }),
    ]);
    const form = await screen.findByRole("form", { name: "Custom range" });
    fireEvent.change(within(form).getByLabelText("From"), { target: { value: "2020-01-01" } });
    fireEvent.change(within(form).getByLabelText("To (included)"), { target: { value: "2030-12-31" } });
    fireEvent.click(within(form).getByRole("button", { name: "Show" }));
    expect(await within(form).findByText("A report covers at most 400 days; pick a shorter range.")).toBeTruthy();
    // Still the whole page: the picker, the pool and the figures of the range shown.
    expect(screen.getByRole("radio", { name: "Current period" })).toBeTruthy();
    expect(screen.getByRole("region", { name: "Credit pool" })).toBeTruthy();
    expect(screen.queryByText("We couldn't load usage")).toBeNull();
  });

  it("says a deep link's reversed or garbled range is not valid, and shows the current period", async () => {
    for (const [from, to, why] of [
      ["2026-12-31", "2026-12-01", "The end date comes before the start date."],
      ["garbage", "2026-12-01", "Pick both dates."],
    ]) {
      const view = renderApp(`/orgs/org_acme/usage?period=custom&from=${from}&to=${to}`, [...signedInMocks([acme]), usageMock("OWNER")]);
      const form = await screen.findByRole("form", { name: "Custom range" });
      expect(within(form).getByRole("alert").textContent).toBe(`This link's range isn't valid: ${why} Showing the current period instead.`);
      // The header names the period the figures are for.
      expect(screen.getByRole("region", { name: "Period" }).textContent).toMatch(/Feb 5, 2026 to Mar 5, 2026/);
      view.unmount();
    }
  });

  it("offers the current period, not a useless retry, when the server refuses a range", async () => {
    renderApp("/orgs/org_acme/usage?period=custom&from=2026-02-01&to=2026-02-28", [
      ...signedInMocks([acme]),
      {
        request: {
          query: OrgUsageDocument,
          variables: { orgId: acme.id, from: "2026-02-01T00:00:00.000Z", to: "2026-03-01T00:00:00.000Z" },
        },
        result: { errors: [{ message: "to: a report covers at most 400 days", extensions: { code: "BAD_USER_INPUT", field: "to" } }] },
      },
      usageMock("OWNER"),
    ]);
    const back = await screen.findByRole("link", { name: "Show the current period" });
    expect(screen.queryByRole("button", { name: "Try again" })).toBeNull();
    fireEvent.click(back);
    expect(await screen.findByRole("heading", { level: 1, name: "Org usage" })).toBeTruthy();
  });

  it("counts the days to the reset on the server's clock (dev tools move it)", async () => {
    // The server is 20 days ahead of this browser: 2026-02-23, ten days before the reset on 2026-03-05.
    learnServerTime(new Date(Date.parse("2026-02-23T09:00:00.000Z")).toISOString());
    try {
      renderApp("/orgs/org_acme/usage", [...signedInMocks([acme]), usageMock("OWNER")]);
      const pool = await screen.findByRole("region", { name: "Credit pool" });
      expect(pool.textContent).toContain("The monthly credits reset in 10 days.");
    } finally {
      act(() => resetServerClock());
    }
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
