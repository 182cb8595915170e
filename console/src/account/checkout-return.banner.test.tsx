import { MockedProvider } from "@apollo/client/testing/react";
import { render, screen } from "@testing-library/react";
import { MemoryRouter, useLocation } from "react-router";
import { createCache } from "../apollo/client";
import { CompletePersonalCheckoutDocument } from "../gql/graphql";
import { accountUser, proAda, proPersonal } from "../test/account.fixtures";
import { CheckoutReturnBanner } from "./checkout-return.banner";

function Probe() {
  const location = useLocation();
  return <output data-testid="search">{location.search}</output>;
}

const completion = {
  request: { query: CompletePersonalCheckoutDocument, variables: { sessionId: "cs_personal_1" } },
  result: { data: { completePersonalCheckout: accountUser(proAda, proPersonal) } },
};

function open(path: string) {
  const settled = jest.fn();
  render(
    <MockedProvider mocks={[completion]} cache={createCache()}>
      <MemoryRouter initialEntries={[path]}>
        <CheckoutReturnBanner onSettled={settled} />
        <Probe />
      </MemoryRouter>
    </MockedProvider>,
  );
  return settled;
}

describe("the personal checkout's return to /account", () => {
  it("completes once, says so, and drops the query from the address so a reload says nothing", async () => {
    const settled = open("/account?checkout=success&session_id=cs_personal_1");
    expect(await screen.findByRole("region", { name: "You're on Pro" })).toBeTruthy();
    expect(screen.getByTestId("search").textContent).toBe("");
    expect(settled).toHaveBeenCalledTimes(1);
  });

  it("drops a cancelled checkout's query too, after saying nothing was charged", () => {
    open("/account?checkout=cancelled");
    expect(screen.getByRole("region", { name: "Checkout cancelled" })).toBeTruthy();
    expect(screen.getByTestId("search").textContent).toBe("");
  });

  it("says nothing on a plain visit (or the reload after a return)", () => {
    const settled = open("/account");
    expect(screen.queryByRole("region")).toBeNull();
    expect(settled).not.toHaveBeenCalled();
  });
});
