import { fireEvent, screen, within } from "@testing-library/react";
import { LogoutDocument, OrgHomeDocument } from "../gql/graphql";
import { acme, apiError, fullText, initech, myOrgsMock, signedInMocks } from "../test/fixtures";
import { renderApp } from "../test/render-app";

const orgHomeMock = (org: typeof acme, billingInterval: "MONTHLY" | "YEARLY" | null = null) => ({
  request: { query: OrgHomeDocument, variables: { orgId: org.id } },
  result: { data: { org: { __typename: "Org", ...org, billingInterval } } },
});

describe("Org home page", () => {
  it("shows the org's name, plan badge and seats", async () => {
    renderApp("/orgs/org_acme", [...signedInMocks([acme, initech]), orgHomeMock(acme, "YEARLY")]);

    expect(await screen.findByRole("heading", { level: 1, name: "Acme" })).toBeTruthy();
    expect(screen.getByText(fullText("Team plan"))).toBeTruthy();
    const seats = screen.getByText("Seats").parentElement as HTMLElement;
    expect(within(seats).getByText("3")).toBeTruthy();
    expect(screen.getByText("Yearly")).toBeTruthy();
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
