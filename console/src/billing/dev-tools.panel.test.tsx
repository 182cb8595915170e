import { act, fireEvent, screen, waitFor } from "@testing-library/react";
import { DevAdvanceClockDocument, DevToolsEnabledDocument } from "../gql/graphql";
import { resetServerClock, serverNow } from "../layout/server-clock";
import { billingSectionMocks, orgBillingMock, teamAcme } from "../test/billing.fixtures";
import { acme, signedInMocks } from "../test/fixtures";
import { renderApp } from "../test/render-app";

const probe = { request: { query: DevToolsEnabledDocument }, result: { data: { devToolsEnabled: true } } };

async function openBilling(org: typeof teamAcme, extra: Parameters<typeof renderApp>[1] = []) {
  renderApp("/orgs/org_acme/billing", [...signedInMocks([acme]), orgBillingMock(org), ...extra, ...billingSectionMocks(org)]);
  await screen.findByRole("heading", { level: 1, name: "Billing" });
}

afterEach(() => act(() => resetServerClock()));

describe("Developer tools panel", () => {
  it("is not shown to a MEMBER (the clock moves for every org on the server)", async () => {
    await openBilling({ ...teamAcme, myRole: "MEMBER" });
    expect(screen.getByRole("region", { name: "Credit pool" })).toBeTruthy();
    expect(screen.queryByText("Developer tools")).toBeNull();
  });

  it("moves the console's idea of now with the server's clock", async () => {
    const moved = new Date(Date.now() + 31 * 86_400_000).toISOString();
    await openBilling(teamAcme, [
      probe,
      { request: { query: DevAdvanceClockDocument, variables: { days: 31 } }, result: { data: { devAdvanceClock: moved } } },
    ]);
    fireEvent.click(screen.getByText("Developer tools"));
    fireEvent.click(await screen.findByRole("button", { name: "Advance 31 days" }));
    await waitFor(() => expect(Math.abs(serverNow().getTime() - Date.parse(moved))).toBeLessThan(5_000));
  });
});
