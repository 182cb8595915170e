import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { LeaveOrgDocument, type Plan, SetMyPersonalCreditsDocument } from "../gql/graphql";
import { acme, apiError, initech, meMock, myOrgsMock, orgSwitcherMock, signedInMocks, devToolsMock } from "../test/fixtures";
import { orgHomeMock as orgHome } from "../test/org-home.fixtures";
import { renderApp } from "../test/render-app";
import { bob, grace, managerTeamMocks, teamSettingsMock, bobMember } from "../test/team.fixtures";

const notifications = () => screen.getByRole("region", { name: "Notifications" });
const membership = () => screen.getByRole("region", { name: "Your membership" });
const leaveMock = (result: object) => ({ request: { query: LeaveOrgDocument, variables: { orgId: acme.id } }, result });
const orgHomeMock = orgHome(acme, { billingInterval: "MONTHLY", myRole: "MEMBER" });

/** Bob (MEMBER of Acme, also in Initech) opens his orgs, then Acme's Team settings, as a person would. */
async function openAsBob(extra: Parameters<typeof renderApp>[1], plan: Plan = "TEAM") {
  const view = renderApp("/", [
    meMock(bob),
    orgSwitcherMock([acme, initech]),
    devToolsMock(),
    myOrgsMock([acme, initech]),
    orgHomeMock,
    teamSettingsMock({ myRole: "MEMBER", plan }),
    ...extra,
  ]);
  fireEvent.click(await within(await screen.findByRole("list", { name: "Your orgs" })).findByRole("link", { name: "Acme" }));
  fireEvent.click(await screen.findByRole("link", { name: "Team settings" }));
  await screen.findByRole("heading", { level: 1, name: "Team settings" });
  return view;
}

describe("Leaving an org", () => {
  it("tells the OWNER to transfer ownership first, with nothing to press", async () => {
    renderApp("/orgs/org_acme/team", [...signedInMocks([acme]), ...managerTeamMocks("OWNER")]);
    await screen.findByRole("heading", { level: 1, name: "Team settings" });
    expect(membership().textContent).toContain("You own this org: transfer ownership to another member before you can leave.");
    expect(within(membership()).queryByRole("button")).toBeNull();
  });

  it("lets a MEMBER leave after confirming, then drops the org from their lists and says so", async () => {
    const { cache } = await openAsBob([leaveMock({ data: { leaveOrg: true } })]);

    fireEvent.click(within(membership()).getByRole("button", { name: "Leave Acme" }));
    const dialog = screen.getByRole("dialog", { name: "Leave Acme?" });
    expect(dialog.textContent).toContain("credit pool, its Spaces");
    expect(dialog.textContent).toContain("you need a new invitation");
    // Cancel is the default, and changes nothing.
    expect(document.activeElement).toBe(within(dialog).getByRole("button", { name: "Cancel" }));
    fireEvent.click(within(dialog).getByRole("button", { name: "Leave org" }));

    // Home, from the cache: no second request for the org list (none is mocked).
    expect(await screen.findByRole("heading", { level: 1, name: "Your orgs" })).toBeTruthy();
    expect(within(notifications()).getByText("You left Acme.")).toBeTruthy();
    const orgList = screen.getByRole("list", { name: "Your orgs" });
    expect(within(orgList).queryByRole("link", { name: "Acme" })).toBeNull();
    expect(within(orgList).getByRole("link", { name: "Initech" })).toBeTruthy();
    // The header's switcher lists the orgs still theirs.
    const switcher = screen.getByText("All orgs", { selector: "summary" }).closest("details") as HTMLElement;
    expect(within(switcher).queryByRole("link", { name: "Acme" })).toBeNull();
    expect(within(switcher).getByRole("link", { name: "Initech" })).toBeTruthy();
    expect(JSON.stringify(cache.extract().ROOT_QUERY?.myOrgs)).not.toContain("org_acme");
    // The org itself is gone from the cache (Back asks the server again), and Initech is kept.
    await waitFor(() => expect(cache.extract()["Org:org_acme"]).toBeUndefined());
    expect(cache.extract()["Org:org_initech"]).toBeDefined();
  });

  it("shows a MEMBER their personal-credits consent and saves a change", async () => {
    await openAsBob([
      {
        request: { query: SetMyPersonalCreditsDocument, variables: { orgId: acme.id, allowed: true } },
        result: { data: { setPersonalCreditsAllowed: { __typename: "Member", id: bobMember.id, personalCreditsAllowed: true } } },
      },
    ]);
    const consent = within(membership()).getByRole("checkbox", {
      name: "Let this org's API keys spend my personal credits",
    }) as HTMLInputElement;
    // Off until the member agrees (the fixture's default for non-owners).
    expect(consent.checked).toBe(false);
    fireEvent.click(consent);
    await waitFor(() => expect(consent.checked).toBe(true));
    expect(within(membership()).queryByRole("alert")).toBeNull();
  });

  it("tells a MEMBER the consent counts on every personal plan, Starter too", async () => {
    for (const plan of ["FREE", "STARTER", "PRO"] as const) {
      const view = await openAsBob([], plan);
      expect(within(membership()).getByText(/paid from your personal credits only if this is on/)).toBeTruthy();
      view.unmount();
    }
    const view = await openAsBob([], "TEAM");
    expect(within(membership()).getByText(/it has a shared pool now/)).toBeTruthy();
    view.unmount();
  });

  it("keeps the consent as it was and says why when saving fails", async () => {
    await openAsBob([
      {
        request: { query: SetMyPersonalCreditsDocument, variables: { orgId: acme.id, allowed: true } },
        result: apiError("FORBIDDEN"),
      },
    ]);
    const consent = within(membership()).getByRole("checkbox", { name: /personal credits/ }) as HTMLInputElement;
    fireEvent.click(consent);
    expect(await within(membership()).findByText("Your role does not allow this.")).toBeTruthy();
    expect(consent.checked).toBe(false);
  });

  it("lets an ADMIN leave too", async () => {
    renderApp("/orgs/org_acme/team", [
      meMock(grace),
      orgSwitcherMock([acme]),
      devToolsMock(),
      ...managerTeamMocks("ADMIN"),
      leaveMock({ data: { leaveOrg: true } }),
      myOrgsMock([]),
    ]);
    await screen.findByRole("heading", { level: 1, name: "Team settings" });
    fireEvent.click(within(membership()).getByRole("button", { name: "Leave Acme" }));
    fireEvent.click(within(screen.getByRole("dialog", { name: "Leave Acme?" })).getByRole("button", { name: "Leave org" }));
    expect(await screen.findByRole("heading", { name: "You're not in any org yet" })).toBeTruthy();
    expect(within(notifications()).getByText("You left Acme.")).toBeTruthy();
  });

  it("keeps the dialog open with the server's reason when leaving is refused", async () => {
    await openAsBob([leaveMock(apiError("CONFLICT", "The owner cannot leave: transfer ownership to another member first."))]);
    fireEvent.click(within(membership()).getByRole("button", { name: "Leave Acme" }));
    const dialog = screen.getByRole("dialog", { name: "Leave Acme?" });
    fireEvent.click(within(dialog).getByRole("button", { name: "Leave org" }));

    expect(await within(dialog).findByText("The owner cannot leave: transfer ownership to another member first.")).toBeTruthy();
    expect(screen.getByRole("heading", { level: 1, name: "Team settings" })).toBeTruthy();
    expect(within(notifications()).queryByRole("alert")).toBeNull();
    // Still theirs, in the switcher too.
    expect(screen.getByText("Acme", { selector: "summary" })).toBeTruthy();
  });
});
