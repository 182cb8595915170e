import { fireEvent, screen, within } from "@testing-library/react";
import { recallCheckout, rememberCheckout } from "../billing/checkout-memory";
import { CompleteCheckoutDocument } from "../gql/graphql";
import { billingSectionMocks, freeAcme, orgBillingMock, teamAcme, typedBillingOrg } from "../test/billing.fixtures";
import { acme, apiError, fullText, signedInMocks } from "../test/fixtures";
import { renderApp } from "../test/render-app";

const SESSION = "cs_test_paid";
const SUCCESS = `/billing?checkout=success&session_id=${SESSION}`;

const completeMock = (result: object = { data: { completeCheckout: typedBillingOrg(teamAcme) } }) => ({
  request: { query: CompleteCheckoutDocument, variables: { sessionId: SESSION } },
  result,
});

const banner = (name: string) => screen.findByRole("region", { name });

beforeEach(() => sessionStorage.clear());

describe("Checkout return page", () => {
  it("completes a paid upgrade and lands on Billing with the new plan and pool", async () => {
    rememberCheckout(SESSION, { kind: "TEAM", orgId: acme.id });
    renderApp(SUCCESS, [...signedInMocks([acme]), completeMock(), orgBillingMock(teamAcme), ...billingSectionMocks(teamAcme)]);

    expect(await screen.findByText("Confirming your payment with Stripe…")).toBeTruthy();
    const upgraded = await banner("You're on Team");
    expect(upgraded.textContent).toContain("one pool of 11,000 credits a month");
    expect(screen.getByRole("heading", { level: 1, name: "Billing" })).toBeTruthy();
    expect(screen.getByText(fullText("Team plan"), { selector: ".page__title-row .plan-badge" })).toBeTruthy();
    expect(within(screen.getByRole("region", { name: "Credit pool" })).getByText("10,500")).toBeTruthy();
    // Done with: the memory of the checkout goes.
    expect(recallCheckout(SESSION)).toBeNull();
  });

  it("says credits were added after a top-up", async () => {
    rememberCheckout(SESSION, { kind: "TOP_UP", orgId: acme.id });
    renderApp(SUCCESS, [...signedInMocks([acme]), completeMock(), orgBillingMock(teamAcme), ...billingSectionMocks(teamAcme)]);
    const added = await banner("Credits added");
    expect(added.textContent).toContain("The pool now has 10,500 credits, 2,000 of them from top-ups");
  });

  it("still completes a checkout this tab did not start, without guessing what it was", async () => {
    renderApp(SUCCESS, [...signedInMocks([acme]), completeMock(), orgBillingMock(teamAcme), ...billingSectionMocks(teamAcme)]);
    expect(await banner("Payment received")).toBeTruthy();
  });

  it("goes back to Billing with a neutral note when checkout was cancelled", async () => {
    renderApp(`/billing?checkout=cancelled&org=${acme.id}`, [
      ...signedInMocks([acme]),
      orgBillingMock(freeAcme),
      ...billingSectionMocks(freeAcme),
    ]);
    const cancelled = await banner("Checkout cancelled");
    expect(cancelled.className).toContain("callout--neutral");
    expect(cancelled.textContent).toContain("Nothing was charged, and the plan is as it was.");
    expect(screen.getByRole("button", { name: "Upgrade to Team" })).toBeTruthy();
  });

  it("says when the payment is not through yet, and checks again on request", async () => {
    rememberCheckout(SESSION, { kind: "TEAM", orgId: acme.id });
    renderApp(SUCCESS, [
      ...signedInMocks([acme]),
      completeMock(apiError("CONFLICT", "This checkout is not paid yet.")),
      completeMock(),
      orgBillingMock(teamAcme),
      ...billingSectionMocks(teamAcme),
    ]);
    expect(await screen.findByRole("heading", { name: "Your payment hasn't gone through yet" })).toBeTruthy();
    expect(screen.getByRole("link", { name: "Back to Billing" }).getAttribute("href")).toBe("/orgs/org_acme/billing");
    // Shown on the page, not also as a notification.
    expect(within(screen.getByRole("region", { name: "Notifications" })).queryByRole("alert")).toBeNull();

    fireEvent.click(screen.getByRole("button", { name: "Check again" }));
    expect(await banner("You're on Team")).toBeTruthy();
  });

  it("explains a checkout that is not the caller's", async () => {
    renderApp(SUCCESS, [...signedInMocks([acme]), completeMock(apiError("NOT_FOUND"))]);
    expect(await screen.findByRole("heading", { name: "We couldn't find this checkout" })).toBeTruthy();
    expect(screen.getByRole("link", { name: "Go to your orgs" }).getAttribute("href")).toBe("/");
  });

  it("explains a return link without its query", async () => {
    renderApp("/billing", [...signedInMocks([acme])]);
    expect(await screen.findByRole("heading", { name: "This checkout link is incomplete" })).toBeTruthy();
  });
});
