import { screen, within } from "@testing-library/react";
import { billingSectionMocks, monthlySubscription, orgBillingMock, teamAcme } from "../test/billing.fixtures";
import { acme, signedInMocks } from "../test/fixtures";
import { renderApp } from "../test/render-app";
import { nextInvoiceMock, paymentMethodMock } from "./payment.fixtures";

async function nextInvoice(org: typeof teamAcme, mock = nextInvoiceMock()) {
  renderApp("/orgs/org_acme/billing", [
    ...signedInMocks([acme]),
    orgBillingMock(org),
    paymentMethodMock(),
    mock,
    ...billingSectionMocks(org),
  ]);
  return screen.findByRole("region", { name: "Next invoice" });
}

describe("Next invoice", () => {
  it("shows the amount, the date and the lines, prorations marked", async () => {
    const section = await nextInvoice(teamAcme);
    expect(await within(section).findByText("$92.31")).toBeTruthy();
    expect(within(section).getByText("$92.31").parentElement?.querySelector("time")?.getAttribute("dateTime")).toBe(
      "2026-02-01T00:00:00.000Z",
    );
    const lines = within(section)
      .getAllByRole("listitem")
      .map((li) => li.textContent);
    expect(lines).toEqual([
      "Unused time on 3 × Team seat after 15 Jan 2026proration−$6.19",
      "Remaining time on 4 × Team seat after 15 Jan 2026proration$8.50",
      "1 × Team (at $49.00 / month)$49.00",
      "4 × Team seat (at $12.00 / month)$48.00",
    ]);
  });

  it("says nothing more will be billed once Team is cancelled", async () => {
    const ending = { ...teamAcme, subscription: { ...monthlySubscription, cancelAtPeriodEnd: true, pendingPlan: "FREE" as const } };
    const section = await nextInvoice(ending, nextInvoiceMock(null));
    expect(await within(section).findByText("Nothing more will be billed: Team ends at the end of this period.")).toBeTruthy();
  });

  it("is not shown without a subscription", async () => {
    renderApp("/orgs/org_acme/billing", [
      ...signedInMocks([acme]),
      orgBillingMock({ ...teamAcme, plan: "FREE", subscription: null, pool: null }),
      ...billingSectionMocks({ ...teamAcme, plan: "FREE", subscription: null, pool: null }),
    ]);
    await screen.findByRole("heading", { level: 1, name: "Billing" });
    expect(screen.queryByRole("region", { name: "Next invoice" })).toBeNull();
    expect(screen.queryByRole("region", { name: "Payment method" })).toBeNull();
  });
});
