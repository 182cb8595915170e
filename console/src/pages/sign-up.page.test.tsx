import { fireEvent, screen } from "@testing-library/react";
import { InvitationPreviewDocument, SignUpDocument } from "../gql/graphql";
import { asUser, devToolsMock, meMock, myOrgsMock, orgSwitcherMock } from "../test/fixtures";
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
  it("creates the account, says to check the inbox, then opens the (empty) home page", async () => {
    renderApp("/signup", [
      { request: signUpRequest, result: { data: { signUp: asUser(grace) } } },
      meMock(grace),
      myOrgsMock([]),
      orgSwitcherMock([]),
      devToolsMock(),
    ]);
    await fillAndSubmit(" Grace Hopper ", "grace@example.com", "a-long-password");
    expect(await screen.findByRole("heading", { name: "Check your inbox" })).toBeTruthy();
    expect(screen.getByRole("status").textContent).toContain("We sent a mail to grace@example.com");
    fireEvent.click(screen.getByRole("button", { name: "Continue" }));
    expect(await screen.findByRole("heading", { name: "You're not in any org yet" })).toBeTruthy();
    expect(screen.getByText("Grace Hopper")).toBeTruthy();
    // New accounts are unverified: the shell says where the link went.
    expect(screen.getByRole("region", { name: "Verify your email" }).textContent).toContain("we sent a link to grace@example.com");
  });

  it("remembers the invitation it came from, so verifying the email continues there", async () => {
    renderApp(`/signup?next=${encodeURIComponent("/invite/inv_carol.sig")}`, [
      { request: signUpRequest, result: { data: { signUp: asUser(grace) } } },
      meMock(grace),
      {
        request: { query: InvitationPreviewDocument, variables: { token: "inv_carol.sig" } },
        result: {
          data: {
            invitationPreview: {
              __typename: "InvitationPreview",
              orgName: "Acme",
              inviterName: "Carol",
              email: "grace@example.com",
              role: "MEMBER",
              status: "PENDING",
              expiresAt: "2026-12-09T10:00:00.000Z",
            },
          },
        },
      },
    ]);
    await fillAndSubmit("Grace Hopper", "grace@example.com", "a-long-password");
    fireEvent.click(await screen.findByRole("button", { name: "Continue" }));
    expect(await screen.findByRole("heading", { name: "You're invited" })).toBeTruthy();
    expect(window.sessionStorage.getItem("team-billing.after-verify")).toBe("/invite/inv_carol.sig");
  });

  it("asks for a password of at least 10 characters before sending anything", async () => {
    renderApp("/signup", []);
    await fillAndSubmit("Grace Hopper", "grace@example.com", "short");
    const password = screen.getByLabelText("Password");
    expect(screen.getByText("Use at least 10 characters.")).toBeTruthy();
    // Said once: the hint that says the same gives way to the error.
    expect(screen.queryByText("At least 10 characters.")).toBeNull();
    expect(password.getAttribute("aria-invalid")).toBe("true");
    expect(document.activeElement).toBe(password);
  });

  it("answers a taken email exactly like a new one (no enumeration), and Continue leads to Sign in with the email", async () => {
    // The server answers alike but opens no session: `me` stays null.
    renderApp("/signup", [{ request: signUpRequest, result: { data: { signUp: asUser(grace) } } }, meMock(null)]);
    await fillAndSubmit("Grace Hopper", "grace@example.com", "a-long-password");
    expect(await screen.findByRole("heading", { name: "Check your inbox" })).toBeTruthy();
    expect(screen.getByRole("status").textContent).toContain("We sent a mail to grace@example.com");
    expect(screen.queryByText(/already exists/)).toBeNull();
    fireEvent.click(screen.getByRole("button", { name: "Continue" }));
    expect(await screen.findByRole("heading", { name: "Sign in" })).toBeTruthy();
    expect((screen.getByLabelText("Email") as HTMLInputElement).value).toBe("grace@example.com");
  });

  it("starts from the email typed on Sign in, and carries it back", async () => {
    renderApp("/signin", []);
    fireEvent.change(await screen.findByLabelText("Email"), { target: { value: "grace@example.com" } });
    fireEvent.click(screen.getByRole("link", { name: "Create an account" }));
    expect(await screen.findByRole("heading", { name: "Create your account" })).toBeTruthy();
    const email = screen.getByLabelText("Email") as HTMLInputElement;
    expect(email.value).toBe("grace@example.com");
    fireEvent.change(email, { target: { value: "grace.h@example.com" } });
    fireEvent.click(screen.getByRole("link", { name: "Sign in" }));
    expect(await screen.findByRole("heading", { name: "Sign in" })).toBeTruthy();
    expect((screen.getByLabelText("Email") as HTMLInputElement).value).toBe("grace.h@example.com");
  });
});
