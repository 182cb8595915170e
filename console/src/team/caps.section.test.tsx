import { fireEvent, screen, within } from "@testing-library/react";
import { RemoveCapDocument, SetCapDocument, SetSoftAlertThresholdDocument } from "../gql/graphql";
import { acme, meMock, orgSwitcherMock, signedInMocks, devToolsMock } from "../test/fixtures";
import { renderApp } from "../test/render-app";
import { bob, bobMember, managerTeamMocks, research, teamSettingsMock, typed } from "../test/team.fixtures";

const capsSection = () => screen.getByRole("region", { name: "Caps" });
const capsTable = () => within(capsSection()).getByRole("table", { name: "Caps" });
const notifications = () => screen.getByRole("region", { name: "Notifications" });

const bobCap = { id: "cap_bob", scope: "MEMBER" as const, targetId: bobMember.id, monthlyLimit: 500, usedThisPeriod: 120 };
const researchCap = { id: "cap_research", scope: "SPACE" as const, targetId: research.id, monthlyLimit: 1_000, usedThisPeriod: 1_000 };

async function openTeam(state: Parameters<typeof managerTeamMocks>[1] = {}, extra: Parameters<typeof renderApp>[1] = []) {
  renderApp("/orgs/org_acme/team", [...signedInMocks([acme]), ...managerTeamMocks("OWNER", state), ...extra]);
  await screen.findByRole("heading", { level: 1, name: "Team settings" });
}

function setCap(target: string, limit: string) {
  const form = within(capsSection()).getByRole("form", { name: "Set a cap" });
  fireEvent.change(within(form).getByLabelText("Member or Space"), { target: { value: target } });
  fireEvent.change(within(form).getByLabelText("Monthly cap (credits)"), { target: { value: limit } });
  fireEvent.click(within(form).getByRole("button", { name: "Set cap" }));
  return form;
}

describe("Caps in Team settings", () => {
  it("sets a member's cap and shows what they used against it", async () => {
    await openTeam({}, [
      {
        request: { query: SetCapDocument, variables: { orgId: acme.id, scope: "MEMBER", targetId: bobMember.id, monthlyLimit: 500 } },
        result: { data: { setCap: typed.cap(bobCap) } },
      },
    ]);
    expect(within(capsSection()).getByText("No caps yet: every member and Space can spend up to the whole pool.")).toBeTruthy();

    setCap(`MEMBER:${bobMember.id}`, "500");

    const row = await within(capsSection()).findByRole("row", { name: /Bob Builder/ });
    expect(within(row).getByText("Member")).toBeTruthy();
    expect(within(row).getByText("120 of 500")).toBeTruthy();
    expect(within(row).getByText("500 credits")).toBeTruthy();
    expect(within(notifications()).getByText("Capped Bob Builder at 500 credits a month.")).toBeTruthy();
    // Bob has a cap now: the form offers only who is left.
    const options = within(within(capsSection()).getByLabelText("Member or Space")).getAllByRole("option");
    expect(options.map((o) => o.textContent)).not.toContain(bob.name);
  });

  it("refuses anything but whole credits, 0 or more, before asking the server", async () => {
    await openTeam();
    for (const typedLimit of ["-5", "1.5", "lots"]) {
      const form = setCap(`MEMBER:${bobMember.id}`, typedLimit);
      expect(within(form).getByText("Enter a whole number of credits, 0 or more.")).toBeTruthy();
      expect(document.activeElement).toBe(within(form).getByLabelText("Monthly cap (credits)"));
    }
    const form = setCap("", "10");
    expect(within(form).getByText("Choose a member or a Space.")).toBeTruthy();
  });

  it("changes a Space's cap in its row, and flags a cap that is reached", async () => {
    await openTeam({ caps: [researchCap] }, [
      {
        request: { query: SetCapDocument, variables: { orgId: acme.id, scope: "SPACE", targetId: research.id, monthlyLimit: 2_000 } },
        result: { data: { setCap: typed.cap({ ...researchCap, monthlyLimit: 2_000 }) } },
      },
    ]);
    const row = within(capsTable()).getByRole("row", { name: /Research/ });
    expect(within(row).getByText("Space")).toBeTruthy();
    expect(row.textContent).toContain("1,000 of 1,000 · cap reached");

    fireEvent.click(within(row).getByRole("button", { name: "Change the cap on Research" }));
    const field = within(row).getByLabelText("Monthly cap for Research, in credits");
    fireEvent.change(field, { target: { value: "-1" } });
    fireEvent.click(within(row).getByRole("button", { name: "Save" }));
    expect(within(row).getByRole("alert").textContent).toBe("Enter a whole number of credits, 0 or more.");
    fireEvent.change(field, { target: { value: "2000" } });
    fireEvent.click(within(row).getByRole("button", { name: "Save" }));

    expect(await within(row).findByText("2,000 credits")).toBeTruthy();
    expect(within(row).getByText("1,000 of 2,000")).toBeTruthy();
    expect(within(row).queryByText(/cap reached/)).toBeNull();
  });

  it("removes a cap after confirmation", async () => {
    await openTeam({ caps: [bobCap] }, [
      { request: { query: RemoveCapDocument, variables: { orgId: acme.id, capId: bobCap.id } }, result: { data: { removeCap: true } } },
    ]);
    fireEvent.click(within(capsTable()).getByRole("button", { name: "Remove the cap on Bob Builder" }));
    const dialog = screen.getByRole("dialog", { name: "Remove the cap on Bob Builder?" });
    expect(dialog.textContent).toContain("can then spend up to the whole pool");
    fireEvent.click(within(dialog).getByRole("button", { name: "Remove cap" }));
    expect(await within(capsSection()).findByText(/No caps yet/)).toBeTruthy();
  });

  it("sets the low-pool alert threshold, from 1 to 99 percent", async () => {
    await openTeam({}, [
      {
        request: { query: SetSoftAlertThresholdDocument, variables: { orgId: acme.id, percent: 25 } },
        result: { data: { setSoftAlertThreshold: { __typename: "Org", id: acme.id, softAlertThresholdPercent: 25 } } },
      },
    ]);
    const alert = within(capsSection()).getByRole("region", { name: "Low-pool alert" });
    expect(alert.textContent).toContain("The org's owner gets one email");
    expect(alert.textContent).toContain("Admins and members are not emailed");
    const field = within(alert).getByLabelText("Alert below (%)") as HTMLInputElement;
    expect(field.value).toBe("20");
    expect(alert.textContent).toContain("Now 20%: the owner is emailed below 2,200 of 11,000 credits.");

    fireEvent.change(field, { target: { value: "100" } });
    fireEvent.click(within(alert).getByRole("button", { name: "Save threshold" }));
    expect(within(alert).getByText("Enter a whole percent from 1 to 99.")).toBeTruthy();

    fireEvent.change(field, { target: { value: "25" } });
    fireEvent.click(within(alert).getByRole("button", { name: "Save threshold" }));
    expect(await within(notifications()).findByText("The owner will be emailed when the pool falls below 25%.")).toBeTruthy();
    expect(alert.textContent).toContain("Now 25%: the owner is emailed below 2,750 of 11,000 credits.");
  });

  it("explains that caps need a pool on a personal plan, and offers none", async () => {
    await openTeam({ plan: "PRO" });
    const caps = capsSection();
    expect(within(caps).getByRole("heading", { name: "Caps limit a Team pool" })).toBeTruthy();
    expect(within(caps).getByRole("link", { name: "Upgrade to Team in Billing" }).getAttribute("href")).toBe("/orgs/org_acme/billing");
    expect(within(caps).queryByRole("form")).toBeNull();
    expect(within(caps).queryByRole("region", { name: "Low-pool alert" })).toBeNull();
  });

  it("shows a MEMBER the caps and the threshold, read-only", async () => {
    renderApp("/orgs/org_acme/team", [
      meMock(bob),
      orgSwitcherMock([acme]),
      devToolsMock(),
      teamSettingsMock({ myRole: "MEMBER", caps: [bobCap] }),
    ]);
    await screen.findByRole("heading", { level: 1, name: "Team settings" });
    const row = within(capsTable()).getByRole("row", { name: /Bob Builder/ });
    expect(within(row).getByText("(you)")).toBeTruthy();
    expect(within(row).getByText("120 of 500")).toBeTruthy();
    expect(within(capsSection()).queryByRole("button")).toBeNull();
    expect(within(capsSection()).queryByRole("form")).toBeNull();
    expect(capsSection().textContent).toContain("The owner is emailed below 20%: 2,200 of 11,000 credits.");
  });
});
