import { fireEvent, screen, within } from "@testing-library/react";
import { SignUpDocument } from "../gql/graphql";
import { apiError, asUser, myOrgsMock, orgSwitcherMock } from "../test/fixtures";
import { renderApp } from "../test/render-app";

const grace = { id: "user_grace", name: "Grace Hopper", email: "grace@example.com", plan: "FREE" as const, isStaff: false };
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
    renderApp("/signup", [{ request: signUpRequest, result: { data: { signUp: asUser(grace) } } }, myOrgsMock([]), orgSwitcherMock([])]);
    await fillAndSubmit(" Grace Hopper ", "grace@example.com", "a-long-password");
    expect(await screen.findByRole("heading", { name: "You're not in any org yet" })).toBeTruthy();
    expect(screen.getByText("Grace Hopper")).toBeTruthy();
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
