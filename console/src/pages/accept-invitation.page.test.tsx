import { fireEvent, screen, within } from "@testing-library/react";
import type { MockLink } from "@apollo/client/testing";
import {
  AcceptInvitationDocument,
  InvitationPreviewDocument,
  JoinedOrgDocument,
  SetPersonalCreditsAllowedDocument,
  SignUpDocument,
} from "../gql/graphql";
import { acme, ada, apiError, asUser, initech, meMock, orgSwitcherMock, devToolsMock } from "../test/fixtures";
import { orgHomeMock as orgHome } from "../test/org-home.fixtures";
import { renderApp } from "../test/render-app";

const TOKEN = "0b7e6a0e-3c1f-4f7e-9a51-2f0c7f1d9e11.c2lnbmF0dXJl";
const INVITE = `/invite/${TOKEN}`;
const accept = { query: AcceptInvitationDocument, variables: { token: TOKEN } };

const joinedOrgMock = {
  request: { query: JoinedOrgDocument },
  result: {
    data: {
      myOrgs: [
        { __typename: "Org", id: initech.id, name: initech.name, members: [{ __typename: "Member", id: "mem_other" }] },
        {
          __typename: "Org",
          id: acme.id,
          name: acme.name,
          members: [
            { __typename: "Member", id: "mem_owner" },
            { __typename: "Member", id: "mem_new" },
          ],
        },
      ],
    },
  },
};

const orgHomeMock = orgHome({ ...acme, seats: 4 }, { myRole: "MEMBER" });

/** What the link offers, as the server previews it (null: no such invitation). */
const previewMock = (
  over: Partial<{ email: string; status: string; role: "ADMIN" | "MEMBER"; expiresAt: string }> | null = {},
): MockLink.MockedResponse => ({
  request: { query: InvitationPreviewDocument, variables: { token: TOKEN } },
  result: {
    data: {
      invitationPreview: over && {
        __typename: "InvitationPreview",
        orgName: "Acme",
        inviterName: "Olivia Owner",
        email: ada.email,
        role: "MEMBER",
        status: "PENDING",
        expiresAt: "2026-12-09T10:00:00.000Z",
        ...over,
      },
    },
  },
});

const clickAccept = async () => fireEvent.click(await screen.findByRole("button", { name: "Accept invitation" }));

afterEach(() => window.sessionStorage.clear());

describe("Accept invitation page", () => {
  it("tells a signed-out visitor to sign in or sign up with the invited email, and comes back", async () => {
    renderApp(INVITE, [meMock(null), previewMock()]);

    expect(await screen.findByText("Sign in or create an account with the invited email to accept.")).toBeTruthy();
    const back = encodeURIComponent(INVITE);
    expect(screen.getByRole("link", { name: "Sign in" }).getAttribute("href")).toBe(`/signin?next=${back}`);
    expect(screen.getByRole("link", { name: "Create an account" }).getAttribute("href")).toBe(`/signup?next=${back}`);
    expect(screen.queryByRole("button", { name: "Accept invitation" })).toBeNull();
  });

  it("brings a new account back to the invitation after signing up, and asks to verify the email first", async () => {
    const dana = {
      id: "user_dana",
      name: "Dana Scully",
      email: "dana@example.com",
      plan: "FREE" as const,
      isStaff: false,
      emailVerified: false,
    };
    renderApp(INVITE, [
      meMock(null),
      previewMock({ email: "dana@example.com" }),
      {
        request: { query: SignUpDocument, variables: { name: "Dana Scully", email: "dana@example.com", password: "a-long-password" } },
        result: { data: { signUp: asUser(dana) } },
      },
      meMock(dana),
    ]);
    fireEvent.click(await screen.findByRole("link", { name: "Create an account" }));
    fireEvent.change(await screen.findByLabelText("Name"), { target: { value: "Dana Scully" } });
    fireEvent.change(screen.getByLabelText("Email"), { target: { value: "dana@example.com" } });
    fireEvent.change(screen.getByLabelText("Password"), { target: { value: "a-long-password" } });
    fireEvent.click(screen.getByRole("button", { name: "Create account" }));
    fireEvent.click(await screen.findByRole("button", { name: "Continue" }));

    const verify = await screen.findByRole("region", { name: "Verify your email first" });
    expect(verify.textContent).toContain("We sent a link to dana@example.com.");
    expect(within(verify).getByRole("button", { name: "Resend the link" })).toBeTruthy();
    // Not before the email is verified: the server would refuse.
    expect(screen.queryByRole("button", { name: "Accept invitation" })).toBeNull();
    // The verification link, opened in any tab of this browser, comes back here.
    expect(window.sessionStorage.getItem("team-billing.after-verify")).toBe(INVITE);
  });

  it("offers to accept once the person says they verified in another tab and the server agrees", async () => {
    renderApp(INVITE, [meMock({ ...ada, emailVerified: false }), previewMock(), meMock(ada)]);
    fireEvent.click(await screen.findByRole("button", { name: "I've verified it: check again" }));
    expect(await screen.findByRole("button", { name: "Accept invitation" })).toBeTruthy();
  });

  it("asks to verify when the server refuses an unverified email, and shows the resend", async () => {
    renderApp(INVITE, [
      meMock(),
      previewMock(),
      {
        request: accept,
        result: {
          errors: [{ message: "Verify your email first.", extensions: { code: "FORBIDDEN", reason: "EMAIL_NOT_VERIFIED" } }],
        },
      },
      meMock({ ...ada, emailVerified: false }),
    ]);
    await clickAccept();
    expect(await screen.findByRole("region", { name: "Verify your email first" })).toBeTruthy();
    expect(screen.getByRole("button", { name: "Resend the link" })).toBeTruthy();
  });

  it("saves the personal-credits consent after accepting when ticked", async () => {
    renderApp(INVITE, [
      meMock(),
      previewMock(),
      { request: accept, result: { data: { acceptInvitation: { __typename: "Member", id: "mem_new", role: "MEMBER" } } } },
      joinedOrgMock,
      {
        request: { query: SetPersonalCreditsAllowedDocument, variables: { orgId: acme.id, allowed: true } },
        result: { data: { setPersonalCreditsAllowed: { __typename: "Member", id: "mem_new", personalCreditsAllowed: true } } },
      },
      orgSwitcherMock([initech, acme]),
      devToolsMock(),
      orgHomeMock,
    ]);
    const consent = await screen.findByRole("checkbox", { name: "Let this org's API keys spend my personal credits" });
    expect((consent as HTMLInputElement).checked).toBe(false);
    fireEvent.click(consent);
    await clickAccept();

    expect(await screen.findByRole("heading", { level: 1, name: "Acme" })).toBeTruthy();
    const notifications = screen.getByRole("region", { name: "Notifications" });
    expect(within(notifications).getByRole("status").textContent).toContain("You joined Acme.");
    expect(within(notifications).queryByRole("alert")).toBeNull();
  });

  it("accepts for a signed-in user and opens the org", async () => {
    renderApp(INVITE, [
      meMock(),
      previewMock(),
      { request: accept, result: { data: { acceptInvitation: { __typename: "Member", id: "mem_new", role: "MEMBER" } } } },
      joinedOrgMock,
      orgSwitcherMock([initech, acme]),
      devToolsMock(),
      orgHomeMock,
    ]);
    expect((await screen.findByRole("region", { name: "Invitation" })).textContent).toContain(`invited ${ada.email} to join Acme`);

    await clickAccept();

    expect(await screen.findByRole("heading", { level: 1, name: "Acme" })).toBeTruthy();
    const notifications = screen.getByRole("region", { name: "Notifications" });
    expect(within(notifications).getByRole("status").textContent).toContain("You joined Acme.");
  });

  it("explains a used, revoked or expired invitation in the server's words", async () => {
    renderApp(INVITE, [
      meMock(),
      previewMock(),
      { request: accept, result: apiError("CONFLICT", "This invitation has expired; ask for a new one.") },
    ]);
    await clickAccept();

    const alert = await screen.findByRole("alert");
    expect(within(alert).getByRole("heading", { name: "This invitation can't be used" })).toBeTruthy();
    expect(alert.textContent).toContain("This invitation has expired; ask for a new one.");
    // Trying again cannot help; the way on is the footer's link to your orgs.
    expect(screen.queryByRole("button", { name: "Accept invitation" })).toBeNull();
    expect(screen.getByRole("link", { name: "Go to your orgs" })).toBeTruthy();
    expect(within(screen.getByRole("region", { name: "Notifications" })).queryByRole("alert")).toBeNull();
  });

  it("names the invited email when signed in with another one, and offers to switch", async () => {
    renderApp(INVITE, [
      meMock(),
      previewMock(),
      {
        request: accept,
        result: apiError("FORBIDDEN", "This invitation is for dana@example.com; sign in with that address to accept it."),
      },
    ]);
    await clickAccept();

    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("This invitation is for dana@example.com");
    expect(screen.getByRole("button", { name: "Sign out" })).toBeTruthy();
  });

  it("says when the link is not valid, should the server refuse it at accept time", async () => {
    renderApp(INVITE, [meMock(), previewMock(), { request: accept, result: apiError("NOT_FOUND", "Invitation was not found.") }]);
    await clickAccept();
    expect(await screen.findByRole("heading", { name: "This invitation link isn't valid" })).toBeTruthy();
  });
});

describe("Accept invitation page, before anyone signs up", () => {
  it("names the org, the inviter, the role and the expiry, and carries the invited email to Create account", async () => {
    renderApp(INVITE, [meMock(null), previewMock({ email: "dana@example.com", role: "ADMIN" })]);

    const offer = await screen.findByRole("region", { name: "Invitation" });
    expect(offer.textContent).toContain("Olivia Owner invited dana@example.com to join Acme as an Admin.");
    expect(offer.textContent).toMatch(/The link works until Dec 9, 2026/);
    expect(screen.getByRole("heading", { level: 1, name: "You're invited" })).toBeTruthy();

    fireEvent.click(screen.getByRole("link", { name: "Create an account" }));
    expect(((await screen.findByLabelText("Email")) as HTMLInputElement).value).toBe("dana@example.com");
  });

  it("carries the invited email to Sign in as well", async () => {
    renderApp(INVITE, [meMock(null), previewMock({ email: "dana@example.com" })]);
    fireEvent.click(await screen.findByRole("link", { name: "Sign in" }));
    expect(((await screen.findByLabelText("Email")) as HTMLInputElement).value).toBe("dana@example.com");
  });

  it("says a cut-short or unknown link is not valid, with no sign-up for nothing and no 'You're invited'", async () => {
    renderApp(INVITE, [meMock(null), previewMock(null)]);
    expect(await screen.findByRole("heading", { level: 1, name: "This invitation link isn't valid" })).toBeTruthy();
    expect(screen.getByText(/opened the whole link/)).toBeTruthy();
    expect(screen.queryByText("You're invited")).toBeNull();
    expect(screen.queryByRole("link", { name: "Create an account" })).toBeNull();
  });

  it("says an accepted link was used, before any Accept button", async () => {
    renderApp(INVITE, [meMock(), previewMock({ status: "ACCEPTED" })]);
    expect(await screen.findByRole("heading", { level: 1, name: "This invitation was already accepted" })).toBeTruthy();
    expect(screen.getByText(/ada@example.com joined Acme with this link/)).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Accept invitation" })).toBeNull();
    expect(screen.getByRole("link", { name: "Go to your orgs" })).toBeTruthy();
  });

  it("says when a link expired or was revoked, and who to ask", async () => {
    renderApp(INVITE, [meMock(null), previewMock({ status: "EXPIRED", expiresAt: "2026-11-01T10:00:00.000Z" })]);
    expect(await screen.findByRole("heading", { level: 1, name: "This invitation has expired" })).toBeTruthy();
    expect(screen.getByText(/Ask Olivia Owner of Acme for a new one/)).toBeTruthy();
    expect(screen.queryByRole("link", { name: "Create an account" })).toBeNull();
  });

  it("tells a person signed in with another email before they press Accept, and offers to sign out", async () => {
    renderApp(INVITE, [meMock(), previewMock({ email: "dana@example.com" })]);
    const alert = await screen.findByRole("alert");
    expect(within(alert).getByRole("heading", { name: "This invitation is for another email" })).toBeTruthy();
    expect(alert.textContent).toContain("You're signed in as ada@example.com");
    expect(alert.textContent).toContain("dana@example.com");
    expect(screen.getByRole("button", { name: "Sign out" })).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Accept invitation" })).toBeNull();
  });
});
