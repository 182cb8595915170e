import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import {
  ChangeMemberRoleDocument,
  InviteMemberDocument,
  RemoveMemberDocument,
  TeamSettingsDocument,
  TransferOwnershipDocument,
} from "../gql/graphql";
import { acme, apiError, initech, signedInMocks } from "../test/fixtures";
import { renderApp } from "../test/render-app";
import {
  adaMember,
  apiKeysMock,
  auditEntriesMock,
  bob,
  bobMember,
  capRequestsMock,
  carolInvitation,
  ciKey,
  graceMember,
  invitationsMock,
  managerTeamMocks,
  orgCreatedEntry,
  roleChangedEntry,
  teamSettingsMock,
  typed,
} from "../test/team.fixtures";

const membersTable = () => screen.getByRole("table", { name: "Members" });
const rowOf = (name: string) => within(membersTable()).getByRole("row", { name: new RegExp(name) });
const notifications = () => screen.getByRole("region", { name: "Notifications" });

async function openAsOwner(extra: Parameters<typeof renderApp>[1] = []) {
  const view = renderApp("/orgs/org_acme/team", [...signedInMocks([acme, initech]), ...managerTeamMocks("OWNER"), ...extra]);
  await screen.findByRole("heading", { level: 1, name: "Team settings" });
  return view;
}

describe("Team settings page", () => {
  it('leads to each section from an "On this page" list, the long audit log last', async () => {
    await openAsOwner();
    const links = within(screen.getByRole("navigation", { name: "On this page" })).getAllByRole("link");
    expect(links.map((a) => [a.textContent, a.getAttribute("href")])).toEqual([
      ["Members", "#members"],
      ["Invitations", "#invitations"],
      ["Spaces", "#spaces"],
      ["Caps & alert", "#caps"],
      ["Alerts", "#alerts"],
      ["Cap requests", "#cap-requests"],
      ["API keys", "#api-keys"],
      ["Webhooks", "#webhooks"],
      ["Org", "#org-settings"],
      ["Your membership", "#membership"],
      ["Audit log", "#audit-log"],
    ]);
    // Every link has its section on the page.
    for (const [, href] of links.map((a) => [a.textContent, a.getAttribute("href")])) {
      expect(document.getElementById(String(href).slice(1))).not.toBeNull();
    }
  });

  it("lists members with name, email, role and joined date", async () => {
    await openAsOwner();

    const rows = within(membersTable()).getAllByRole("row").slice(1);
    expect(rows).toHaveLength(3);
    const ada = within(rowOf("Ada Lovelace"));
    expect(ada.getByText("ada@example.com")).toBeTruthy();
    expect(ada.getByText("Owner")).toBeTruthy();
    expect(ada.getByText("(you)")).toBeTruthy();
    expect(ada.getByText("Jan 5, 2026")).toBeTruthy();
    // The owner's role moves only by transfer: no select, no remove on that row.
    expect(ada.queryByRole("combobox")).toBeNull();
    expect(ada.queryByRole("button")).toBeNull();
    expect((within(rowOf("Grace Hopper")).getByRole("combobox", { name: "Role for Grace Hopper" }) as HTMLSelectElement).value).toBe(
      "ADMIN",
    );
    expect(screen.getByText("3 seats")).toBeTruthy();
    // The org switcher names the org on its sub-pages too.
    expect(screen.getByText("Acme", { selector: "summary" })).toBeTruthy();
  });

  it("adds an invitation to the pending list when the invite form is sent", async () => {
    const dana = {
      id: "inv_dana",
      email: "dana@example.com",
      role: "ADMIN" as const,
      createdAt: "2026-02-21T10:00:00.000Z",
      expiresAt: "2026-02-28T10:00:00.000Z",
      acceptUrl: "https://billing.example.com/invite/inv_dana.sig",
    };
    await openAsOwner([
      {
        request: { query: InviteMemberDocument, variables: { orgId: acme.id, email: "dana@example.com", role: "ADMIN" } },
        result: { data: { inviteMember: typed.invitation(dana) } },
      },
    ]);
    const pending = screen.getByRole("list", { name: "Pending invitations" });
    expect(within(pending).getAllByRole("listitem")).toHaveLength(1);

    const form = screen.getByRole("form", { name: "Invite someone" });
    fireEvent.change(within(form).getByLabelText("Email"), { target: { value: " Dana@Example.com " } });
    fireEvent.change(within(form).getByLabelText("Role"), { target: { value: "ADMIN" } });
    fireEvent.click(within(form).getByRole("button", { name: "Send invitation" }));

    expect(await within(pending).findByText("dana@example.com")).toBeTruthy();
    const items = within(pending).getAllByRole("listitem");
    expect(items).toHaveLength(2);
    // Newest first, as the server lists them, with its role and link.
    expect(within(items[0]).getByText("Admin")).toBeTruthy();
    expect(within(items[0]).getByRole("button", { name: "Copy link for dana@example.com" })).toBeTruthy();
    expect(within(notifications()).getByRole("status").textContent).toContain("Invitation sent to dana@example.com.");
    expect((within(form).getByLabelText("Email") as HTMLInputElement).value).toBe("");
  });

  it("shows why an invitation was refused next to the form", async () => {
    await openAsOwner([
      {
        request: { query: InviteMemberDocument, variables: { orgId: acme.id, email: "carol@example.com", role: "MEMBER" } },
        result: apiError("CONFLICT", "carol@example.com already has a pending invitation; revoke it to send a new one."),
      },
    ]);
    const form = screen.getByRole("form", { name: "Invite someone" });
    fireEvent.change(within(form).getByLabelText("Email"), { target: { value: "carol@example.com" } });
    fireEvent.click(within(form).getByRole("button", { name: "Send invitation" }));
    expect(await within(form).findByText(/already has a pending invitation/)).toBeTruthy();
    expect(within(notifications()).queryByRole("alert")).toBeNull();
  });

  it("copies an invitation's link", async () => {
    const writeText = jest.fn().mockResolvedValue(undefined);
    Object.defineProperty(navigator, "clipboard", { value: { writeText }, configurable: true });
    await openAsOwner();

    fireEvent.click(screen.getByRole("button", { name: "Copy link for carol@example.com" }));

    expect(await screen.findByText("Copied")).toBeTruthy();
    expect(writeText).toHaveBeenCalledWith(carolInvitation.acceptUrl);
  });

  it("shows a MEMBER the team and Spaces but no management controls", async () => {
    // Only the page's own query and the member's cap requests: asking for API keys, alerts, webhooks or the audit log would fail the test.
    renderApp("/orgs/org_acme/team", [...signedInMocks([acme], bob), teamSettingsMock({ myRole: "MEMBER" }), capRequestsMock()]);
    await screen.findByRole("heading", { level: 1, name: "Team settings" });

    expect(within(membersTable()).getAllByRole("row")).toHaveLength(4);
    expect(within(membersTable()).queryByRole("combobox")).toBeNull();
    expect(within(membersTable()).queryByRole("button")).toBeNull();
    expect(screen.getByText(/Only the owner and admins can invite people or change the team\./)).toBeTruthy();
    // Pending invitations are for OWNER and ADMIN: never asked for (no mock), not shown.
    expect(screen.queryByRole("heading", { name: "Pending invitations" })).toBeNull();
    expect(screen.queryByRole("alert")).toBeNull();
    expect(screen.queryByRole("form", { name: "Invite someone" })).toBeNull();
    // Spaces, read-only.
    expect(within(screen.getByRole("list", { name: "Spaces" })).getByText("Research")).toBeTruthy();
    expect(screen.queryByRole("form", { name: "Create a Space" })).toBeNull();
    expect(screen.queryByRole("heading", { name: "API keys" })).toBeNull();
    expect(screen.queryByRole("heading", { name: "Audit log" })).toBeNull();
    // The page's own links lead only to what a member sees.
    const sections = within(screen.getByRole("navigation", { name: "On this page" })).getAllByRole("link");
    expect(sections.map((a) => a.textContent)).toEqual(["Members", "Spaces", "Caps & alert", "Cap requests", "Your membership"]);
    expect(screen.queryByRole("heading", { name: "Usage alerts" })).toBeNull();
    expect(screen.queryByRole("heading", { name: "Webhooks" })).toBeNull();
    // Their own cap requests (none yet), and where to ask.
    const requests = screen.getByRole("region", { name: "Your cap requests" });
    expect(await within(requests).findByText(/You have not asked for a higher cap/)).toBeTruthy();
    // The header's (the user menu's, then sign out), and their own way out.
    expect(screen.queryAllByRole("button").map((b) => b.textContent)).toEqual(["Sign out everywhere", "Sign out", "Leave Acme"]);
  });

  it("asks for confirmation before transferring ownership, and says the old owner becomes an admin", async () => {
    await openAsOwner([
      {
        request: { query: TransferOwnershipDocument, variables: { orgId: acme.id, memberId: graceMember.id } },
        result: {
          data: {
            transferOwnership: {
              __typename: "Org",
              id: acme.id,
              myRole: "ADMIN",
              members: [
                { __typename: "Member", id: adaMember.id, role: "ADMIN" },
                { __typename: "Member", id: graceMember.id, role: "OWNER" },
                { __typename: "Member", id: bobMember.id, role: "MEMBER" },
              ],
            },
          },
        },
      },
    ]);

    fireEvent.click(screen.getByRole("button", { name: "Transfer ownership to Grace Hopper" }));
    let dialog = screen.getByRole("dialog", { name: "Transfer ownership to Grace Hopper?" });
    expect(dialog.textContent).toContain("Grace Hopper becomes the owner of Acme.");
    expect(dialog.textContent).toContain("You become an admin");
    // Cancel is the default and changes nothing.
    expect(document.activeElement).toBe(within(dialog).getByRole("button", { name: "Cancel" }));
    fireEvent.click(within(dialog).getByRole("button", { name: "Cancel" }));
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(within(rowOf("Ada Lovelace")).getByText("Owner")).toBeTruthy();

    fireEvent.click(screen.getByRole("button", { name: "Transfer ownership to Grace Hopper" }));
    dialog = screen.getByRole("dialog", { name: "Transfer ownership to Grace Hopper?" });
    fireEvent.click(within(dialog).getByRole("button", { name: "Transfer ownership" }));

    expect(await within(notifications()).findByText("Grace Hopper now owns Acme. You are an admin.")).toBeTruthy();
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(within(rowOf("Grace Hopper")).getByText("Owner")).toBeTruthy();
    expect(within(rowOf("Ada Lovelace")).getByText("Admin")).toBeTruthy();
    // Now an admin: no more transfers, and the new owner's row is out of reach.
    expect(screen.queryByRole("button", { name: /Transfer ownership/ })).toBeNull();
    expect(within(rowOf("Grace Hopper")).queryByRole("button")).toBeNull();
    expect(within(rowOf("Bob Builder")).getByRole("button", { name: "Remove Bob Builder" })).toBeTruthy();
  });

  it("removes a member after confirmation and counts one seat less", async () => {
    await openAsOwner([
      {
        request: { query: RemoveMemberDocument, variables: { orgId: acme.id, memberId: bobMember.id } },
        result: { data: { removeMember: true } },
      },
    ]);
    fireEvent.click(screen.getByRole("button", { name: "Remove Bob Builder" }));
    const dialog = screen.getByRole("dialog", { name: "Remove Bob Builder?" });
    expect(dialog.textContent).toContain("Billable seats go from 3 to 2.");
    expect(dialog.textContent).toContain("They created no API keys here; no key is revoked.");
    fireEvent.click(within(dialog).getByRole("button", { name: "Remove member" }));

    expect(await within(notifications()).findByText("Removed Bob Builder from Acme.")).toBeTruthy();
    expect(within(membersTable()).queryByRole("rowheader", { name: "Bob Builder" })).toBeNull();
    expect(screen.getByText("2 seats")).toBeTruthy();
  });

  it("says how many API keys removing a member revokes, and drops them from the list", async () => {
    const deploy = { ...ciKey, id: "key_deploy", name: "Deploy", createdByUserId: "user_grace", createdByName: "Grace Hopper" };
    const own = { ...ciKey, id: "key_own", name: "Owner's", createdByUserId: "user_ada", createdByName: "Ada Lovelace" };
    const keys = [ciKey, deploy, own];
    renderApp("/orgs/org_acme/team", [
      ...signedInMocks([acme]),
      teamSettingsMock({ myRole: "OWNER" }),
      invitationsMock(),
      apiKeysMock(keys),
      auditEntriesMock(),
      {
        request: { query: RemoveMemberDocument, variables: { orgId: acme.id, memberId: graceMember.id } },
        result: { data: { removeMember: true } },
      },
      // Asked again after the removal: the server has revoked Grace's keys.
      apiKeysMock([own]),
    ]);
    const table = await screen.findByRole("table", { name: "API keys" });
    expect(within(table).getAllByRole("row")).toHaveLength(4);

    fireEvent.click(screen.getByRole("button", { name: "Remove Grace Hopper" }));
    const dialog = screen.getByRole("dialog", { name: "Remove Grace Hopper?" });
    expect(dialog.textContent).toContain("2 API keys they created will be revoked (CI, Deploy)");

    fireEvent.click(within(dialog).getByRole("button", { name: "Remove member" }));
    expect(await within(notifications()).findByText("Removed Grace Hopper from Acme.")).toBeTruthy();
    await waitFor(() => expect(within(screen.getByRole("table", { name: "API keys" })).getAllByRole("row")).toHaveLength(2));
    expect(within(screen.getByRole("table", { name: "API keys" })).getByRole("rowheader", { name: "Owner's" })).toBeTruthy();
  });

  it("keeps the dialog open with the reason when removing fails", async () => {
    await openAsOwner([
      {
        request: { query: RemoveMemberDocument, variables: { orgId: acme.id, memberId: bobMember.id } },
        result: apiError("FORBIDDEN"),
      },
    ]);
    fireEvent.click(screen.getByRole("button", { name: "Remove Bob Builder" }));
    const dialog = screen.getByRole("dialog", { name: "Remove Bob Builder?" });
    fireEvent.click(within(dialog).getByRole("button", { name: "Remove member" }));
    expect(await within(dialog).findByText("Your role does not allow this.")).toBeTruthy();
    expect(within(membersTable()).getByRole("rowheader", { name: "Bob Builder" })).toBeTruthy();
  });

  it("asks before making a member an admin, and changes nothing when cancelled", async () => {
    await openAsOwner([
      {
        request: { query: ChangeMemberRoleDocument, variables: { orgId: acme.id, memberId: bobMember.id, role: "ADMIN" } },
        result: { data: { changeMemberRole: { __typename: "Member", id: bobMember.id, role: "ADMIN" } } },
      },
    ]);
    const select = within(rowOf("Bob Builder")).getByRole("combobox", { name: "Role for Bob Builder" }) as HTMLSelectElement;
    fireEvent.change(select, { target: { value: "ADMIN" } });
    let dialog = screen.getByRole("dialog", { name: "Make Bob Builder an admin?" });
    expect(dialog.textContent).toContain("create API keys that spend Acme's credits");
    fireEvent.click(within(dialog).getByRole("button", { name: "Cancel" }));
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(select.value).toBe("MEMBER");

    fireEvent.change(select, { target: { value: "ADMIN" } });
    dialog = screen.getByRole("dialog", { name: "Make Bob Builder an admin?" });
    fireEvent.click(within(dialog).getByRole("button", { name: "Make admin" }));
    expect(await within(notifications()).findByText("Bob Builder is now an admin.")).toBeTruthy();
    expect(select.value).toBe("ADMIN");
    expect(screen.queryByRole("dialog")).toBeNull();
  });

  it("asks for the audit log again after a change, without the change's component knowing of it", async () => {
    renderApp("/orgs/org_acme/team", [
      ...signedInMocks([acme]),
      teamSettingsMock({ myRole: "OWNER" }),
      invitationsMock(),
      apiKeysMock(),
      // Before the removal the log has one entry; the server has recorded the removal after it.
      { ...auditEntriesMock({ entries: [orgCreatedEntry] }), maxUsageCount: 1 },
      auditEntriesMock({ entries: [roleChangedEntry, orgCreatedEntry] }),
      {
        request: { query: RemoveMemberDocument, variables: { orgId: acme.id, memberId: bobMember.id } },
        result: { data: { removeMember: true } },
      },
    ]);
    const log = await screen.findByRole("table", { name: "Audit log" });
    expect(within(log).getAllByRole("row")).toHaveLength(2);
    fireEvent.click(screen.getByRole("button", { name: "Remove Bob Builder" }));
    const dialog = screen.getByRole("dialog", { name: "Remove Bob Builder?" });
    fireEvent.click(within(dialog).getByRole("button", { name: "Remove member" }));
    await waitFor(() => expect(within(screen.getByRole("table", { name: "Audit log" })).getAllByRole("row")).toHaveLength(3));
  });

  it("shows the audit log newest first with before and after", async () => {
    await openAsOwner();
    const log = await screen.findByRole("table", { name: "Audit log" });
    const rows = within(log).getAllByRole("row").slice(1);
    expect(rows.map((r) => within(r).getAllByRole("cell")[1].textContent)).toEqual(["Role changed", "Org created"]);
    const [, , actor, details] = within(rows[0]).getAllByRole("cell");
    expect(actor.textContent).toBe("ada@example.com");
    // Unchanged fields give context; the change reads "from member to admin" (roles in words).
    expect(within(details).getByText("grace@example.com")).toBeTruthy();
    expect(within(details).getByRole("deletion").textContent).toBe("from member");
    expect(within(details).getByRole("insertion").textContent).toBe(" to admin");
  });

  it("says the org was not found for a non-member", async () => {
    renderApp("/orgs/org_acme/team", [
      ...signedInMocks([initech]),
      { request: { query: TeamSettingsDocument, variables: { orgId: acme.id } }, result: apiError("NOT_FOUND") },
    ]);
    expect(await screen.findByRole("heading", { name: "Org not found" })).toBeTruthy();
  });
});
