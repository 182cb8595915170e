import { act, render, screen } from "@testing-library/react";
import { MemoryRouter, useLocation } from "react-router";
import { useArrival } from "./arrival.hook";
import { forgetCheckout, rememberCheckout } from "./checkout-memory";

function Probe() {
  const arrival = useArrival();
  const location = useLocation();
  return (
    <>
      <output data-testid="arrival">{JSON.stringify({ outcome: arrival.outcome, credits: arrival.credits, card: arrival.card })}</output>
      <output data-testid="search">{location.search}</output>
      <button type="button" onClick={arrival.dismissOutcome}>
        Dismiss
      </button>
    </>
  );
}

const read = (id: string) => screen.getByTestId(id).textContent;
const open = (path: string) =>
  render(
    <MemoryRouter initialEntries={[path]}>
      <Probe />
    </MemoryRouter>,
  );

beforeEach(() => sessionStorage.clear());

describe("what Billing announces on arrival", () => {
  it("keeps a top-up's outcome and its credits, and drops them from the address so a reload says nothing", () => {
    rememberCheckout("cs_1", { kind: "TOP_UP", orgId: "org_acme", credits: 5_000 });
    forgetCheckout("cs_1"); // what the return page does once the checkout is complete
    open("/orgs/org_acme/billing?topped-up=1");
    expect(JSON.parse(read("arrival") ?? "")).toEqual({ outcome: "topped-up", credits: 5_000, card: null });
    expect(read("search")).toBe("");
    act(() => screen.getByRole("button", { name: "Dismiss" }).click());
    expect(JSON.parse(read("arrival") ?? "").outcome).toBeNull();

    // A reload (or the bookmark of the old address, from another tab) knows no credits any more.
    open("/orgs/org_acme/billing?topped-up=1");
    expect(JSON.parse(screen.getAllByTestId("arrival")[1].textContent ?? "").credits).toBeUndefined();
  });

  it("reads a card saved on Stripe's page, and a cancelled one", () => {
    open("/orgs/org_acme/billing?card=saved&session_id=cs_test_setup");
    expect(JSON.parse(read("arrival") ?? "").card).toEqual({ saved: "cs_test_setup" });
    expect(read("search")).toBe("");
  });

  it("announces nothing on a plain visit", () => {
    open("/orgs/org_acme/billing");
    expect(JSON.parse(read("arrival") ?? "")).toEqual({ outcome: null, card: null });
  });
});
