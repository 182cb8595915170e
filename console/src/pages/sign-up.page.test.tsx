import { fireEvent, screen, within } from "@testing-library/react";
import { SignUpDocument } from "../gql/graphql";
import { apiError, asUser, myOrgsMock, orgSwitcherMock, devToolsMock } from "../test/fixtures";
import { renderApp } from "../test/render-app";

const grace = {
  id: "user_grace",
  name: "Grace Hopper",
  email: "grace@example.com",
  plan: "FREE" as const,
  isStaff: false,
  emailVerified: false,
};
const signUpRequest = {
  query: SignUpDocument,
  variables: { name: "Grace Hopper", email: "grace@example.com", password: "a-long-password" },
};

async function fillAndSubmit(name: string, email: string, password: string) {
  fireEvent.change(await screen.findByLabelText("Name"), { target: { value: name } });
  fireEvent.change(screen.getByLabelText("Email"), { target: { value: email } });
  fireEvent.change(screen.getByLabelText("Password"), { target: { value: password } });
  fireEvent.click(screen.getByRole("button", { name: "Create account" }));
}

describe("Sign up page", () => {
  it("creates the account and opens the (empty) home page", async () => {
    renderApp("/signup", [
      { request: signUpRequest, result: { data: { signUp: asUser(grace) } } },
      myOrgsMock([]),
      orgSwitcherMock([]),
      devToolsMock(),
    ]);
    await fillAndSubmit(" Grace Hopper ", "grace@example.com", "a-long-password");
    expect(await screen.findByRole("heading", { name: "You're not in any org yet" })).toBeTruthy();
    expect(screen.getByText("Grace Hopper")).toBeTruthy();
    // New accounts are unverified: the shell says where the link went.
    expect(screen.getByRole("region", { name: "Verify your email" }).textContent).toContain("we sent a link to grace@example.com");
  });

  it("remembers the invitation it came from, so verifying the email continues there", async () => {
    renderApp(`/signup?next=${encodeURIComponent("/invite/inv_carol.sig")}`, [
      { request: signUpRequest, result: { data: { signUp: asUser(grace) } } },
    ]);
    await fillAndSubmit("Grace Hopper", "grace@example.com", "a-long-password");
    expect(await screen.findByRole("heading", { name: "You're invited" })).toBeTruthy();
    expect(window.sessionStorage.getItem("team-billing.after-verify")).toBe("/invite/inv_carol.sig");
  });

  it("asks for a password of at least 10 characters before sending anything", async () => {
    renderApp("/signup", []);
    await fillAndSubmit("Grace Hopper", "grace@example.com", "short");
    const password = screen.getByLabelText("Password");
    expect(screen.getByText("Use at least 10 characters.")).toBeTruthy();
    expect(password.getAttribute("aria-invalid")).toBe("true");
    expect(document.activeElement).toBe(password);
  });

  it("shows a CONFLICT (email taken) inline in the server's words", async () => {
    renderApp("/signup", [{ request: signUpRequest, result: apiError("CONFLICT", "An account with that email already exists.") }]);
    await fillAndSubmit("Grace Hopper", "grace@example.com", "a-long-password");
    const form = screen.getByRole("form", { name: "Create your account" });
    expect(await within(form).findByText("An account with that email already exists.")).toBeTruthy();
  });
});
