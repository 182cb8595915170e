import { fireEvent, screen, within } from "@testing-library/react";
import { CreateOrgDocument, MeDocument } from "../gql/graphql";
import { acme, apiError, asOrg, fullText, initech, myOrgsMock, signedInMocks } from "../test/fixtures";
import { orgHomeMock } from "../test/org-home.fixtures";
import { renderApp } from "../test/render-app";

const globex = { id: "org_globex", name: "Globex", plan: "FREE" as const, seats: 1 };

async function createOrg(name: string) {
  fireEvent.change(await screen.findByLabelText("Org name"), { target: { value: name } });
  fireEvent.click(screen.getByRole("button", { name: "Create org" }));
}

describe("Home page", () => {
  it("lists your orgs with their plan and seats", async () => {
    renderApp("/", [...signedInMocks([acme, initech]), myOrgsMock([acme, initech])]);

    const list = await screen.findByRole("list", { name: "Your orgs" });
    const cards = within(list).getAllByRole("listitem");
    expect(cards).toHaveLength(2);
    expect(within(cards[0]).getByRole("link", { name: "Acme" }).getAttribute("href")).toBe("/orgs/org_acme");
    expect(within(cards[0]).getByText(fullText("Team plan"))).toBeTruthy();
    expect(within(cards[0]).getByText("3 seats")).toBeTruthy();
    expect(within(cards[1]).getByText(fullText("Pro plan"))).toBeTruthy();
    expect(within(cards[1]).getByText("1 seat")).toBeTruthy();
    expect(screen.queryByText("You're not in any org yet")).toBeNull();
  });

  it("says so when you are in no org yet", async () => {
    renderApp("/", [...signedInMocks([]), myOrgsMock([])]);
    expect(await screen.findByRole("heading", { name: "You're not in any org yet" })).toBeTruthy();
    expect(screen.queryByRole("list", { name: "Your orgs" })).toBeNull();
    // Nothing to switch between, so the header has no org switcher.
    expect(screen.queryByText("All orgs")).toBeNull();
  });

  it("opens a created org, and adds it to the list and the org switcher", async () => {
    renderApp("/", [
      ...signedInMocks([]),
      myOrgsMock([]),
      { request: { query: CreateOrgDocument, variables: { name: "Globex" } }, result: { data: { createOrg: asOrg(globex) } } },
      orgHomeMock(globex),
    ]);
    await screen.findByRole("heading", { name: "You're not in any org yet" });

    await createOrg("  Globex  ");

    expect(await screen.findByRole("heading", { level: 1, name: "Globex" })).toBeTruthy();
    expect(await screen.findByRole("region", { name: "Next steps" })).toBeTruthy();
    const notifications = screen.getByRole("region", { name: "Notifications" });
    expect(within(notifications).getByRole("status").textContent).toContain("Created Globex.");
    // The header's switcher reads the same cached list, which the home page shows too.
    const switcher = screen.getByText("Globex", { selector: "summary" }).closest("details") as HTMLElement;
    fireEvent.click(within(switcher).getByRole("link", { name: "All orgs" }));
    const list = await screen.findByRole("list", { name: "Your orgs" });
    expect(within(list).getByRole("link", { name: "Globex" })).toBeTruthy();
    expect(within(list).getByText(fullText("Free plan"))).toBeTruthy();
    expect(screen.queryByText("You're not in any org yet")).toBeNull();
  });

  it("shows why an org could not be created next to the form", async () => {
    renderApp("/", [
      ...signedInMocks([acme]),
      myOrgsMock([acme]),
      {
        request: { query: CreateOrgDocument, variables: { name: "Acme" } },
        result: apiError("CONFLICT", "You already have an org named Acme."),
      },
    ]);
    await screen.findByRole("list", { name: "Your orgs" });

    await createOrg("Acme");

    const form = screen.getByRole("form", { name: "Create org" });
    expect(await within(form).findByText("You already have an org named Acme.")).toBeTruthy();
    expect(within(screen.getByRole("list", { name: "Your orgs" })).getAllByRole("listitem")).toHaveLength(1);
  });

  it("asks for a name before creating an org", async () => {
    renderApp("/", [...signedInMocks([]), myOrgsMock([])]);
    await createOrg("   ");
    expect(await screen.findByText("Give the org a name.")).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByLabelText("Org name"));
  });

  it("sends you to sign in when you are not signed in", async () => {
    renderApp("/", [{ request: { query: MeDocument }, result: { data: { me: null } } }]);
    expect(await screen.findByRole("heading", { name: "Sign in" })).toBeTruthy();
  });
});
