import { screen, within } from "@testing-library/react";
import { billingSectionMocks, orgBillingMock, teamAcme } from "../test/billing.fixtures";
import { acme, signedInMocks } from "../test/fixtures";
import { renderApp } from "../test/render-app";
import { softAlert, usageAlertsMock } from "../test/team.fixtures";

const poolAlert = (id: string, thresholdPercent: number) => ({
  id,
  scope: "POOL" as const,
  targetId: null,
  thresholdPercent,
  notifyRoles: ["ADMIN" as const],
  triggered: false,
  lastTriggeredAt: null,
});
const spaceAlert = { ...poolAlert("alert_space", 30), scope: "SPACE" as const, targetId: "space_research" };

describe("Billing's pool gauge and the usage alerts", () => {
  it("ticks every pool alert for an owner (not the Space alerts)", async () => {
    renderApp("/orgs/org_acme/billing", [
      ...signedInMocks([acme]),
      orgBillingMock(teamAcme),
      usageAlertsMock([softAlert, poolAlert("alert_half", 50), spaceAlert, poolAlert("alert_ten", 10)]),
      ...billingSectionMocks(teamAcme),
    ]);
    const pool = await screen.findByRole("region", { name: "Credit pool" });
    await within(pool).findByText("Usage alerts");
    expect(
      within(pool)
        .getAllByTestId("gauge-tick")
        .map((t) => t.getAttribute("title")),
    ).toEqual([
      "Usage alert: below 1,100 credits (10%)",
      "Low-pool alert: below 2,200 credits (20%)",
      "Usage alert: below 5,500 credits (50%)",
    ]);
    expect(within(pool).getByText("Usage alerts").closest("div")?.textContent).toContain(
      "below 5,500, 1,10050%, 10% of the month's allotment",
    );
  });

  it("marks only the low-pool alert for a MEMBER, who may not list alerts", async () => {
    renderApp("/orgs/org_acme/billing", [
      ...signedInMocks([acme]),
      orgBillingMock({ ...teamAcme, myRole: "MEMBER" }),
      ...billingSectionMocks({ ...teamAcme, myRole: "MEMBER" }),
    ]);
    const pool = await screen.findByRole("region", { name: "Credit pool" });
    expect(within(pool).getAllByTestId("gauge-tick")).toHaveLength(1);
    expect(within(pool).queryByText(/Usage alert/)).toBeNull();
  });
});
