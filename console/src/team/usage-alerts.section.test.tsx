import { fireEvent, screen, within } from "@testing-library/react";
import { CreateUsageAlertDocument, DeleteUsageAlertDocument } from "../gql/graphql";
import { acme, signedInMocks } from "../test/fixtures";
import { renderApp } from "../test/render-app";
import { bobMember, managerTeamMocks, research, softAlert, typed, usageAlertsMock } from "../test/team.fixtures";

const section = () => screen.getByRole("region", { name: "Usage alerts" });
const table = () => within(section()).getByRole("table", { name: "Usage alerts" });
const form = () => within(section()).getByRole("form", { name: "Add a usage alert" });
const notifications = () => screen.getByRole("region", { name: "Notifications" });

const poolHalf = {
  id: "alert_pool",
  scope: "POOL" as const,
  targetId: null,
  thresholdPercent: 50,
  notifyRoles: ["OWNER" as const, "ADMIN" as const],
  triggered: true,
  lastTriggeredAt: "2026-02-20T10:00:00.000Z",
};
const bobTen = {
  id: "alert_bob",
  scope: "MEMBER" as const,
  targetId: bobMember.id,
  thresholdPercent: 10,
  notifyRoles: ["OWNER" as const, "MEMBER" as const],
  triggered: false,
  lastTriggeredAt: "2026-01-20T10:00:00.000Z",
};
const bobCap = { id: "cap_bob", scope: "MEMBER" as const, targetId: bobMember.id, monthlyLimit: 500, usedThisPeriod: 120 };

async function openTeam(alerts = [softAlert], extra: Parameters<typeof renderApp>[1] = [], state = {}) {
  // The alerts mock first: it answers before managerTeamMocks' default list.
  renderApp("/orgs/org_acme/team", [...signedInMocks([acme]), usageAlertsMock(alerts), ...managerTeamMocks("ADMIN", state), ...extra]);
  await within(await screen.findByRole("region", { name: "Usage alerts" })).findByRole("table", { name: "Usage alerts" });
}

describe("Usage alerts in Team settings", () => {
  it("lists the soft alert first, set by its threshold and never removed here, then the org's alerts in words", async () => {
    await openTeam([softAlert, poolHalf, bobTen], [], { caps: [bobCap], softAlertThresholdPercent: 25 });
    const rows = within(table()).getAllByRole("row").slice(1);
    expect(rows).toHaveLength(3);

    // The soft alert at the org's threshold (the setting above may have changed it since the list was read).
    const soft = rows[0];
    expect(soft.textContent).toContain("Low-pool alert");
    expect(soft.textContent).toContain("25%");
    expect(soft.textContent).toContain("2,750 of 11,000 monthly credits left");
    expect(soft.textContent).toContain("The owner");
    expect(within(soft).queryByRole("button")).toBeNull();
    expect(
      within(soft)
        .getByRole("link", { name: /Change its threshold/ })
        .getAttribute("href"),
    ).toBe("#soft-alert");

    const pool = rows[1];
    expect(within(pool).getByRole("rowheader").textContent).toBe("Pool");
    expect(pool.textContent).toContain("5,500 of 11,000 monthly credits left");
    expect(pool.textContent).toContain("The owner and admins");
    expect(pool.textContent).toMatch(/Triggered since Feb 20, 2026/);

    const bob = rows[2];
    expect(within(bob).getByRole("rowheader").textContent).toBe("Member: Bob Builder");
    expect(bob.textContent).toContain("50 of the 500-credit cap left");
    expect(bob.textContent).toContain("The owner and the member");
    expect(bob.textContent).toMatch(/Not triggered last Jan 20, 2026/);
    expect(within(bob).getByRole("button", { name: "Remove the alert on Member: Bob Builder below 10%" })).toBeTruthy();
  });

  it("adds a Space alert: the target is picked, the threshold and the recipients checked first", async () => {
    const created = {
      id: "alert_research",
      scope: "SPACE" as const,
      targetId: research.id,
      thresholdPercent: 30,
      notifyRoles: ["OWNER" as const, "ADMIN" as const],
      triggered: false,
      lastTriggeredAt: null,
    };
    await openTeam(
      [softAlert],
      [
        {
          request: {
            query: CreateUsageAlertDocument,
            variables: { orgId: acme.id, scope: "SPACE", targetId: research.id, thresholdPercent: 30, notifyRoles: ["OWNER", "ADMIN"] },
          },
          result: { data: { createUsageAlert: typed.alert(created) } },
        },
      ],
    );
    fireEvent.change(within(form()).getByLabelText("Watches"), { target: { value: "SPACE" } });
    // Only a member's cap may email the member themself.
    expect(within(form()).queryByRole("checkbox", { name: /^The member/ })).toBeNull();
    fireEvent.change(within(form()).getByLabelText("Alert below (%)"), { target: { value: "100" } });
    fireEvent.click(within(form()).getByRole("checkbox", { name: /^The owner/ }));
    fireEvent.click(within(form()).getByRole("button", { name: "Add alert" }));
    expect(within(form()).getByText("Choose a Space.")).toBeTruthy();
    expect(within(form()).getByText("Enter a whole percent from 1 to 99.")).toBeTruthy();
    expect(within(form()).getByText("Pick who is emailed.")).toBeTruthy();
    expect(document.activeElement).toBe(within(form()).getByLabelText("Space"));

    fireEvent.change(within(form()).getByLabelText("Space"), { target: { value: research.id } });
    fireEvent.change(within(form()).getByLabelText("Alert below (%)"), { target: { value: "30" } });
    fireEvent.click(within(form()).getByRole("checkbox", { name: /^The owner/ }));
    fireEvent.click(within(form()).getByRole("checkbox", { name: /^Admins/ }));
    fireEvent.click(within(form()).getByRole("button", { name: "Add alert" }));

    const row = await within(table()).findByRole("row", { name: /Space: Research/ });
    expect(row.textContent).toContain("no cap set: quiet until one is");
    expect(
      within(notifications()).getByText(
        "Added a usage alert: the owner and admins will be emailed when the Space Research's cap falls below 30%.",
      ),
    ).toBeTruthy();
    // The form is ready for the next one: the pool again.
    expect((within(form()).getByLabelText("Watches") as HTMLSelectElement).value).toBe("POOL");
  });

  it("offers the member themself as a recipient of a member's alert", async () => {
    await openTeam();
    fireEvent.change(within(form()).getByLabelText("Watches"), { target: { value: "MEMBER" } });
    const members = within(within(form()).getByLabelText("Member")).getAllByRole("option");
    expect(members.map((o) => o.textContent)).toEqual(["Choose…", "Ada Lovelace (you)", "Grace Hopper", "Bob Builder"]);
    expect(within(form()).getByRole("checkbox", { name: /^The member/ })).toBeTruthy();
  });

  it("removes an alert after confirmation", async () => {
    await openTeam(
      [softAlert, poolHalf],
      [
        {
          request: { query: DeleteUsageAlertDocument, variables: { orgId: acme.id, alertId: poolHalf.id } },
          result: { data: { deleteUsageAlert: true } },
        },
      ],
    );
    fireEvent.click(within(table()).getByRole("button", { name: "Remove the alert on Pool below 50%" }));
    const dialog = screen.getByRole("dialog", { name: "Remove the alert on the pool below 50%?" });
    expect(dialog.textContent).toContain("The owner and admins will no longer be emailed when the pool falls below 50%.");
    fireEvent.click(within(dialog).getByRole("button", { name: "Remove alert" }));

    expect(await within(notifications()).findByText("Removed the usage alert on the pool below 50%.")).toBeTruthy();
    expect(within(table()).getAllByRole("row")).toHaveLength(2);
    expect(within(table()).getByText("Low-pool alert")).toBeTruthy();
  });

  it("says alerts need a pool on a personal plan", async () => {
    renderApp("/orgs/org_acme/team", [...signedInMocks([acme]), ...managerTeamMocks("OWNER", { plan: "PRO" })]);
    const alerts = await screen.findByRole("region", { name: "Usage alerts" });
    expect(alerts.textContent).toContain("Usage alerts watch a Team or Enterprise pool and its caps; Acme has no pool.");
    expect(within(alerts).queryByRole("form")).toBeNull();
  });
});
