import type { Role } from "@team-billing/shared";
import type { GqlClient } from "./gql-client";
import type { TestApp } from "./test-app";

let counter = 0;
export const uniqueEmail = (name = "user") => `${name}-${Date.now().toString(36)}-${++counter}@example.test`;

export interface SignedInUser {
  client: GqlClient;
  id: string;
  email: string;
  name: string;
}

/**
 * A new account, signed in, its email verified the way a person does it: with the link
 * of the verification mail (`verified: false` leaves it unverified).
 */
export async function signUp(
  t: TestApp,
  overrides: { email?: string; name?: string; password?: string; verified?: boolean } = {},
): Promise<SignedInUser> {
  const client = t.client();
  const email = overrides.email ?? uniqueEmail(overrides.name?.toLowerCase());
  const name = overrides.name ?? "Test User";
  const { signUp: user } = await client.ok<{ signUp: { id: string } }>(
    "mutation($email: String!, $password: String!, $name: String!) { signUp(email: $email, password: $password, name: $name) { id } }",
    { email, password: overrides.password ?? "correct horse battery", name },
  );
  // A taken address answers like a success but opens no session (no enumeration): callers fall back to login.
  if (!client.hasSession) throw new Error(`${email} already has an account`);
  if (overrides.verified !== false) {
    await client.ok("mutation($token: String!) { verifyEmail(token: $token) { id } }", {
      token: await mailedToken(t, email, "verify-email"),
    });
  }
  return { client, id: user.id, email, name };
}

/** The token of the newest link of this kind mailed to `to` (read from the outbox, as the mail would carry it). */
export async function mailedToken(t: TestApp, to: string, kind: "verify-email" | "reset-password"): Promise<string> {
  const column = t.app.db.kind === "mysql" ? "`to`" : '"to"';
  const rows: { text: string }[] = await t.app.db.manager.query(
    `SELECT text FROM mail_outbox WHERE ${column} = ? ORDER BY createdAt DESC, id DESC`,
    [to.toLowerCase()],
  );
  for (const row of rows) {
    const match = new RegExp(`/${kind}/([A-Za-z0-9_-]+)`).exec(row.text);
    if (match) return match[1];
  }
  throw new Error(`no ${kind} link was mailed to ${to}`);
}

export async function createOrg(owner: SignedInUser, name = "Acme"): Promise<string> {
  const data = await owner.client.ok<{ createOrg: { id: string } }>("mutation($name: String!) { createOrg(name: $name) { id } }", { name });
  return data.createOrg.id;
}

/** Invites `user` and accepts as them; returns the membership id. */
export async function addMember(by: SignedInUser, orgId: string, user: SignedInUser, role: Role = "MEMBER"): Promise<string> {
  const { inviteMember } = await by.client.ok<{ inviteMember: { acceptUrl: string } }>(
    "mutation($orgId: ID!, $email: String!, $role: Role!) { inviteMember(orgId: $orgId, email: $email, role: $role) { acceptUrl } }",
    { orgId, email: user.email, role },
  );
  const token = inviteMember.acceptUrl.split("/invite/")[1];
  const { acceptInvitation } = await user.client.ok<{ acceptInvitation: { id: string } }>(
    "mutation($token: String!) { acceptInvitation(token: $token) { id } }",
    { token },
  );
  return acceptInvitation.id;
}

/** An org with an owner, an admin and a member, each signed in. */
export async function orgWithTeam(t: TestApp) {
  const owner = await signUp(t, { name: "Owner" });
  const admin = await signUp(t, { name: "Admin" });
  const member = await signUp(t, { name: "Member" });
  const orgId = await createOrg(owner);
  const adminMemberId = await addMember(owner, orgId, admin, "ADMIN");
  const memberMemberId = await addMember(owner, orgId, member, "MEMBER");
  return { owner, admin, member, orgId, adminMemberId, memberMemberId };
}

const staffSessions = new WeakMap<TestApp, Promise<SignedInUser>>();

/** Support staff of this test server (STAFF_EMAILS is staff@support.test), signed in once per server. */
export function staffOf(t: TestApp): Promise<SignedInUser> {
  let staff = staffSessions.get(t);
  if (!staff) {
    const email = "staff@support.test";
    staff = signUp(t, { email, name: "Staff" }).catch(async () => {
      const client = t.client();
      const { login } = await client.ok<{ login: { id: string } }>(
        'mutation($email: String!) { login(email: $email, password: "correct horse battery") { id } }',
        { email },
      );
      return { client, id: login.id, email, name: "Staff" };
    });
    staffSessions.set(t, staff);
  }
  return staff;
}

/** Dev tools' clock, moved by support staff (with STAFF_EMAILS set, the dev clock is theirs). */
export async function advanceDevClock(t: TestApp, days: number): Promise<Date> {
  const staff = await staffOf(t);
  const { devAdvanceClock } = await staff.client.ok<{ devAdvanceClock: string }>("mutation($d: Int!) { devAdvanceClock(days: $d) }", {
    d: days,
  });
  return new Date(devAdvanceClock);
}
