import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { DevMailboxDocument, LogoutEverywhereDocument, ResendVerificationEmailDocument } from "../gql/graphql";
import { acme, ada, devToolsMock, meMock, myOrgsMock, orgSwitcherMock, signedInMocks } from "../test/fixtures";
import { renderApp } from "../test/render-app";
import { expectedOrigin } from "./app-shell.layout";
import { resetPublicUrl, resetServerClock, serverNow, serverPublicUrl } from "./server-clock";

const unverifiedAda = { ...ada, emailVerified: false };
const verifyNotice = () => screen.queryByRole("region", { name: "Verify your email" });

describe("App shell", () => {
  it("asks an unverified user to check their inbox, and resends the link", async () => {
    renderApp("/", [
      ...signedInMocks([], unverifiedAda),
      myOrgsMock([]),
      { request: { query: ResendVerificationEmailDocument }, result: { data: { resendVerificationEmail: true } } },
    ]);
    const notice = await screen.findByRole("region", { name: "Verify your email" });
    expect(notice.textContent).toContain("Check your inbox: we sent a link to ada@example.com to verify your email.");
    expect(notice.textContent).toContain("Until then you can't accept invitations.");

    fireEvent.click(within(notice).getByRole("button", { name: "Resend the link" }));
    expect(await within(notice).findByText(/Sent\. The new link replaces the old one\./)).toBeTruthy();
  });

  it("hides the notice once verified (the server says CONFLICT to a resend)", async () => {
    renderApp("/", [
      ...signedInMocks([], unverifiedAda),
      myOrgsMock([]),
      {
        request: { query: ResendVerificationEmailDocument },
        result: { errors: [{ message: "already verified", extensions: { code: "CONFLICT" } }] },
      },
      meMock(ada),
    ]);
    const notice = await screen.findByRole("region", { name: "Verify your email" });
    fireEvent.click(within(notice).getByRole("button", { name: "Resend the link" }));
    await screen.findByRole("heading", { name: "You're not in any org yet" });
    await waitFor(() => expect(verifyNotice()).toBeNull());
  });

  it("shows no notice to a verified user, nor a dev tools banner when they are off", async () => {
    renderApp("/", [...signedInMocks([]), myOrgsMock([])]);
    await screen.findByRole("heading", { name: "You're not in any org yet" });
    expect(verifyNotice()).toBeNull();
    expect(screen.queryByRole("region", { name: "Dev tools" })).toBeNull();
  });

  it("signs out everywhere from the user menu and says so on the sign-in page", async () => {
    renderApp("/", [
      ...signedInMocks([]),
      myOrgsMock([]),
      { request: { query: LogoutEverywhereDocument }, result: { data: { logoutEverywhere: true } } },
    ]);
    fireEvent.click(await screen.findByText("Ada Lovelace", { selector: "summary" }));
    fireEvent.click(screen.getByRole("button", { name: "Sign out everywhere" }));

    expect(await screen.findByRole("heading", { name: "Sign in" })).toBeTruthy();
    expect(screen.getByRole("status").textContent).toBe("You are signed out on every device.");
  });

  it("announces dev tools and lists the dev mail newest first, with clickable links", async () => {
    renderApp("/", [
      meMock(),
      orgSwitcherMock([]),
      devToolsMock(true),
      myOrgsMock([]),
      {
        request: { query: DevMailboxDocument, variables: { first: 50 } },
        result: {
          data: {
            devMailbox: [
              {
                __typename: "DevMail",
                id: "2",
                to: "ada@example.com",
                subject: "Reset your Team Billing password",
                text: "Choose a new password: http://localhost:5173/reset-password/tok_reset\nIgnore this mail if you did not ask.",
                kind: "reset_password",
                createdAt: "2026-02-21T10:00:00.000Z",
                sentAt: "2026-02-21T10:00:01.000Z",
              },
              {
                __typename: "DevMail",
                id: "1",
                to: "ada@example.com",
                subject: "Verify your email",
                text: "Open https://billing.example.com/verify-email/tok_verify to verify.",
                kind: "verify_email",
                createdAt: "2026-02-20T10:00:00.000Z",
                sentAt: null,
              },
            ],
          },
        },
      },
    ]);
    const banner = await screen.findByRole("region", { name: "Dev tools" });
    expect(banner.textContent).toContain("Dev tools are on:");
    fireEvent.click(within(banner).getByRole("link", { name: "Open the dev mail" }));

    const list = await screen.findByRole("list", { name: "Mail" });
    const mails = within(list).getAllByRole("article");
    expect(mails.map((m) => m.getAttribute("aria-label"))).toEqual(["Reset your Team Billing password", "Verify your email"]);
    expect(mails[0].textContent).toContain("To ada@example.com");
    expect(mails[1].textContent).toContain("waiting to be sent");
    // The console's own links open here, in this tab's session.
    expect(within(mails[0]).getByRole("link", { name: "http://localhost:5173/reset-password/tok_reset" }).getAttribute("href")).toBe(
      "/reset-password/tok_reset",
    );
    expect(within(mails[1]).getByRole("link", { name: "https://billing.example.com/verify-email/tok_verify" }).getAttribute("href")).toBe(
      "/verify-email/tok_verify",
    );
    expect(mails[1].textContent).toContain(" to verify.");
  });
});

describe("App shell, the address the server's links lead to", () => {
  const realFetch = globalThis.fetch;
  afterEach(() => {
    globalThis.fetch = realFetch;
    act(() => {
      resetPublicUrl();
      resetServerClock();
    });
  });

  /** /healthz as the server answers it, with PUBLIC_URL when the server names it. */
  const healthz = (body: Record<string, unknown>) => {
    // jsdom has no Response: the two members the console reads.
    const fetchMock = jest.fn(async () => ({ ok: true, json: async () => body }));
    globalThis.fetch = fetchMock as unknown as typeof fetch;
    return fetchMock;
  };

  it("warns, before any checkout, when the console is open at another origin than PUBLIC_URL", async () => {
    const fetchMock = healthz({ ok: true, time: new Date().toISOString(), publicUrl: "https://billing.example.com/" });
    renderApp("/", [...signedInMocks([]), myOrgsMock([])]);
    const banner = await screen.findByRole("region", { name: "Different address" });
    expect(fetchMock).toHaveBeenCalledWith("/healthz", expect.anything());
    expect(banner.textContent).toContain(
      "You opened the console at http://localhost, but this server's links lead to https://billing.example.com.",
    );
    expect(within(banner).getByRole("link", { name: "Open the console at https://billing.example.com" }).getAttribute("href")).toBe(
      "https://billing.example.com/",
    );
  });

  it("says nothing when the console is open at PUBLIC_URL", async () => {
    healthz({ ok: true, time: new Date().toISOString(), publicUrl: "http://localhost" });
    renderApp("/", [...signedInMocks([]), myOrgsMock([])]);
    await screen.findByRole("heading", { name: "You're not in any org yet" });
    await waitFor(() => expect(serverPublicUrl()).toBe("http://localhost"));
    expect(screen.queryByRole("region", { name: "Different address" })).toBeNull();
  });

  it("follows the server's clock from /healthz", async () => {
    const ahead = new Date(Date.now() + 31 * 86_400_000);
    healthz({ ok: true, time: ahead.toISOString() });
    renderApp("/", [...signedInMocks([]), myOrgsMock([])]);
    await waitFor(() => expect(Math.abs(serverNow().getTime() - ahead.getTime())).toBeLessThan(5_000));
  });

  it("falls back to the server's default PUBLIC_URL (localhost) for a loopback IP when the server does not say", () => {
    expect(expectedOrigin(null, { protocol: "http:", hostname: "127.0.0.1", port: "5600" })).toBe("http://localhost:5600");
    expect(expectedOrigin(null, { protocol: "https:", hostname: "billing.example.com", port: "" })).toBeNull();
    expect(expectedOrigin("http://localhost:5600/", { protocol: "http:", hostname: "127.0.0.1", port: "5600" })).toBe(
      "http://localhost:5600",
    );
  });
});

describe("Org switcher", () => {
  it("tells two orgs of the same name apart by plan and role", async () => {
    const acmeFree = { ...acme, id: "org_acme_2", plan: "FREE" as const };
    renderApp("/", [...signedInMocks([acme, acmeFree]), myOrgsMock([acme, acmeFree])]);
    const links = await screen.findAllByRole("link", { name: /^Acme/ });
    const inMenu = links.filter((l) => l.closest(".org-switcher")).map((l) => l.textContent);
    expect(inMenu).toEqual(["Acme · Team, owner", "Acme · Free, owner"]);
  });
});
