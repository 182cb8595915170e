import { act, fireEvent, screen, within } from "@testing-library/react";
import { VoidUsageDocument } from "../gql/graphql";
import { learnServerTime, resetServerClock } from "../layout/server-clock";
import { acme, signedInMocks } from "../test/fixtures";
import { renderApp } from "../test/render-app";
import { lastPeriodCall, orgUsageMock, splitCall, usageEventsMock, voidedCall } from "../test/usage.fixtures";

const calls = () => screen.getByRole("region", { name: "Recorded calls" });
const rowOf = (model: RegExp) => within(within(calls()).getByRole("table", { name: "Recorded calls" })).getByRole("row", { name: model });
const stats = () => document.querySelector(".usage-stats") as HTMLElement;

const REASON = "Gateway retried with a fresh key";

describe("Recorded calls on Org usage", () => {
  beforeEach(() => {
    // The server's clock: three days after the split call, so every call here is within 30 days.
    act(() => learnServerTime("2026-02-23T10:00:00.000Z"));
  });
  afterEach(() => act(() => resetServerClock()));

  it("lists calls newest first with where their credits came from; a voided one apart, with its reason", async () => {
    renderApp("/orgs/org_acme/usage", [...signedInMocks([acme]), orgUsageMock("OWNER"), usageEventsMock([splitCall, voidedCall])]);
    const split = await within(await screen.findByRole("region", { name: "Recorded calls" })).findByRole("row", { name: /gpt-4o.*15/ });
    expect(split.textContent).toContain("Bob Builder");
    expect(split.textContent).toContain("Research");
    expect(split.textContent).toContain("12 top-up · 3 monthly");
    expect(within(split).getByRole("button", { name: "Void the call of Bob Builder" })).toBeTruthy();

    const voided = rowOf(/100/);
    expect(voided.querySelector("del")?.textContent).toBe("voided: 100");
    expect(voided.textContent).toContain("Voided:");
    expect(voided.textContent).toContain("Test run against production");
    expect(within(voided).queryByRole("button")).toBeNull();
  });

  it("voids a call: the dialog says where the credits go back and wants a reason; then the call is marked and the totals asked again", async () => {
    renderApp("/orgs/org_acme/usage", [
      ...signedInMocks([acme]),
      orgUsageMock("OWNER", { totalCredits: 155, calls: 2 }),
      usageEventsMock([splitCall, lastPeriodCall]),
      {
        request: { query: VoidUsageDocument, variables: { orgId: acme.id, eventId: splitCall.id, reason: REASON } },
        result: {
          data: { voidUsage: { __typename: "UsageEvent", ...splitCall, voidedAt: "2026-02-23T10:00:00.000Z", voidReason: REASON } },
        },
      },
      // The server counts the voided call out.
      orgUsageMock("OWNER", { totalCredits: 140, calls: 1 }),
    ]);
    await screen.findByRole("region", { name: "Recorded calls" });
    expect(stats().textContent).toContain("Credits155");
    const split = await within(calls()).findByRole("row", { name: /gpt-4o/ });
    fireEvent.click(within(split).getByRole("button", { name: "Void the call of Bob Builder" }));

    const dialog = screen.getByRole("dialog", { name: "Void this call?" });
    const preview = within(dialog).getByRole("region", { name: "Where the credits go back" });
    expect(preview.textContent).toContain("12 back to top-up; 3 back to monthly.");
    expect(preview.textContent).toContain("Bob Builder's and Research's caps count 15 fewer this period.");
    fireEvent.click(within(dialog).getByRole("button", { name: "Void call" }));
    expect(within(dialog).getByText("Say why the call is voided in a few words (at least 3 characters).")).toBeTruthy();
    expect(document.activeElement).toBe(within(dialog).getByLabelText("Reason"));

    fireEvent.change(within(dialog).getByLabelText("Reason"), { target: { value: `  ${REASON} ` } });
    fireEvent.click(within(dialog).getByRole("button", { name: "Void call" }));

    expect(await screen.findByText(`Voided Bob Builder's call of 15 credits: 12 back to top-up; 3 back to monthly.`)).toBeTruthy();
    expect(screen.queryByRole("dialog")).toBeNull();
    const marked = rowOf(/gpt-4o/);
    expect(marked.textContent).toContain(REASON);
    expect(within(marked).queryByRole("button")).toBeNull();
    expect(stats().textContent).toContain("Credits140");
    expect(stats().textContent).toContain("Calls1");
  });

  it("says a previous period's monthly credits do not come back", async () => {
    renderApp("/orgs/org_acme/usage", [...signedInMocks([acme]), orgUsageMock("ADMIN"), usageEventsMock([lastPeriodCall])]);
    const row = await within(await screen.findByRole("region", { name: "Recorded calls" })).findByRole("row", { name: /claude-sonnet/ });
    fireEvent.click(within(row).getByRole("button", { name: "Void the call of Bob Builder" }));
    const dialog = screen.getByRole("dialog", { name: "Void this call?" });
    expect(dialog.textContent).toContain("Nothing comes back.");
    expect(dialog.textContent).toContain("40 monthly credits don't come back: the call was in an earlier period");
    fireEvent.click(within(dialog).getByRole("button", { name: "Cancel" }));
    expect(screen.queryByRole("dialog")).toBeNull();
  });

  it("offers no Void on calls older than 30 days, nor to a MEMBER", async () => {
    act(() => learnServerTime("2026-03-19T10:00:00.000Z"));
    const { unmount } = renderApp("/orgs/org_acme/usage", [
      ...signedInMocks([acme]),
      orgUsageMock("OWNER"),
      usageEventsMock([splitCall, lastPeriodCall]),
    ]);
    const table = await within(await screen.findByRole("region", { name: "Recorded calls" })).findByRole("table");
    // Feb 20 is within 30 days of Mar 19; Feb 1 is not.
    expect(within(rowOf(/gpt-4o/)).getByRole("button", { name: /Void/ })).toBeTruthy();
    expect(within(rowOf(/claude-sonnet/)).queryByRole("button")).toBeNull();
    expect(
      within(table)
        .getAllByRole("columnheader")
        .map((h) => h.textContent),
    ).toContain("Member");
    unmount();

    renderApp("/orgs/org_acme/usage", [...signedInMocks([acme]), orgUsageMock("MEMBER"), usageEventsMock([splitCall])]);
    const mine = await within(await screen.findByRole("region", { name: "Recorded calls" })).findByRole("table");
    expect(within(mine).queryByRole("button")).toBeNull();
    // Their own calls: no member column.
    expect(
      within(mine)
        .getAllByRole("columnheader")
        .map((h) => h.textContent),
    ).not.toContain("Member");
    expect(calls().textContent).toContain("Your recorded calls");
  });
});
