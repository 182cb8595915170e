import { CombinedGraphQLErrors } from "@apollo/client/errors";
import { fireEvent, screen, within } from "@testing-library/react";
import { ERROR_MESSAGES } from "@team-billing/shared";
import { MyOrgsDocument } from "../gql/graphql";
import { acme, apiError, signedInMocks } from "../test/fixtures";
import { renderApp } from "../test/render-app";
import { describeError } from "./error-message";

const notifications = () => screen.getByRole("region", { name: "Notifications" });

describe("the error link", () => {
  // The header's switcher knows some orgs, so the page's own query must go to the API.
  it("turns a FORBIDDEN error into its message for the person", async () => {
    renderApp("/", [
      ...signedInMocks([acme]),
      { request: { query: MyOrgsDocument }, result: apiError("FORBIDDEN", "forbidden: role MEMBER < ADMIN") },
    ]);

    const alert = await within(notifications()).findByRole("alert");
    expect(alert.textContent).toContain("Your role does not allow this.");
    // The raw server wording is for developers, not shown for FORBIDDEN.
    expect(screen.queryByText(/role MEMBER < ADMIN/)).toBeNull();
    // The page itself offers a way forward.
    expect(screen.getByRole("heading", { name: "We couldn't load your orgs" })).toBeTruthy();
    expect(screen.getByRole("button", { name: "Try again" })).toBeTruthy();
  });

  it("lets the person dismiss a notification", async () => {
    renderApp("/", [...signedInMocks([acme]), { request: { query: MyOrgsDocument }, result: apiError("FORBIDDEN") }]);
    await within(notifications()).findByRole("alert");
    fireEvent.click(screen.getByRole("button", { name: "Dismiss notification" }));
    expect(within(notifications()).queryByRole("alert")).toBeNull();
  });

  it("sends the person to sign in when the session has gone", async () => {
    renderApp("/", [...signedInMocks([acme]), { request: { query: MyOrgsDocument }, result: apiError("UNAUTHENTICATED") }]);
    expect(await screen.findByRole("heading", { name: "Sign in" })).toBeTruthy();
    expect(within(notifications()).getByRole("alert").textContent).toContain("Please sign in.");
  });
});

describe("describeError", () => {
  const graphQLError = (code: string, message = "Server says", extensions: Record<string, unknown> = {}) =>
    new CombinedGraphQLErrors({ errors: [{ message, extensions: { code, ...extensions } }] });

  it("uses the shared message for each code", () => {
    expect(describeError(graphQLError("FORBIDDEN"))).toEqual({ code: "FORBIDDEN", message: ERROR_MESSAGES.FORBIDDEN });
    expect(describeError(graphQLError("NOT_FOUND")).message).toBe("Not found.");
  });

  it("prefers the server's words for BAD_USER_INPUT and CONFLICT", () => {
    expect(describeError(graphQLError("BAD_USER_INPUT", "Name is too long.")).message).toBe("Name is too long.");
    expect(describeError(graphQLError("CONFLICT", "That key was used with other input.")).message).toBe(
      "That key was used with other input.",
    );
  });

  it("says when a billing refusal lifts", () => {
    const { code, message } = describeError(graphQLError("BILLING_MEMBER_CAP_REACHED", "cap", { resetsAt: "2030-03-01T00:00:00.000Z" }));
    expect(code).toBe("BILLING_MEMBER_CAP_REACHED");
    expect(message).toMatch(/^This member has reached their monthly cap\. Resets .*2030/);
  });

  it("never shows an unknown code's internals", () => {
    expect(describeError(graphQLError("SOMETHING_NEW", "stack trace here")).message).toBe(ERROR_MESSAGES.INTERNAL_SERVER_ERROR);
  });

  it("explains a network failure", () => {
    expect(describeError(new TypeError("Failed to fetch"))).toEqual({
      code: "NETWORK",
      message: "Can't reach the server. Check your connection and try again.",
    });
  });
});
