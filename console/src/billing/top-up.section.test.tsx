import { fireEvent, screen, within } from "@testing-library/react";
import { assignLocation } from "./browser-location";
import { StartTopUpCheckoutDocument } from "../gql/graphql";
import { billingSectionMocks, monthlySubscription, orgBillingMock, teamAcme } from "../test/billing.fixtures";
import { acme, signedInMocks } from "../test/fixtures";
import { renderApp } from "../test/render-app";

// jsdom cannot leave the page; the test checks where the console would send the browser.
jest.mock("./browser-location", () => ({ assignLocation: jest.fn() }));
const assign = jest.mocked(assignLocation);

const CHECKOUT_URL = "http://127.0.0.1:12111/checkout/cs_test_9";
const startTopUp = {
  request: { query: StartTopUpCheckoutDocument, variables: { orgId: acme.id, credits: 5_000 } },
  result: { data: { startTopUpCheckout: { __typename: "CheckoutSession", id: "cs_test_9", url: CHECKOUT_URL } } },
};

// A switch to Pro is scheduled for the period's end: the pool, top-ups included, goes then.
const leavingAcme = { ...teamAcme, subscription: { ...monthlySubscription, pendingPlan: "PRO" as const } };

async function openBilling(org: typeof teamAcme) {
  renderApp("/orgs/org_acme/billing", [...signedInMocks([acme]), orgBillingMock(org), startTopUp, ...billingSectionMocks(org)]);
  await screen.findByRole("heading", { level: 1, name: "Billing" });
  const form = await screen.findByRole("form", { name: "Buy a top-up" });
  fireEvent.change(within(form).getByLabelText("Credits"), { target: { value: "5000" } });
  return form;
}

beforeEach(() => {
  assign.mockReset();
  sessionStorage.clear();
});

describe("Top-ups while a move off Team is scheduled", () => {
  it("says the credits would be forfeited, and asks before checkout", async () => {
    const form = await openBilling(leavingAcme);
    expect(form.textContent).toMatch(/A move to Pro is scheduled for .*: the pool is forfeited then, top-ups included/);

    fireEvent.click(within(form).getByRole("button", { name: "Buy credits" }));
    const dialog = await screen.findByRole("dialog", { name: "Buy 5,000 credits you would forfeit?" });
    expect(dialog.textContent).toContain("these 5,000 credits ($50) included");
    expect(assign).not.toHaveBeenCalled();

    // Cancel sends nobody anywhere.
    fireEvent.click(within(dialog).getByRole("button", { name: "Cancel" }));
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(assign).not.toHaveBeenCalled();

    fireEvent.click(within(form).getByRole("button", { name: "Buy credits" }));
    fireEvent.click(within(await screen.findByRole("dialog")).getByRole("button", { name: "Buy anyway" }));
    expect(await within(form).findByRole("button", { name: "Opening checkout…" })).toBeTruthy();
    expect(assign).toHaveBeenCalledWith(CHECKOUT_URL);
  });

  it("goes straight to checkout when nothing is scheduled", async () => {
    const form = await openBilling(teamAcme);
    expect(form.textContent).not.toMatch(/forfeited/);
    fireEvent.click(within(form).getByRole("button", { name: "Buy credits" }));
    expect(await within(form).findByRole("button", { name: "Opening checkout…" })).toBeTruthy();
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(assign).toHaveBeenCalledWith(CHECKOUT_URL);
  });
});
