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

export async function signUp(t: TestApp, overrides: { email?: string; name?: string; password?: string } = {}): Promise<SignedInUser> {
  const client = t.client();
  const email = overrides.email ?? uniqueEmail(overrides.name?.toLowerCase());
  const name = overrides.name ?? "Test User";
  const { signUp: user } = await client.ok<{ signUp: { id: string } }>(
    "mutation($email: String!, $password: String!, $name: String!) { signUp(email: $email, password: $password, name: $name) { id } }",
    { email, password: overrides.password ?? "correct horse battery", name },
  );
  return { client, id: user.id, email, name };
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
