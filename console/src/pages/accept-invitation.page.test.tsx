import { fireEvent, screen, within } from "@testing-library/react";
import {
  AcceptInvitationDocument,
  JoinedOrgDocument,
  OrgHomeDocument,
  SetPersonalCreditsAllowedDocument,
  SignUpDocument,
} from "../gql/graphql";
import { acme, ada, apiError, asUser, initech, meMock, orgSwitcherMock, devToolsMock } from "../test/fixtures";
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

const orgHomeMock = {
  request: { query: OrgHomeDocument, variables: { orgId: acme.id } },
  result: { data: { org: { __typename: "Org", ...acme, seats: 4, billingInterval: null } } },
};

const clickAccept = async () => fireEvent.click(await screen.findByRole("button", { name: "Accept invitation" }));

afterEach(() => window.sessionStorage.clear());

describe("Accept invitation page", () => {
  it("tells a signed-out visitor to sign in or sign up with the invited email, and comes back", async () => {
    renderApp(INVITE, [meMock(null)]);

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
      {
        request: { query: SignUpDocument, variables: { name: "Dana Scully", email: "dana@example.com", password: "a-long-password" } },
        result: { data: { signUp: asUser(dana) } },
      },
    ]);
    fireEvent.click(await screen.findByRole("link", { name: "Create an account" }));
    fireEvent.change(await screen.findByLabelText("Name"), { target: { value: "Dana Scully" } });
    fireEvent.change(screen.getByLabelText("Email"), { target: { value: "dana@example.com" } });
    fireEvent.change(screen.getByLabelText("Password"), { target: { value: "a-long-password" } });
    fireEvent.click(screen.getByRole("button", { name: "Create account" }));

    const verify = await screen.findByRole("region", { name: "Verify your email first" });
    expect(verify.textContent).toContain("We sent a link to dana@example.com.");
    expect(within(verify).getByRole("button", { name: "Resend the link" })).toBeTruthy();
    // Not before the email is verified: the server would refuse.
    expect(screen.queryByRole("button", { name: "Accept invitation" })).toBeNull();
    // The verification link, opened in any tab of this browser, comes back here.
    expect(window.sessionStorage.getItem("team-billing.after-verify")).toBe(INVITE);
  });

  it("offers to accept once the person says they verified in another tab and the server agrees", async () => {
    renderApp(INVITE, [meMock({ ...ada, emailVerified: false }), meMock(ada)]);
    fireEvent.click(await screen.findByRole("button", { name: "I've verified it: check again" }));
    expect(await screen.findByRole("button", { name: "Accept invitation" })).toBeTruthy();
  });

  it("asks to verify when the server refuses an unverified email, and shows the resend", async () => {
    renderApp(INVITE, [
      meMock(),
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
      { request: accept, result: { data: { acceptInvitation: { __typename: "Member", id: "mem_new", role: "MEMBER" } } } },
      joinedOrgMock,
      orgSwitcherMock([initech, acme]),
      devToolsMock(),
      orgHomeMock,
    ]);
    expect(await screen.findByText(ada.email, { exact: false })).toBeTruthy();

    await clickAccept();

    expect(await screen.findByRole("heading", { level: 1, name: "Acme" })).toBeTruthy();
    const notifications = screen.getByRole("region", { name: "Notifications" });
    expect(within(notifications).getByRole("status").textContent).toContain("You joined Acme.");
  });

  it("explains a used, revoked or expired invitation in the server's words", async () => {
    renderApp(INVITE, [meMock(), { request: accept, result: apiError("CONFLICT", "This invitation has expired; ask for a new one.") }]);
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
      {
        request: accept,
        result: apiError("FORBIDDEN", "This invitation is for dana@example.com; sign in with that address to accept it."),
      },
    ]);
    await clickAccept();

    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("This invitation is for dana@example.com");
    expect(screen.getByRole("button", { name: "Sign in with another account" })).toBeTruthy();
  });

  it("says when the link is not valid", async () => {
    renderApp(INVITE, [meMock(), { request: accept, result: apiError("NOT_FOUND", "Invitation was not found.") }]);
    await clickAccept();
    expect(await screen.findByRole("heading", { name: "This invitation link isn't valid" })).toBeTruthy();
  });
});
