import type { Role } from "../gql/graphql";

export const ROLE_LABELS: Record<Role, string> = { OWNER: "Owner", ADMIN: "Admin", MEMBER: "Member" };

/** Roles an invitation or a role change may give; ownership moves only by transfer. */
export const ASSIGNABLE_ROLES = [
  { value: "MEMBER", label: ROLE_LABELS.MEMBER },
  { value: "ADMIN", label: ROLE_LABELS.ADMIN },
] as const satisfies readonly { value: Role; label: string }[];

export type AssignableRole = (typeof ASSIGNABLE_ROLES)[number]["value"];

export function isAssignableRole(value: string): value is AssignableRole {
  return ASSIGNABLE_ROLES.some((r) => r.value === value);
}

/** Invitations, members, Spaces, API keys and the audit log are for OWNER and ADMIN (DESIGN.md, Roles). */
export function canManageTeam(role: Role | null | undefined): boolean {
  return role === "OWNER" || role === "ADMIN";
}
