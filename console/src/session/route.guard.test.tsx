import type { MockLink } from "@apollo/client/testing";
import { MockedProvider } from "@apollo/client/testing/react";
import { render, screen } from "@testing-library/react";
import { MemoryRouter, Route, Routes } from "react-router";
import { OrgMembershipDocument } from "../gql/graphql";
import type { RouteAccess } from "../routes";
import { ada, meMock } from "../test/fixtures";
import { RouteGuard } from "./route.guard";

const membership = (role: "OWNER" | "ADMIN" | "MEMBER") => ({
  request: { query: OrgMembershipDocument, variables: { orgId: "org_acme" } },
  result: {
    data: {
      org: {
        __typename: "Org",
        id: "org_acme",
        members: [{ __typename: "Member", id: "mem_1", role, user: { __typename: "User", id: ada.id } }],
      },
    },
  },
});

function renderGuarded(access: RouteAccess, mocks: ReadonlyArray<MockLink.MockedResponse>) {
  render(
    <MockedProvider mocks={mocks} mockLinkDefaultOptions={{ delay: 0 }}>
      <MemoryRouter initialEntries={["/orgs/org_acme/billing"]}>
        <Routes>
          <Route path="/orgs/:orgId/billing" element={<RouteGuard access={access}>Billing settings</RouteGuard>} />
          <Route path="/signin" element="Sign-in page" />
        </Routes>
      </MemoryRouter>
    </MockedProvider>,
  );
}

describe("RouteGuard", () => {
  it("lets an OWNER see an OWNER route", async () => {
    renderGuarded("OWNER", [meMock(), membership("OWNER")]);
    expect(await screen.findByText("Billing settings")).toBeTruthy();
  });

  it("keeps an ADMIN off an OWNER route", async () => {
    renderGuarded("OWNER", [meMock(), membership("ADMIN")]);
    expect(await screen.findByRole("heading", { name: "No access" })).toBeTruthy();
    expect(screen.getByText("Your role does not allow this.")).toBeTruthy();
    expect(screen.queryByText("Billing settings")).toBeNull();
  });

  it("lets an OWNER see an ADMIN route", async () => {
    renderGuarded("ADMIN", [meMock(), membership("OWNER")]);
    expect(await screen.findByText("Billing settings")).toBeTruthy();
  });

  it("keeps non-staff off staff routes", async () => {
    renderGuarded("staff", [meMock()]);
    expect(await screen.findByRole("heading", { name: "No access" })).toBeTruthy();
  });

  it("admits support staff to staff routes", async () => {
    renderGuarded("staff", [meMock({ ...ada, isStaff: true })]);
    expect(await screen.findByText("Billing settings")).toBeTruthy();
  });

  it("sends signed-out visitors to sign in", async () => {
    renderGuarded("signed-in", [meMock(null)]);
    expect(await screen.findByText("Sign-in page")).toBeTruthy();
  });
});
