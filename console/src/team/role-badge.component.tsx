import type { Role } from "../gql/graphql";
import { ROLE_LABELS } from "./roles";

export function RoleBadge({ role }: { role: Role }) {
  return <span className={`role-badge role-badge--${role.toLowerCase()}`}>{ROLE_LABELS[role]}</span>;
}
