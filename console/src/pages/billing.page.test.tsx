import { fireEvent, screen, within } from "@testing-library/react";
import { assignLocation } from "../billing/browser-location";
import { recallCheckout } from "../billing/checkout-memory";
import { CatalogDocument, OrgBillingDocument, StartTeamCheckoutDocument, StartTopUpCheckoutDocument } from "../gql/graphql";
import { billingSectionMocks, catalogMock, freeAcme, operatorCatalog, orgBillingMock, teamAcme } from "../test/billing.fixtures";
import { acme, apiError, fullText, signedInMocks } from "../test/fixtures";
import { renderApp } from "../test/render-app";
import { forgetCheckout, rememberCheckout } from "../billing/checkout-memory";
import { completeCardUpdateMock, paymentSectionMocks } from "../billing/payment.fixtures";

// jsdom cannot leave the page; the test checks where the console would send the browser.
jest.mock("../billing/browser-location", () => ({ assignLocation: jest.fn() }));
const assign = jest.mocked(assignLocation);

const CHECKOUT_URL = "http://127.0.0.1:12111/checkout/cs_test_1";

async function openBilling(org = teamAcme, extra: Parameters<typeof renderApp>[1] = [], query = "") {
  const view = renderApp(`/orgs/org_acme/billing${query}`, [
    ...signedInMocks([acme]),
    orgBillingMock(org),
    ...extra,
    ...billingSectionMocks(org),
  ]);
  await screen.findByRole("heading", { level: 1, name: "Billing" });
  return view;
}

const section = (name: string) => screen.getByRole("region", { name });

beforeEach(() => {
  assign.mockReset();
  sessionStorage.clear();
});

describe("Billing page: upgrading to Team", () => {
  it("prices Team for the org's seats, monthly or yearly, with the yearly saving", async () => {
    await openBilling(freeAcme);
    expect(screen.getByText(fullText("Free plan"), { selector: ".page__title-row .plan-badge" })).toBeTruthy();
    expect(within(section("Plan")).getByText(/uses its owner's personal plan/)).toBeTruthy();
    const upgrade = section("Upgrade to Team");

    // Monthly by default: $49 + $12 × 3 seats.
    expect((within(upgrade).getByRole("radio", { name: "Monthly" }) as HTMLInputElement).checked).toBe(true);
    expect(within(upgrade).getByText("$85")).toBeTruthy();
    expect(within(upgrade).getByText("Billed monthly")).toBeTruthy();
    expect(within(upgrade).getByText("$49 base + $12 × 3 seats, per month")).toBeTruthy();
    expect(within(upgrade).getByText("Yearly billing saves $192 a year (19%).")).toBeTruthy();
    // The pool it brings: 8,000 + 1,000 per seat.
    expect(within(upgrade).getByText("11,000 credits a month")).toBeTruthy();

    // Yearly: $39 + $10 × 3 seats a month, billed as one yearly total.
    fireEvent.click(within(upgrade).getByRole("radio", { name: /Yearly/ }));
    expect(within(upgrade).getByText("$69")).toBeTruthy();
    expect(within(upgrade).queryByText("$85")).toBeNull();
    expect(within(upgrade).getByText("Billed yearly: $828 a year")).toBeTruthy();
    expect(within(upgrade).getByText("$39 base + $10 × 3 seats, per month")).toBeTruthy();
    expect(within(upgrade).getByText("You save $192 a year against monthly billing.")).toBeTruthy();
  });

  it("starts checkout for the chosen interval and sends the browser to Stripe", async () => {
    await openBilling(freeAcme, [
      {
        request: { query: StartTeamCheckoutDocument, variables: { orgId: acme.id, interval: "YEARLY" } },
        result: { data: { startTeamCheckout: { __typename: "CheckoutSession", id: "cs_test_1", url: CHECKOUT_URL } } },
      },
    ]);
    const upgrade = section("Upgrade to Team");
    fireEvent.click(within(upgrade).getByRole("radio", { name: /Yearly/ }));
    fireEvent.click(within(upgrade).getByRole("button", { name: "Upgrade to Team" }));

    expect(await within(upgrade).findByRole("button", { name: "Opening checkout…" })).toBeTruthy();
    expect(assign).toHaveBeenCalledWith(CHECKOUT_URL);
    // The return page will know it was this org's upgrade.
    expect(recallCheckout("cs_test_1")).toEqual({ kind: "TEAM", orgId: acme.id });
  });

  it("says why checkout could not start, next to the button", async () => {
    await openBilling(freeAcme, [
      {
        request: { query: StartTeamCheckoutDocument, variables: { orgId: acme.id, interval: "MONTHLY" } },
        result: apiError("CONFLICT", "This org already has an active subscription."),
      },
    ]);
    fireEvent.click(screen.getByRole("button", { name: "Upgrade to Team" }));
    expect(await within(section("Upgrade to Team")).findByText("This org already has an active subscription.")).toBeTruthy();
    expect(assign).not.toHaveBeenCalled();
  });

  it("shows an ADMIN the plan read-only: the prices, but no upgrade button", async () => {
    await openBilling({ ...freeAcme, myRole: "ADMIN" });
    expect(screen.getByText("Only the owner can change the plan.")).toBeTruthy();
    expect(within(section("Upgrade to Team")).getByText("$85")).toBeTruthy();
    expect(screen.queryByRole("button", { name: /Upgrade/ })).toBeNull();
  });
});

describe("Billing page on Team", () => {
  it("shows the subscription and the pool: what is left, its parts and when it resets", async () => {
    await openBilling();
    expect(screen.getByText(fullText("Team plan"), { selector: ".page__title-row .plan-badge" })).toBeTruthy();
    const plan = section("Plan");
    expect(within(plan).getByText("Active")).toBeTruthy();
    expect(within(plan).getByText("Monthly", { exact: false })).toBeTruthy();
    expect(within(plan).getByText("Renews on")).toBeTruthy();
    expect(within(plan).getByText("Mar 5, 2026")).toBeTruthy();
    expect(within(plan).getByText("$85 a month", { exact: false })).toBeTruthy();

    const pool = section("Credit pool");
    expect(within(pool).getByText("10,500")).toBeTruthy();
    expect(within(pool).getByText("of 11,000 this month + 2,000 top-up")).toBeTruthy();
    expect(within(pool).getByText("8,500 of 11,000", { exact: false })).toBeTruthy();
    expect(within(pool).getByText(fullText("resets on Mar 5, 2026"))).toBeTruthy();
    expect(within(pool).getByText("never expires, spent first")).toBeTruthy();
    // No upgrade offer once on Team.
    expect(screen.queryByRole("region", { name: "Upgrade to Team" })).toBeNull();
    expect(screen.queryByText("Only the owner can change the plan.")).toBeNull();
    // The org switcher names the org here too.
    expect(screen.getByText("Acme", { selector: "summary" })).toBeTruthy();
  });

  it("says the org was not found for a non-member", async () => {
    renderApp("/orgs/org_nope/billing", [
      ...signedInMocks([acme]),
      { request: { query: OrgBillingDocument, variables: { orgId: "org_nope" } }, result: apiError("NOT_FOUND") },
    ]);
    expect(await screen.findByRole("heading", { name: "Org not found" })).toBeTruthy();
  });

  it("lets the owner pick a top-up: refuses 1,500 and prices 5,000 at $50", async () => {
    await openBilling(teamAcme, [
      {
        request: { query: StartTopUpCheckoutDocument, variables: { orgId: acme.id, credits: 5_000 } },
        result: { data: { startTopUpCheckout: { __typename: "CheckoutSession", id: "cs_test_2", url: CHECKOUT_URL } } },
      },
    ]);
    const form = screen.getByRole("form", { name: "Buy a top-up" });
    const credits = within(form).getByLabelText("Credits");

    fireEvent.change(credits, { target: { value: "1500" } });
    expect(within(form).getByText("—")).toBeTruthy();
    fireEvent.click(within(form).getByRole("button", { name: "Buy credits" }));
    expect(within(form).getByText("Choose 1,000 to 100,000 credits, in steps of 1,000.")).toBeTruthy();
    expect(document.activeElement).toBe(credits);
    expect(assign).not.toHaveBeenCalled();

    fireEvent.change(credits, { target: { value: "5000" } });
    expect(within(form).getByText("$50")).toBeTruthy();
    fireEvent.click(within(form).getByRole("button", { name: "25,000" }));
    expect(within(form).getByText("$250")).toBeTruthy();
    fireEvent.click(within(form).getByRole("button", { name: "5,000" }));
    expect(within(form).getByText("$50")).toBeTruthy();
    expect(within(form).queryByText("Choose 1,000 to 100,000 credits, in steps of 1,000.")).toBeNull();

    fireEvent.click(within(form).getByRole("button", { name: "Buy credits" }));
    expect(await within(form).findByRole("button", { name: "Opening checkout…" })).toBeTruthy();
    expect(assign).toHaveBeenCalledWith(CHECKOUT_URL);
    expect(recallCheckout("cs_test_2")).toEqual({ kind: "TOP_UP", orgId: acme.id, credits: 5_000 });
  });

  it("shows an ADMIN the pool without the top-up form", async () => {
    await openBilling({ ...teamAcme, myRole: "ADMIN" });
    expect(screen.getByText("Only the owner can change the plan.")).toBeTruthy();
    expect(within(section("Top-ups")).getByText("Only the owner can buy top-ups.")).toBeTruthy();
    expect(screen.queryByRole("form", { name: "Buy a top-up" })).toBeNull();
    expect(within(section("Credit pool")).getByText("10,500")).toBeTruthy();
    // An admin may see invoices (none yet here).
    expect(await within(section("Invoices")).findByText(/No invoices yet/)).toBeTruthy();
  });

  it("announces an upgrade on arrival, until dismissed", async () => {
    await openBilling(teamAcme, [], "?upgraded=1");
    const banner = section("You're on Team");
    expect(banner.textContent).toContain("Acme now has one pool of 11,000 credits a month");
    expect(document.activeElement).toBe(within(banner).getByRole("heading", { name: "You're on Team" }));
    fireEvent.click(within(banner).getByRole("button", { name: "Dismiss" }));
    expect(screen.queryByRole("region", { name: "You're on Team" })).toBeNull();
  });
});

describe("Billing page: what the return from Stripe announces", () => {
  it("names the credits a top-up added (review finding 22)", async () => {
    rememberCheckout("cs_test_2", { kind: "TOP_UP", orgId: acme.id, credits: 5_000 });
    forgetCheckout("cs_test_2");
    await openBilling(teamAcme, paymentSectionMocks("OWNER"), "?topped-up=1");
    expect(section("5,000 credits added").textContent).toContain("The pool now has 10,500 credits");
  });

  it("makes the card saved on Stripe's page the default and names it", async () => {
    await openBilling(
      teamAcme,
      [completeCardUpdateMock("cs_test_setup"), ...paymentSectionMocks("OWNER")],
      "?card=saved&session_id=cs_test_setup",
    );
    const banner = await screen.findByRole("region", { name: "Card saved" });
    expect(banner.textContent).toContain("Mastercard ending 4444 now pays this org's invoices.");
    fireEvent.click(within(banner).getByRole("button", { name: "Dismiss" }));
    expect(screen.queryByRole("region", { name: "Card saved" })).toBeNull();
  });

  it("says the card did not change when Stripe's page was left", async () => {
    await openBilling(teamAcme, paymentSectionMocks("OWNER"), "?card=cancelled");
    expect(section("Card not changed").textContent).toContain("the card on file still pays the invoices");
  });
});

describe("Billing page: prices from the server's catalog", () => {
  // operatorCatalog changes every number, so a console pricing from the shared defaults fails here.
  const operatorPrices = catalogMock(operatorCatalog);

  it("prices Team with the deployment's own prices, monthly and yearly", async () => {
    await openBilling(freeAcme, [operatorPrices]);
    const upgrade = section("Upgrade to Team");
    // $59 + $15 × 3 seats.
    expect(await within(upgrade).findByText("$104")).toBeTruthy();
    expect(within(upgrade).getByText("$59 base + $15 × 3 seats, per month")).toBeTruthy();
    expect(within(upgrade).getByText("Yearly billing saves $199.20 a year (16%).")).toBeTruthy();
    expect(within(upgrade).getByText("−16%")).toBeTruthy();
    expect(within(upgrade).getByText("14,500 credits a month")).toBeTruthy();
    expect(upgrade.textContent).toContain("10,000 plus 1,500 per seat");

    fireEvent.click(within(upgrade).getByRole("radio", { name: /Yearly/ }));
    expect(within(upgrade).getByText("$87.40")).toBeTruthy();
    expect(within(upgrade).getByText("Billed yearly: $1,048.80 a year")).toBeTruthy();
    expect(within(upgrade).getByText("$49.90 base + $12.50 × 3 seats, per month")).toBeTruthy();
  });

  it("sells top-ups by the deployment's rules and price", async () => {
    await openBilling(teamAcme, [
      operatorPrices,
      {
        request: { query: StartTopUpCheckoutDocument, variables: { orgId: acme.id, credits: 4_000 } },
        result: { data: { startTopUpCheckout: { __typename: "CheckoutSession", id: "cs_test_3", url: CHECKOUT_URL } } },
      },
    ]);
    const topUps = section("Top-ups");
    const form = await within(topUps).findByRole("form", { name: "Buy a top-up" });
    expect(within(topUps).getByText(/^\$30 per 2,000 credits\./)).toBeTruthy();
    expect(within(form).getByText("2,000 to 40,000, in steps of 2,000")).toBeTruthy();
    const credits = within(form).getByLabelText("Credits") as HTMLInputElement;
    expect([credits.min, credits.max, credits.step]).toEqual(["2000", "40000", "2000"]);
    // Only the presets it sells: 5,000 is no multiple of 2,000 and 50,000 is over the maximum.
    expect(within(form).getByRole("button", { name: "10,000", pressed: true })).toBeTruthy();
    expect(within(form).queryByRole("button", { name: "5,000" })).toBeNull();
    expect(within(form).getByText("$150")).toBeTruthy();

    fireEvent.change(credits, { target: { value: "5000" } });
    fireEvent.click(within(form).getByRole("button", { name: "Buy credits" }));
    expect(within(form).getByText("Choose 2,000 to 40,000 credits, in steps of 2,000.")).toBeTruthy();
    fireEvent.change(credits, { target: { value: "4000" } });
    expect(within(form).getByText("$60")).toBeTruthy();
    fireEvent.click(within(form).getByRole("button", { name: "Buy credits" }));
    expect(await within(form).findByRole("button", { name: "Opening checkout…" })).toBeTruthy();
    expect(assign).toHaveBeenCalledWith(CHECKOUT_URL);
  });

  it("prices the Team subscription and the switch to Pro with them too", async () => {
    await openBilling(teamAcme, [operatorPrices]);
    expect(await within(section("Plan")).findByText("$104 a month", { exact: false })).toBeTruthy();
    const switchSection = section("Switch to Pro");
    await within(switchSection).findByText("Grace Hopper");
    expect(switchSection.textContent).toContain("you pay Pro's $29 a month for your own account and spend its 4,000 credits.");
  });

  it("says it is loading the prices, then, if they fail, offers to try again", async () => {
    await openBilling(freeAcme, [
      // Slow enough to see the loading line first.
      { request: { query: CatalogDocument }, result: apiError("INTERNAL_SERVER_ERROR"), delay: 30 },
      operatorPrices,
    ]);
    const upgrade = section("Upgrade to Team");
    expect(within(upgrade).getByRole("status").textContent).toBe("Loading prices…");
    expect(await within(upgrade).findByText(/We couldn't load the prices/)).toBeTruthy();
    expect(within(upgrade).queryByRole("button", { name: "Upgrade to Team" })).toBeNull();
    // An inline error: no notification on top of it.
    expect(screen.queryByRole("alert", { name: /went wrong/ })).toBeNull();

    fireEvent.click(within(upgrade).getByRole("button", { name: "Try again" }));
    expect(await within(upgrade).findByText("$104")).toBeTruthy();
    expect(within(upgrade).getByRole("button", { name: "Upgrade to Team" })).toBeTruthy();
  });
});
