import { fireEvent, screen, within } from "@testing-library/react";
import { billingSectionMocks, orgBillingMock, teamAcme } from "../test/billing.fixtures";
import { acme, apiError, signedInMocks } from "../test/fixtures";
import { renderApp } from "../test/render-app";
import { StartPaymentMethodUpdateDocument } from "../gql/graphql";
import { assignLocation } from "./browser-location";
import { paymentMethodMock, paymentSectionMocks, startCardUpdateMock } from "./payment.fixtures";

// jsdom cannot leave the page; the test checks where the console would send the browser.
jest.mock("./browser-location", () => ({ assignLocation: jest.fn() }));
const assign = jest.mocked(assignLocation);
const SETUP_URL = "http://127.0.0.1:12111/checkout/cs_test_setup";

async function openBilling(org: typeof teamAcme, extra: Parameters<typeof renderApp>[1] = []) {
  renderApp("/orgs/org_acme/billing", [
    ...signedInMocks([acme]),
    orgBillingMock(org),
    ...extra,
    ...billingSectionMocks(org),
    ...paymentSectionMocks(org.myRole ?? "MEMBER"),
  ]);
  await screen.findByRole("heading", { level: 1, name: "Billing" });
  return screen.getByRole("region", { name: "Payment method" });
}

beforeEach(() => assign.mockReset());

describe("Payment method", () => {
  it("shows the owner the card and sends them to Stripe's page to replace it", async () => {
    const card = await openBilling(teamAcme, [startCardUpdateMock(SETUP_URL)]);
    expect((await within(card).findByText("Visa ending 4242")).tagName).toBe("STRONG");
    expect(card.textContent).toContain("expires 12/2034");
    fireEvent.click(within(card).getByRole("button", { name: "Replace card" }));
    expect(await within(card).findByRole("button", { name: "Opening Stripe…" })).toBeTruthy();
    expect(assign).toHaveBeenCalledWith(SETUP_URL);
  });

  it("says why Stripe's page could not open, next to the button", async () => {
    const refused = {
      request: { query: StartPaymentMethodUpdateDocument, variables: { orgId: acme.id } },
      result: apiError("BILLING_PLAN_REQUIRED", "There is no subscription to pay for."),
    };
    const card = await openBilling(teamAcme, [refused]);
    fireEvent.click(await within(card).findByRole("button", { name: "Replace card" }));
    expect(
      await within(card).findByText("There's no subscription to pay for yet: the card is saved when you upgrade to Team."),
    ).toBeTruthy();
    // Said once, next to the button: not a notification as well.
    expect(within(screen.getByRole("region", { name: "Notifications" })).queryByRole("alert")).toBeNull();
    expect(assign).not.toHaveBeenCalled();
  });

  it("shows an ADMIN the card read-only, naming the owner and how to reach them", async () => {
    const card = await openBilling({ ...teamAcme, myRole: "ADMIN" });
    expect(await within(card).findByText("Visa ending 4242")).toBeTruthy();
    expect(within(card).queryByRole("button")).toBeNull();
    expect((await within(card).findByText(/Only the owner, Olivia Owner, can replace the card/)).textContent).toContain("olivia@acme.test");
    expect(within(card).getByRole("link", { name: "olivia@acme.test" }).getAttribute("href")).toBe("mailto:olivia@acme.test");
    // The page's lead names the owner too (review finding 26).
    expect(screen.getByText(/Only the owner, Olivia Owner, can change the plan, the card or buy top-ups/)).toBeTruthy();
  });

  it("says when Stripe has no card on file", async () => {
    renderApp("/orgs/org_acme/billing", [
      ...signedInMocks([acme]),
      orgBillingMock(teamAcme),
      paymentMethodMock(null),
      ...billingSectionMocks(teamAcme),
      ...paymentSectionMocks("OWNER").slice(1),
    ]);
    const card = await screen.findByRole("region", { name: "Payment method" });
    expect(await within(card).findByText(/No card on file at Stripe/)).toBeTruthy();
    expect(within(card).getByRole("button", { name: "Add a card" })).toBeTruthy();
  });
});
