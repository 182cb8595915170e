import { fireEvent, screen, within } from "@testing-library/react";
import { LogoutDocument, OrgHomeDocument } from "../gql/graphql";
import { acme, apiError, fullText, initech, myOrgsMock, signedInMocks } from "../test/fixtures";
import { renderApp } from "../test/render-app";
import { orgHomeMock } from "../test/org-home.fixtures";
import { acmePool } from "../test/team.fixtures";

describe("Org home page", () => {
  it("shows the org's name, plan badge and seats", async () => {
    renderApp("/orgs/org_acme", [...signedInMocks([acme, initech]), orgHomeMock(acme, { billingInterval: "YEARLY" })]);

    expect(await screen.findByRole("heading", { level: 1, name: "Acme" })).toBeTruthy();
    expect(screen.getByText(fullText("Team plan"))).toBeTruthy();
    const seats = screen.getByText("Seats").parentElement as HTMLElement;
    expect(within(seats).getByText("3")).toBeTruthy();
    expect(screen.getByText("Yearly")).toBeTruthy();
  });

  it("shows the credits left in the pool and the reader's own cap", async () => {
    renderApp("/orgs/org_acme", [
      ...signedInMocks([acme]),
      orgHomeMock(acme, { myRole: "MEMBER", pool: acmePool, myCap: { monthlyLimit: 500, usedThisPeriod: 450 } }),
    ]);
    const credits = (await screen.findByText("Credits left")).parentElement as HTMLElement;
    expect(within(credits).getByText("10,500")).toBeTruthy();
    const cap = screen.getByText("Your cap").parentElement as HTMLElement;
    expect(within(cap).getByText("450 of 500 used")).toBeTruthy();
    expect(screen.getByText(/8,500 of this period's 11,000 monthly credits left, plus 2,000 top-up credits/)).toBeTruthy();
    expect(screen.getByText(/You can spend 50 more this period/)).toBeTruthy();
    // A member is not told about things only owners and admins can do.
    expect(screen.queryByText(/API keys/)).toBeNull();
    expect(screen.getByText("What you spent, by Space, model and day; a CSV of your calls.")).toBeTruthy();
    expect(screen.queryByRole("region", { name: "Next steps" })).toBeNull();
  });

  it("gives the owner of a new personal-plan org its next steps, and says why there is no pool", async () => {
    const solo = { ...initech, name: "Solo", id: "org_solo" };
    renderApp("/orgs/org_solo", [...signedInMocks([solo]), orgHomeMock(solo)]);
    const steps = await screen.findByRole("region", { name: "Next steps" });
    expect(within(steps).getByRole("link", { name: "Invite your team" }).getAttribute("href")).toBe("/orgs/org_solo/team#invitations");
    expect(within(steps).getByRole("link", { name: "Upgrade to Team" }).getAttribute("href")).toBe("/orgs/org_solo/billing");
    expect(screen.getByText(/No shared credit pool/)).toBeTruthy();
    expect(screen.queryByText("Credits left")).toBeNull();
    expect(screen.getByText("The plan, and upgrading to Team for one shared credit pool.")).toBeTruthy();
  });

  it("does not offer an upgrade to the owner of a Team org", async () => {
    renderApp("/orgs/org_acme", [...signedInMocks([acme]), orgHomeMock(acme, { pool: acmePool })]);
    expect(await screen.findByText("The plan, the credit pool, top-ups, invoices and billing details.")).toBeTruthy();
    expect(screen.queryByText(/upgrading to Team/)).toBeNull();
    expect(screen.queryByRole("region", { name: "Next steps" })).toBeNull();
  });

  it("links to the org's Team settings and Billing", async () => {
    renderApp("/orgs/org_acme", [...signedInMocks([acme]), orgHomeMock(acme)]);
    const link = await screen.findByRole("link", { name: "Team settings" });
    expect(link.getAttribute("href")).toBe("/orgs/org_acme/team");
    expect(screen.getByRole("link", { name: "Billing" }).getAttribute("href")).toBe("/orgs/org_acme/billing");
  });

  it("names the current org in the switcher and switches to another", async () => {
    renderApp("/orgs/org_acme", [...signedInMocks([acme, initech]), orgHomeMock(acme), orgHomeMock(initech)]);
    await screen.findByRole("heading", { level: 1, name: "Acme" });

    const switcher = screen.getByText(/Switch org/).closest("details") as HTMLElement;
    expect(within(switcher).getByText("Acme", { selector: "summary" })).toBeTruthy();
    fireEvent.click(within(switcher).getByRole("link", { name: "Initech" }));

    expect(await screen.findByRole("heading", { level: 1, name: "Initech" })).toBeTruthy();
    expect(screen.getByText(fullText("Pro plan"))).toBeTruthy();
  });

  it("says the org was not found rather than showing an error code", async () => {
    renderApp("/orgs/org_nope", [
      ...signedInMocks([acme]),
      { request: { query: OrgHomeDocument, variables: { orgId: "org_nope" } }, result: apiError("NOT_FOUND") },
    ]);
    expect(await screen.findByRole("heading", { name: "Org not found" })).toBeTruthy();
    expect(screen.getByText("It doesn't exist, or you're not a member.")).toBeTruthy();
  });

  it("signs out back to the sign-in page", async () => {
    renderApp("/", [...signedInMocks([]), myOrgsMock([]), { request: { query: LogoutDocument }, result: { data: { logout: true } } }]);
    fireEvent.click(await screen.findByRole("button", { name: "Sign out" }));
    expect(await screen.findByRole("heading", { name: "Sign in" })).toBeTruthy();
  });
});
