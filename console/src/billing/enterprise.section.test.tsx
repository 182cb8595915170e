import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import {
  type BillingOrgFragment,
  type EnterpriseRequestItemFragment,
  OrgEnterpriseRequestsDocument,
  RequestEnterpriseContactDocument,
} from "../gql/graphql";
import {
  billingSectionMocks,
  enterpriseRequestsMock,
  firstEnterpriseRequest,
  freeAcme,
  orgBillingMock,
  teamAcme,
} from "../test/billing.fixtures";
import { acme, apiError, meMock, orgSwitcherMock, signedInMocks, devToolsMock } from "../test/fixtures";
import { grace } from "../test/team.fixtures";
import { renderApp } from "../test/render-app";

type Mocks = Parameters<typeof renderApp>[1];

/** Opens Acme's Billing; `extra` mocks come first, so they win over the sections' defaults. */
async function openBilling(org: BillingOrgFragment, extra: Mocks = [], viewer = signedInMocks([acme])) {
  renderApp("/orgs/org_acme/billing", [...viewer, orgBillingMock(org), ...extra, ...billingSectionMocks(org)]);
  await screen.findByRole("heading", { level: 1, name: "Billing" });
}

const offer = () => screen.getByRole("region", { name: "Always running out? Get in touch about Enterprise" });

/** Five requests, newest first, a day apart: Ada's, and one from Grace when she owned the org. */
const requests: EnterpriseRequestItemFragment[] = [5, 4, 3, 2, 1].map((day) => ({
  ...firstEnterpriseRequest,
  id: `ent_${day}`,
  message: `Request number ${day}`,
  createdAt: `2026-02-0${day}T12:00:00.000Z`,
  ...(day === 4 ? { requestedBy: { id: grace.id, name: grace.name, email: grace.email } } : {}),
}));

describe("Enterprise section: earlier requests", () => {
  it("shows the owner their requests newest first, three open and the rest behind a disclosure", async () => {
    await openBilling(teamAcme, [enterpriseRequestsMock(requests)]);
    const enterprise = offer();
    const list = await within(enterprise).findByRole("list", { name: "Earlier requests" });
    const items = within(list).getAllByRole("listitem");
    expect(items.map((li) => li.textContent)).toEqual([
      "You asked on Feb 5, 2026:“Request number 5”Sales will reply to ada@example.com.",
      "Grace Hopper asked on Feb 4, 2026:“Request number 4”Sales will reply to grace@example.com.",
      "You asked on Feb 3, 2026:“Request number 3”Sales will reply to ada@example.com.",
    ]);

    const older = within(enterprise).getByText("2 older requests").closest("details") as HTMLDetailsElement;
    expect(older.open).toBe(false);
    fireEvent.click(within(older).getByText("2 older requests"));
    expect(older.open).toBe(true);
    const olderItems = within(within(older).getByRole("list", { name: "Older requests" })).getAllByRole("listitem");
    expect(olderItems.map((li) => li.querySelector(".enterprise-request__message")?.textContent)).toEqual([
      "“Request number 2”",
      "“Request number 1”",
    ]);
    // "Get in touch" stays for the owner.
    expect(within(enterprise).getByRole("form", { name: "Get in touch about Enterprise" })).toBeTruthy();
  });

  it("shows an admin the owner's requests by name, without the form", async () => {
    await openBilling(
      { ...freeAcme, myRole: "ADMIN" },
      [enterpriseRequestsMock([firstEnterpriseRequest])],
      [meMock(grace), orgSwitcherMock([acme]), devToolsMock()],
    );
    const enterprise = offer();
    const list = await within(enterprise).findByRole("list", { name: "Earlier requests" });
    expect(list.textContent).toBe(
      "Ada Lovelace asked on Jan 20, 2026:“About 100,000 credits a month.”Sales will reply to ada@example.com.",
    );
    expect(within(enterprise).getByText("The owner can get in touch from this page.")).toBeTruthy();
    expect(within(enterprise).queryByRole("form")).toBeNull();
    expect(within(enterprise).queryByText(/older request/)).toBeNull();
  });

  it("never asks for them as a MEMBER, whom the server would refuse", async () => {
    const asked = jest.fn(() => apiError("FORBIDDEN"));
    await openBilling({ ...teamAcme, myRole: "MEMBER" }, [
      { request: { query: OrgEnterpriseRequestsDocument, variables: { orgId: acme.id } }, result: asked },
    ]);
    const enterprise = offer();
    // Let the page's other queries settle before judging.
    await within(screen.getByRole("region", { name: "Plan" })).findByText("$85 a month", { exact: false });
    expect(within(enterprise).getByText("The owner can get in touch from this page.")).toBeTruthy();
    expect(within(enterprise).queryByText(/earlier requests/i)).toBeNull();
    expect(asked).not.toHaveBeenCalled();
  });

  it("says nothing when there are none", async () => {
    const asked = jest.fn(() => ({ data: { org: { __typename: "Org", id: acme.id, enterpriseRequests: [] } } }));
    await openBilling(teamAcme, [{ ...enterpriseRequestsMock([]), result: asked }]);
    const empty = offer();
    await waitFor(() => expect(asked).toHaveBeenCalledTimes(1));
    await waitFor(() => expect(within(empty).queryByText("Loading earlier requests…")).toBeNull());
    expect(within(empty).queryByText(/Earlier requests|couldn't load/)).toBeNull();
    expect(within(empty).getByRole("form", { name: "Get in touch about Enterprise" })).toBeTruthy();
  });

  it("offers a retry when they fail to load", async () => {
    await openBilling(teamAcme, [
      {
        request: { query: OrgEnterpriseRequestsDocument, variables: { orgId: acme.id } },
        result: apiError("INTERNAL_SERVER_ERROR"),
        maxUsageCount: 1,
      },
      enterpriseRequestsMock([firstEnterpriseRequest]),
    ]);
    const enterprise = offer();
    expect(await within(enterprise).findByText(/We couldn't load the earlier requests/)).toBeTruthy();
    fireEvent.click(within(enterprise).getByRole("button", { name: "Try again" }));
    expect(await within(enterprise).findByRole("list", { name: "Earlier requests" })).toBeTruthy();
  });

  it("shows the terms on Enterprise, without the offer's requests", async () => {
    const asked = jest.fn(() => ({ data: { org: { __typename: "Org", id: acme.id, enterpriseRequests: [] } } }));
    await openBilling({ ...teamAcme, plan: "ENTERPRISE", subscription: null }, [
      { request: { query: OrgEnterpriseRequestsDocument, variables: { orgId: acme.id } }, result: asked },
    ]);
    expect(screen.getByRole("region", { name: "Enterprise terms" })).toBeTruthy();
    expect(screen.queryByRole("region", { name: /Get in touch/ })).toBeNull();
    expect(asked).not.toHaveBeenCalled();
  });
});

describe("Enterprise section: sending a request", () => {
  it("confirms what surely happened, without promising an email reply (review finding 37)", async () => {
    const send = {
      request: { query: RequestEnterpriseContactDocument, variables: { orgId: acme.id, message: "60,000 credits a month" } },
      result: { data: { requestEnterpriseContact: true } },
    };
    await openBilling(teamAcme, [send, enterpriseRequestsMock()]);
    fireEvent.change(within(offer()).getByLabelText("What do you need?"), { target: { value: "60,000 credits a month" } });
    fireEvent.click(within(offer()).getByRole("button", { name: "Get in touch" }));
    const thanks = await within(offer()).findByRole("status");
    expect(thanks.textContent).toContain("Thanks, we have your message.");
    expect(thanks.textContent).toContain("saved with this org's requests below");
    expect(thanks.textContent).not.toMatch(/reply to you by email/);
  });
});
