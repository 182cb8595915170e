import { fireEvent, screen, within } from "@testing-library/react";
import { LoginDocument } from "../gql/graphql";
import { acme, ada, apiError, asUser, myOrgsMock, orgSwitcherMock, devToolsMock } from "../test/fixtures";
import { orgHomeMock } from "../test/org-home.fixtures";
import { renderApp } from "../test/render-app";

// The page is a lazy chunk: wait for it like a person would.
async function fillAndSubmit(email: string, password: string) {
  fireEvent.change(await screen.findByLabelText("Email"), { target: { value: email } });
  fireEvent.change(screen.getByLabelText("Password"), { target: { value: password } });
  fireEvent.click(screen.getByRole("button", { name: "Sign in" }));
}

const loginRequest = { query: LoginDocument, variables: { email: "ada@example.com", password: "correct horse battery" } };

describe("Sign in page", () => {
  it("signs in and lands on the home page without asking the server who you are again", async () => {
    // No `me` mock: the login result seeds the session, so any extra request would fail the test.
    renderApp("/signin", [
      { request: loginRequest, result: { data: { login: asUser(ada) } } },
      myOrgsMock([acme]),
      orgSwitcherMock([acme]),
      devToolsMock(),
    ]);

    // Mixed case and spaces are normalized the way the server stores emails.
    await fillAndSubmit("  Ada@Example.com ", "correct horse battery");

    expect(await screen.findByRole("heading", { name: "Your orgs" })).toBeTruthy();
    expect(await screen.findByRole("link", { name: "Acme" })).toBeTruthy();
    expect(screen.getByText("Ada Lovelace")).toBeTruthy();
    expect(screen.queryByRole("heading", { name: "Sign in" })).toBeNull();
  });

  it("returns to the page you asked for", async () => {
    renderApp(`/signin?next=${encodeURIComponent("/orgs/org_acme")}`, [
      { request: loginRequest, result: { data: { login: asUser(ada) } } },
      orgSwitcherMock([acme]),
      devToolsMock(),
      orgHomeMock(acme, { billingInterval: "MONTHLY" }),
    ]);
    await fillAndSubmit("ada@example.com", "correct horse battery");
    expect(await screen.findByRole("heading", { name: "Acme" })).toBeTruthy();
  });

  it("shows a BAD_USER_INPUT error inline, in the server's words, and stays put", async () => {
    renderApp("/signin", [{ request: loginRequest, result: apiError("BAD_USER_INPUT", "That account is locked; reset your password.") }]);

    await fillAndSubmit("ada@example.com", "correct horse battery");

    const form = screen.getByRole("form", { name: "Sign in" });
    expect(await within(form).findByText("That account is locked; reset your password.")).toBeTruthy();
    // Inline only: the app-level notifications stay quiet for form errors.
    expect(within(screen.getByRole("region", { name: "Notifications" })).queryByRole("alert")).toBeNull();
    expect(screen.getByRole("heading", { name: "Sign in" })).toBeTruthy();
  });

  it("says plainly when the email and password don't match", async () => {
    renderApp("/signin", [{ request: loginRequest, result: apiError("UNAUTHENTICATED", "Invalid credentials") }]);
    await fillAndSubmit("ada@example.com", "correct horse battery");
    expect(await screen.findByText("That email and password don't match an account.")).toBeTruthy();
    expect(screen.getByRole("heading", { name: "Sign in" })).toBeTruthy();
  });

  it("says how long a lockout lasts, from the server's retryAfter", async () => {
    renderApp("/signin", [
      {
        request: loginRequest,
        result: { errors: [{ message: "Too many attempts; try again in 890 s.", extensions: { code: "RATE_LIMITED", retryAfter: 890 } }] },
      },
    ]);
    await fillAndSubmit("ada@example.com", "correct horse battery");
    const form = screen.getByRole("form", { name: "Sign in" });
    expect(await within(form).findByText(/sign-in is paused for about 15 minutes, even with the right password/)).toBeTruthy();
    expect(screen.queryByText(/try again shortly/)).toBeNull();
    expect(within(form).getByRole("link", { name: "Forgot your password?" })).toBeTruthy();
  });

  it("checks the fields before sending anything and focuses the first problem", async () => {
    renderApp("/signin", []);
    await fillAndSubmit("not-an-email", "");

    const email = screen.getByLabelText("Email");
    expect(email.getAttribute("aria-invalid")).toBe("true");
    expect(screen.getByText(/Enter the email you signed up with/)).toBeTruthy();
    expect(screen.getByText("Enter your password.")).toBeTruthy();
    expect(document.activeElement).toBe(email);
  });
});
