import { fireEvent, screen, within } from "@testing-library/react";
import { ResendVerificationEmailDocument, VerifyEmailDocument } from "../gql/graphql";
import { ada, apiError, meMock } from "../test/fixtures";
import { renderApp } from "../test/render-app";

const unverifiedAda = { ...ada, emailVerified: false };
const verifyMock = (result: object) => ({ request: { query: VerifyEmailDocument, variables: { token: "tok_verify" } }, result });
const badLink = apiError("BAD_USER_INPUT", "token: this link is not valid or has expired; send a new one");

afterEach(() => window.sessionStorage.clear());

describe("Verify email page", () => {
  it("verifies, says so, and continues to the invitation the person was opening", async () => {
    // Remembered by the invitation page (or sign-up) before the person went to their inbox.
    window.sessionStorage.setItem("team-billing.after-verify", "/invite/inv_carol.sig");
    renderApp("/verify-email/tok_verify", [
      meMock(unverifiedAda),
      verifyMock({ data: { verifyEmail: { __typename: "User", id: ada.id, emailVerified: true } } }),
    ]);

    expect(await screen.findByRole("heading", { name: "Email verified" })).toBeTruthy();
    const next = screen.getByRole("link", { name: "Continue to your invitation" });
    expect(next.getAttribute("href")).toBe("/invite/inv_carol.sig");
    // Used once: a later verification does not jump back to an old invitation.
    expect(window.sessionStorage.getItem("team-billing.after-verify")).toBeNull();

    // The invitation now offers to accept (the cached session says verified).
    fireEvent.click(next);
    expect(await screen.findByRole("button", { name: "Accept invitation" })).toBeTruthy();
    expect(screen.queryByText(/verify your email first/i)).toBeNull();
  });

  it("says an invalid link is not valid and offers a new one, showing how long to wait when rate limited", async () => {
    renderApp("/verify-email/tok_verify", [
      meMock(unverifiedAda),
      verifyMock(badLink),
      {
        request: { query: ResendVerificationEmailDocument },
        result: { errors: [{ message: "Too many attempts; try again in 42 s.", extensions: { code: "RATE_LIMITED", retryAfter: 42 } }] },
      },
      { request: { query: ResendVerificationEmailDocument }, result: { data: { resendVerificationEmail: true } } },
    ]);

    const alert = await screen.findByRole("alert");
    expect(within(alert).getByRole("heading", { name: "This verification link isn't valid" })).toBeTruthy();

    fireEvent.click(await screen.findByRole("button", { name: "Resend the link" }));
    expect(await screen.findByText(/We just sent one\. Try again in 42 s\./)).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Resend the link" }));
    expect(await screen.findByText(/Sent\. The new link replaces the old one\./)).toBeTruthy();
  });

  it("asks a signed-out visitor with a bad link to sign in for a new one", async () => {
    renderApp("/verify-email/tok_verify", [meMock(null), verifyMock(badLink)]);
    expect(await screen.findByRole("heading", { name: "This verification link isn't valid" })).toBeTruthy();
    expect(await screen.findByRole("link", { name: "Sign in" })).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Resend the link" })).toBeNull();
  });
});
