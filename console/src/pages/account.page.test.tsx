import { fireEvent, screen, within } from "@testing-library/react";
import { assignLocation } from "../billing/browser-location";
import { CancelPersonalPlanDocument, CompletePersonalCheckoutDocument, StartPersonalCheckoutDocument } from "../gql/graphql";
import {
  accountMock,
  accountOrg,
  accountOrgsMock,
  accountPageMocks,
  accountUser,
  freeAda,
  freePersonal,
  proAda,
  proPersonal,
  proSubscription,
} from "../test/account.fixtures";
import { catalogMock } from "../test/billing.fixtures";
import { apiError, fullText, signedInMocks } from "../test/fixtures";
import { renderApp } from "../test/render-app";

// jsdom cannot leave the page; the test checks where the console would send the browser.
jest.mock("../billing/browser-location", () => ({ assignLocation: jest.fn() }));
const assign = jest.mocked(assignLocation);

const CHECKOUT_URL = "http://127.0.0.1:12111/checkout/cs_personal_1";

async function openAccount(mocks: Parameters<typeof renderApp>[1], path = "/account") {
  const view = renderApp(path, mocks);
  await screen.findByRole("heading", { level: 1, name: "Your account" });
  await screen.findByRole("region", { name: "Your personal plan" });
  return view;
}

const section = (name: string) => screen.getByRole("region", { name });
const fact = (region: HTMLElement, term: string) => within(region).getByText(term, { selector: "dt" }).nextElementSibling as HTMLElement;

beforeEach(() => assign.mockReset());

describe("Your account: buying a personal plan", () => {
  it("shows a Free user the plans at the server's prices and sends them to Stripe for the one they pick", async () => {
    await openAccount([
      ...accountPageMocks(freeAda, freePersonal),
      {
        request: { query: StartPersonalCheckoutDocument, variables: { plan: "PRO" } },
        result: { data: { startPersonalCheckout: { __typename: "CheckoutSession", id: "cs_personal_1", url: CHECKOUT_URL } } },
      },
    ]);
    const plan = section("Your personal plan");
    expect(within(fact(plan, "Plan")).getByText(fullText("Free plan"), { selector: ".plan-badge" })).toBeTruthy();
    expect(fact(plan, "Your credits").textContent).toMatch(/^None/);
    expect(within(plan).queryByRole("button", { name: /Cancel/ })).toBeNull();

    const choose = await screen.findByRole("region", { name: "Choose a personal plan" });
    const starter = within(choose).getByRole("listitem", { name: "Starter" });
    const pro = within(choose).getByRole("listitem", { name: "Pro" });
    expect(within(starter).getByText("$10 a month")).toBeTruthy();
    expect(within(starter).getByText("1,000 credits")).toBeTruthy();
    expect(within(pro).getByText("$20 a month")).toBeTruthy();
    expect(within(pro).getByText("2,500 credits")).toBeTruthy();

    fireEvent.click(within(pro).getByRole("button", { name: "Buy Pro" }));
    expect(await within(pro).findByRole("button", { name: "Opening checkout…" })).toBeTruthy();
    expect(assign).toHaveBeenCalledWith(CHECKOUT_URL);
    // Both offers wait while the browser leaves.
    expect((within(starter).getByRole("button", { name: "Buy Starter" }) as HTMLButtonElement).disabled).toBe(true);
  });

  it("says why checkout could not start, and stays on the page", async () => {
    await openAccount([
      ...accountPageMocks(freeAda, freePersonal),
      {
        request: { query: StartPersonalCheckoutDocument, variables: { plan: "STARTER" } },
        result: apiError("CONFLICT", "You already have a personal plan; cancel it before choosing another."),
      },
    ]);
    const choose = await screen.findByRole("region", { name: "Choose a personal plan" });
    fireEvent.click(within(choose).getByRole("button", { name: "Buy Starter" }));
    expect(await within(choose).findByText("You already have a personal plan; cancel it before choosing another.")).toBeTruthy();
    expect(assign).not.toHaveBeenCalled();
    expect(within(choose).getByRole("button", { name: "Buy Starter" })).toBeTruthy();
  });
});

describe("Your account: a Pro plan", () => {
  it("shows the balance and when it refills, and the orgs where it is spent", async () => {
    await openAccount(
      accountPageMocks(proAda, proPersonal, [
        accountOrg("org_solo", "Solo Co", "PRO", true),
        accountOrg("org_side", "Side Project", "FREE", false),
        accountOrg("org_acme", "Acme", "TEAM", true),
      ]),
    );
    const plan = section("Your personal plan");
    expect(within(fact(plan, "Plan")).getByText(fullText("Pro plan"), { selector: ".plan-badge" })).toBeTruthy();
    expect(await within(plan).findByText("$20 a month")).toBeTruthy();
    expect(fact(plan, "Your credits").textContent).toBe("1,840 of 2,500left this month");
    expect(within(fact(plan, "Credits refill on")).getByRole("time").getAttribute("datetime")).toBe(proSubscription.currentPeriodEnd);
    // Nothing to buy while a plan runs.
    expect(screen.queryByRole("region", { name: "Choose a personal plan" })).toBeNull();

    const table = await screen.findByRole("table", { name: "Orgs on personal plans" });
    const rows = within(table).getAllByRole("row").slice(1);
    expect(rows.map((r) => within(r).getByRole("rowheader").textContent)).toEqual(["Solo Co", "Side Project"]);
    expect(within(rows[0]).getByText(/^Yes/)).toBeTruthy();
    expect(within(rows[1]).getByText(/^No/)).toBeTruthy();
    expect(within(rows[1]).getByRole("link", { name: "Change for Side Project in Team settings" }).getAttribute("href")).toBe(
      "/orgs/org_side/team#membership",
    );
    expect(screen.getByText(/One more org is on Team or Enterprise/)).toBeTruthy();
  });

  it("cancels at the period's end after a confirmation that says what is lost and when", async () => {
    await openAccount([
      ...accountPageMocks(proAda, proPersonal),
      {
        request: { query: CancelPersonalPlanDocument },
        result: { data: { cancelPersonalPlan: { ...proSubscription, cancelAtPeriodEnd: true } } },
      },
    ]);
    const plan = section("Your personal plan");
    fireEvent.click(await within(plan).findByRole("button", { name: "Cancel Pro…" }));

    const dialog = screen.getByRole("dialog", { name: "Cancel your Pro plan?" });
    expect(within(dialog).getByText(/You keep Pro until/)).toBeTruthy();
    expect(within(dialog).getByText(/The credits left then are forfeited \(you have 1,840 now\)/)).toBeTruthy();
    expect(within(dialog).getByText(/In orgs on personal plans, your calls .* are refused/)).toBeTruthy();
    fireEvent.click(within(dialog).getByRole("button", { name: "Cancel Pro" }));

    expect(await within(plan).findByRole("heading", { name: /Your Pro plan ends on/ })).toBeTruthy();
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(within(fact(plan, "Ends on")).getByRole("time").getAttribute("datetime")).toBe(proSubscription.currentPeriodEnd);
    expect(within(plan).queryByRole("button", { name: "Cancel Pro…" })).toBeNull();
    expect(await screen.findByText("Your Pro plan is cancelled: it ends at the end of this period.")).toBeTruthy();
  });

  it("keeps the dialog open with the server's reason when cancelling fails", async () => {
    await openAccount([
      ...accountPageMocks(proAda, proPersonal),
      { request: { query: CancelPersonalPlanDocument }, result: apiError("CONFLICT", "You have no personal plan to cancel.") },
    ]);
    fireEvent.click(await screen.findByRole("button", { name: "Cancel Pro…" }));
    const dialog = screen.getByRole("dialog", { name: "Cancel your Pro plan?" });
    fireEvent.click(within(dialog).getByRole("button", { name: "Cancel Pro" }));
    expect(await within(dialog).findByText("You have no personal plan to cancel.")).toBeTruthy();
  });
});

describe("Your account: coming back from Stripe", () => {
  const complete = (result: object) => ({
    request: { query: CompletePersonalCheckoutDocument, variables: { sessionId: "cs_personal_1" } },
    result,
  });

  const paidPro = { ...proPersonal, creditBalance: 2_500 };

  it("completes a paid checkout and says which plan, with the credits and the refill date", async () => {
    await openAccount(
      // The page asks for the plan only once the completion has answered (the server has Pro by then).
      [
        ...signedInMocks([], freeAda),
        complete({ data: { completePersonalCheckout: accountUser(proAda, paidPro) } }),
        accountMock(proAda, paidPro),
        accountOrgsMock([]),
        catalogMock(),
      ],
      "/account?checkout=success&session_id=cs_personal_1",
    );
    const banner = await screen.findByRole("region", { name: "You're on Pro" });
    expect(within(banner).getByText(/You have 2,500 credits to spend/)).toBeTruthy();
    expect(within(banner).getByRole("time").getAttribute("datetime")).toBe(proSubscription.currentPeriodEnd);
    // The page below shows the new plan too (the completion answers the user).
    const plan = section("Your personal plan");
    expect(await within(plan).findByText(fullText("Pro plan"), { selector: "dd .plan-badge" })).toBeTruthy();
    expect(fact(plan, "Your credits").textContent).toBe("2,500 of 2,500left this month");
    expect(screen.queryByRole("region", { name: "Choose a personal plan" })).toBeNull();

    fireEvent.click(within(banner).getByRole("button", { name: "Dismiss" }));
    expect(screen.queryByRole("region", { name: "You're on Pro" })).toBeNull();
  });

  it("asks again when Stripe has not confirmed the payment yet", async () => {
    await openAccount(
      [
        ...accountPageMocks(freeAda, freePersonal),
        complete(apiError("CONFLICT", "This checkout is not paid yet.")),
        complete({ data: { completePersonalCheckout: accountUser(proAda, proPersonal) } }),
      ],
      "/account?checkout=success&session_id=cs_personal_1",
    );
    const waiting = await screen.findByRole("region", { name: "Your payment hasn't gone through yet" });
    fireEvent.click(within(waiting).getByRole("button", { name: "Check again" }));
    expect(await screen.findByRole("region", { name: "You're on Pro" })).toBeTruthy();
  });

  it("says a cancelled checkout charged nothing", async () => {
    await openAccount(accountPageMocks(freeAda, freePersonal), "/account?checkout=cancelled");
    const banner = screen.getByRole("region", { name: "Checkout cancelled" });
    expect(within(banner).getByText("Nothing was charged, and your plan is as it was.")).toBeTruthy();
    expect(await screen.findByRole("region", { name: "Choose a personal plan" })).toBeTruthy();
  });
});

describe("Your account: the basics", () => {
  it("shows name, email and whether it is verified, with the password reset and the user menu's way here", async () => {
    await openAccount(accountPageMocks({ ...freeAda, emailVerified: false }, freePersonal));
    const details = section("Sign-in and security");
    expect(fact(details, "Name").textContent).toBe("Ada Lovelace");
    expect(fact(details, "Email").textContent).toMatch(/^ada@example.com\s*Not verified yet/);
    expect(within(details).getByRole("link", { name: "Change your password" }).getAttribute("href")).toBe("/forgot-password");
    expect(within(details).getByRole("button", { name: "Sign out everywhere" })).toBeTruthy();
    expect(screen.getByRole("link", { name: "Your account and plan" }).getAttribute("href")).toBe("/account");
  });
});
