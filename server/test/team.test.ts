import { ManualClock } from "../src/common/clock";
import { INVITATION_TTL_MS } from "../src/teams/invitation.service";
import { addMember, createOrg, orgWithTeam, signUp, staffOf, uniqueEmail } from "./support/fixtures";
import { graphql } from "./gql";
import { startTestApp, type TestApp } from "./support/test-app";

const ORG = graphql(
  `query TeamOrg($id: ID!) { org(id: $id) { id name plan seats members { id role user { email } } spaces { id name } } }`,
);
/** Pending invitations: OWNER, ADMIN and staff only (DESIGN, who sees what). */
const INVITATIONS = graphql(`query TeamInvitations($id: ID!) { org(id: $id) { invitations { id email role acceptUrl } } }`);
const INVITE = graphql(
  `mutation TeamInvite($orgId: ID!, $email: String!, $role: Role!) { inviteMember(orgId: $orgId, email: $email, role: $role) { id email role acceptUrl } }`,
);
const ACCEPT = graphql(`mutation TeamAccept($token: String!) { acceptInvitation(token: $token) { id role orgId user { email } } }`);
const TRANSFER = graphql(
  `mutation TeamTransfer($orgId: ID!, $memberId: ID!) { transferOwnership(orgId: $orgId, memberId: $memberId) { id } }`,
);
const AUDIT = graphql(`query TeamAudit($id: ID!) { org(id: $id) { auditLog { action actorEmail details } } }`);
const CREATE_SPACE = graphql(`mutation TeamCreateSpace($o: ID!, $n: String!) { createSpace(orgId: $o, name: $n) { id name } }`);
const MY_ORGS = graphql(`query TeamMyOrgs { myOrgs { id } }`);
const REVOKE = graphql(`mutation TeamRevoke($o: ID!, $i: ID!) { revokeInvitation(orgId: $o, invitationId: $i) }`);
const REMOVE = graphql(`mutation TeamRemove($o: ID!, $m: ID!) { removeMember(orgId: $o, memberId: $m) }`);
const CHANGE_ROLE = graphql(
  `mutation TeamChangeRole($o: ID!, $m: ID!, $r: Role!) { changeMemberRole(orgId: $o, memberId: $m, role: $r) { role } }`,
);
const LEAVE = graphql(`mutation TeamLeave($o: ID!) { leaveOrg(orgId: $o) }`);
const MY_ROLE = graphql(`query TeamMyRole($id: ID!) { org(id: $id) { myRole } }`);
const PREVIEW = graphql(
  `query TeamPreview($token: String!) { invitationPreview(token: $token) { orgName inviterName email role status } }`,
);

/** The token in an invitation's link (null only for staff, who never accept). */
const tokenOf = (acceptUrl: string | null) => acceptUrl!.split("/invite/")[1];

let t: TestApp;
const clock = new ManualClock("2026-03-10T09:00:00.000Z");
beforeAll(async () => {
  t = await startTestApp({ clock });
});
afterAll(() => t.close());

describe("orgs", () => {
  it("makes the creator OWNER; the org shows the owner's personal plan and one seat", async () => {
    const owner = await signUp(t);
    const orgId = await createOrg(owner, "  Acme   Labs ");
    const { org } = await owner.client.ok(ORG, { id: orgId });
    expect(org).toMatchObject({ name: "Acme Labs", plan: "FREE", seats: 1, spaces: [] });
    expect((await owner.client.ok(INVITATIONS, { id: orgId })).org!.invitations).toEqual([]);
    expect(org!.members).toEqual([expect.objectContaining({ role: "OWNER", user: { email: owner.email } })]);
  });

  it("hides an org from non-members with NOT_FOUND, for reads and writes alike", async () => {
    const owner = await signUp(t);
    const stranger = await signUp(t);
    const orgId = await createOrg(owner);
    expect(await stranger.client.code(ORG, { id: orgId })).toBe("NOT_FOUND");
    expect(await stranger.client.code(CREATE_SPACE, { o: orgId, n: "x" })).toBe("NOT_FOUND");
    expect(await stranger.client.code(ORG, { id: "00000000-0000-4000-8000-000000000000" })).toBe("NOT_FOUND");
    expect(await stranger.client.code(ORG, { id: "'; DROP TABLE org; --" })).toBe("NOT_FOUND");
    expect((await stranger.client.ok(MY_ORGS)).myOrgs).toEqual([]);
  });
});

describe("invitations", () => {
  it("emails the invitee a link that a signed-in user with that email accepts; seats count only accepted members", async () => {
    const owner = await signUp(t, { name: "Olive" });
    const orgId = await createOrg(owner, "Mailers");
    const invitee = await signUp(t);
    const { inviteMember } = await owner.client.ok(INVITE, { orgId, email: invitee.email.toUpperCase(), role: "ADMIN" });
    expect(inviteMember).toMatchObject({ email: invitee.email, role: "ADMIN" });
    expect(inviteMember.acceptUrl).toMatch(/^http:\/\/console\.test\/invite\//);
    expect((await owner.client.ok(ORG, { id: orgId })).org!.seats).toBe(1);

    await t.app.jobs.runNow(["mail"]);
    const mail = t.mail.sent.find((m) => m.to === invitee.email && m.subject.includes("invited you"));
    expect(mail?.subject).toBe("Olive invited you to Mailers on Team Billing");
    expect(mail?.text).toContain(inviteMember.acceptUrl);

    const { acceptInvitation } = await invitee.client.ok(ACCEPT, { token: tokenOf(inviteMember.acceptUrl) });
    expect(acceptInvitation).toMatchObject({ role: "ADMIN", user: { email: invitee.email } });
    const { org } = await owner.client.ok(ORG, { id: orgId });
    expect(org!.seats).toBe(2);
    expect((await owner.client.ok(INVITATIONS, { id: orgId })).org!.invitations).toEqual([]);
  });

  it("refuses a used, a revoked, an expired, a forged token, and another user's invitation", async () => {
    const owner = await signUp(t);
    const orgId = await createOrg(owner);
    const alice = await signUp(t);
    const bob = await signUp(t);

    const forAlice = (await owner.client.ok(INVITE, { orgId, email: alice.email, role: "MEMBER" })).inviteMember;
    const bobRes = await bob.client.request(ACCEPT, { token: tokenOf(forAlice.acceptUrl) });
    expect(bobRes.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect(bobRes.errors?.[0]?.message).toContain(alice.email);
    await alice.client.ok(ACCEPT, { token: tokenOf(forAlice.acceptUrl) });
    expect(await alice.client.code(ACCEPT, { token: tokenOf(forAlice.acceptUrl) })).toBe("CONFLICT");

    const forBob = (await owner.client.ok(INVITE, { orgId, email: bob.email, role: "MEMBER" })).inviteMember;
    await owner.client.ok(REVOKE, { o: orgId, i: forBob.id });
    expect(await bob.client.code(ACCEPT, { token: tokenOf(forBob.acceptUrl) })).toBe("CONFLICT");

    const carol = await signUp(t);
    const forCarol = (await owner.client.ok(INVITE, { orgId, email: carol.email, role: "MEMBER" })).inviteMember;
    clock.advance(INVITATION_TTL_MS + 1000);
    expect(await carol.client.code(ACCEPT, { token: tokenOf(forCarol.acceptUrl) })).toBe("CONFLICT");

    const [id] = tokenOf(forCarol.acceptUrl).split(".");
    expect(await carol.client.code(ACCEPT, { token: `${id}.forgedsignature` })).toBe("NOT_FOUND");
    expect(await carol.client.code(ACCEPT, { token: "garbage" })).toBe("NOT_FOUND");
    expect((await owner.client.ok(ORG, { id: orgId })).org!.seats).toBe(2);
  });

  it("refuses bad input and duplicates with clear codes, changing nothing", async () => {
    const { owner, member, orgId } = await orgWithTeam(t);
    expect(await owner.client.code(INVITE, { orgId, email: "nope", role: "MEMBER" })).toBe("BAD_USER_INPUT");
    expect(await owner.client.code(INVITE, { orgId, email: uniqueEmail(), role: "OWNER" })).toBe("BAD_USER_INPUT");
    expect(await owner.client.code(INVITE, { orgId, email: member.email, role: "MEMBER" })).toBe("CONFLICT");
    const email = uniqueEmail();
    await owner.client.ok(INVITE, { orgId, email, role: "MEMBER" });
    expect(await owner.client.code(INVITE, { orgId, email, role: "ADMIN" })).toBe("CONFLICT");
    const { org } = await owner.client.ok(INVITATIONS, { id: orgId });
    expect(org!.invitations.map((i) => i.email)).toEqual([email]);
  });

  it("shows the accept link to OWNER and ADMIN only", async () => {
    const { owner, admin, member, orgId } = await orgWithTeam(t);
    await owner.client.ok(INVITE, { orgId, email: uniqueEmail(), role: "MEMBER" });
    const url = (c: typeof owner) => c.client.ok(INVITATIONS, { id: orgId }).then((d) => d.org!.invitations[0].acceptUrl);
    expect(await url(owner)).toMatch(/\/invite\//);
    expect(await url(admin)).toMatch(/\/invite\//);
    // A MEMBER does not see the org's invitations at all; staff see them, but not their links.
    expect(await member.client.code(INVITATIONS, { id: orgId })).toBe("FORBIDDEN");
    const staff = await staffOf(t);
    expect(await url(staff)).toBeNull();
  });
});

describe("members and roles", () => {
  it("removes a member (seat freed, access gone) and lets them rejoin by a new invitation", async () => {
    const { owner, member, orgId, memberMemberId } = await orgWithTeam(t);
    await owner.client.ok(REMOVE, { o: orgId, m: memberMemberId });
    expect((await owner.client.ok(ORG, { id: orgId })).org!.seats).toBe(2);
    expect(await member.client.code(ORG, { id: orgId })).toBe("NOT_FOUND");
    await addMember(owner, orgId, member, "MEMBER");
    expect((await member.client.ok(ORG, { id: orgId })).org!.seats).toBe(3);
  });

  it("never removes or re-roles the OWNER, and never makes a second one by role change", async () => {
    const { owner, admin, orgId, adminMemberId } = await orgWithTeam(t);
    const ownerMemberId = (await owner.client.ok(ORG, { id: orgId })).org!.members.find((m) => m.role === "OWNER")!.id;
    expect(await admin.client.code(REMOVE, { o: orgId, m: ownerMemberId })).toBe("FORBIDDEN");
    const change = CHANGE_ROLE;
    expect(await admin.client.code(change, { o: orgId, m: ownerMemberId, r: "MEMBER" })).toBe("FORBIDDEN");
    expect(await owner.client.code(change, { o: orgId, m: adminMemberId, r: "OWNER" })).toBe("BAD_USER_INPUT");
    expect((await owner.client.ok(change, { o: orgId, m: adminMemberId, r: "MEMBER" })).changeMemberRole.role).toBe("MEMBER");
    expect(await owner.client.code(change, { o: orgId, m: "not-an-id", r: "MEMBER" })).toBe("NOT_FOUND");
  });

  it("transfers ownership to an active member; the old owner becomes ADMIN; all of it audited", async () => {
    const { owner, member, orgId, memberMemberId } = await orgWithTeam(t);
    await owner.client.ok(TRANSFER, { orgId, memberId: memberMemberId });
    const roles = (await owner.client.ok(ORG, { id: orgId })).org!.members.map((m) => [m.user.email, m.role]);
    expect(roles).toEqual(
      expect.arrayContaining([
        [owner.email, "ADMIN"],
        [member.email, "OWNER"],
      ]),
    );
    expect(await owner.client.code(TRANSFER, { orgId, memberId: memberMemberId })).toBe("FORBIDDEN");

    const { org } = await member.client.ok(AUDIT, { id: orgId });
    const transfer = org!.auditLog.find((e) => e.action === "org.ownership_transferred")!;
    expect(transfer.actorEmail).toBe(owner.email);
    expect(JSON.parse(transfer.details!)).toEqual({
      before: { owner: owner.email },
      after: {
        summary: expect.stringMatching(new RegExp(`transferred ownership to .*\\(${member.email}\\) and is now an admin\\.$`)),
        owner: member.email,
        previousOwnerRole: "ADMIN",
      },
    });
    expect(org!.auditLog.map((e) => e.action)).toEqual(
      expect.arrayContaining(["org.created", "invitation.created", "member.joined", "org.ownership_transferred"]),
    );
  });

  it("keeps exactly one OWNER when transfers race", async () => {
    const owner = await signUp(t);
    const orgId = await createOrg(owner);
    const others = await Promise.all([1, 2, 3, 4].map(() => signUp(t)));
    const memberIds: string[] = [];
    for (const u of others) memberIds.push(await addMember(owner, orgId, u, "ADMIN"));

    // The owner fires four transfers at once; then the new owner and a stale admin race.
    const results = await Promise.all(memberIds.map((memberId) => owner.client.request(TRANSFER, { orgId, memberId })));
    expect(results.filter((r) => !r.errors).length).toBe(1);
    expect(results.filter((r) => r.errors?.[0]?.extensions?.code === "FORBIDDEN").length).toBe(3);

    const owners = await t.app.db.manager.query("SELECT userId FROM membership WHERE orgId = ? AND role = 'OWNER'", [orgId]);
    expect(owners).toHaveLength(1);
    const newOwner = others.find((u) => u.id === owners[0].userId)!;
    const rest = memberIds.filter((_, i) => others[i] !== newOwner);
    await Promise.all([
      newOwner.client.request(TRANSFER, { orgId, memberId: rest[0] }),
      newOwner.client.request(TRANSFER, { orgId, memberId: rest[1] }),
      owner.client.request(TRANSFER, { orgId, memberId: rest[2] }),
    ]);
    const after = await t.app.db.manager.query("SELECT COUNT(*) AS n FROM membership WHERE orgId = ? AND role = 'OWNER' AND active = 1", [
      orgId,
    ]);
    expect(Number(after[0].n)).toBe(1);
  });

  it("holds the one-OWNER rule in the database itself", async () => {
    const { orgId, adminMemberId } = await orgWithTeam(t);
    await expect(
      t.app.db.transaction((em) => em.query("UPDATE membership SET role = 'OWNER', ownerSlot = 1 WHERE id = ?", [adminMemberId])),
    ).rejects.toThrow();
    await expect(
      t.app.db.transaction((em) => em.query("UPDATE membership SET role = 'OWNER' WHERE id = ?", [adminMemberId])),
    ).rejects.toThrow();
    const owners = await t.app.db.manager.query("SELECT COUNT(*) AS n FROM membership WHERE orgId = ? AND role = 'OWNER'", [orgId]);
    expect(Number(owners[0].n)).toBe(1);
  });
});

describe("leaving an org", () => {
  it("lets a member or an admin leave (seat freed, access gone, audited); the owner must transfer first", async () => {
    const { owner, admin, member, orgId } = await orgWithTeam(t);
    expect(await owner.client.code(LEAVE, { o: orgId })).toBe("CONFLICT");
    expect((await member.client.ok(LEAVE, { o: orgId })).leaveOrg).toBe(true);
    expect(await member.client.code(ORG, { id: orgId })).toBe("NOT_FOUND");
    expect(await member.client.code(LEAVE, { o: orgId })).toBe("NOT_FOUND");
    expect((await admin.client.ok(LEAVE, { o: orgId })).leaveOrg).toBe(true);
    const { org } = await owner.client.ok(ORG, { id: orgId });
    expect(org!.seats).toBe(1);
    expect(org!.members.map((m) => m.role)).toEqual(["OWNER"]);
    const left = (await owner.client.ok(AUDIT, { id: orgId })).org!.auditLog.filter((e) => e.action === "member.left");
    expect(left.map((e) => e.actorEmail).sort()).toEqual([admin.email, member.email].sort());
  });

  it("refuses someone who was never a member, changing nothing", async () => {
    const { owner, orgId } = await orgWithTeam(t);
    const stranger = await signUp(t);
    expect(await stranger.client.code(LEAVE, { o: orgId })).toBe("NOT_FOUND");
    expect((await owner.client.ok(ORG, { id: orgId })).org!.seats).toBe(3);
  });
});

describe("spaces", () => {
  it("creates org-scoped Spaces that every member sees; names are unique per org", async () => {
    const { owner, member, orgId } = await orgWithTeam(t);
    const create = CREATE_SPACE;
    const { createSpace } = await owner.client.ok(create, { o: orgId, n: "Research" });
    expect(await owner.client.code(create, { o: orgId, n: "Research" })).toBe("CONFLICT");
    expect(await owner.client.code(create, { o: orgId, n: "" })).toBe("BAD_USER_INPUT");
    expect((await member.client.ok(ORG, { id: orgId })).org!.spaces).toEqual([createSpace]);
    const other = await createOrg(owner, "Other");
    expect((await owner.client.ok(ORG, { id: other })).org!.spaces).toEqual([]);
  });
});

describe("myRole", () => {
  it("tells each caller their own role in the org", async () => {
    const { owner, admin, member, orgId } = await orgWithTeam(t);
    const roleOf = async (u: typeof owner) => (await u.client.ok(MY_ROLE, { id: orgId })).org!.myRole;
    expect([await roleOf(owner), await roleOf(admin), await roleOf(member)]).toEqual(["OWNER", "ADMIN", "MEMBER"]);
  });
});

describe("invitation preview", () => {
  it("tells whoever holds the link which org, inviter and email, and the invitation's state", async () => {
    const owner = await signUp(t, { name: "Petra" });
    const orgId = await createOrg(owner, "Preview Co");
    const invitee = await signUp(t);
    const { inviteMember } = await owner.client.ok(INVITE, { orgId, email: invitee.email, role: "ADMIN" });
    const token = tokenOf(inviteMember.acceptUrl);
    expect((await t.client().ok(PREVIEW, { token })).invitationPreview).toEqual({
      orgName: "Preview Co",
      inviterName: "Petra",
      email: invitee.email,
      role: "ADMIN",
      status: "PENDING",
    });
    const { acceptInvitation } = await invitee.client.ok(ACCEPT, { token });
    expect(acceptInvitation.orgId).toBe(orgId);
    expect((await t.client().ok(PREVIEW, { token })).invitationPreview!.status).toBe("ACCEPTED");
    expect((await t.client().ok(PREVIEW, { token: "made-up" })).invitationPreview).toBeNull();
  });
});
