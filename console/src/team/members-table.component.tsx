import { graphql } from "../gql";
import type { Role, TeamMemberFragment } from "../gql/graphql";
import { MemberRow } from "./member-row.component";
import { canManageTeam } from "./roles";

export const TeamMemberFields = graphql(`
  fragment TeamMember on Member {
    id
    role
    joinedAt
    personalCreditsAllowed
    user {
      id
      name
      email
    }
  }
`);

import type { TeamOrg } from "./team-org";

export type { TeamOrg } from "./team-org";

/** Active members, oldest first; management controls only for OWNER and ADMIN. */
export function MembersTable({
  org,
  members,
  myRole,
  myUserId,
}: {
  org: TeamOrg;
  members: readonly TeamMemberFragment[];
  myRole: Role | null | undefined;
  myUserId: string | undefined;
}) {
  const canManage = canManageTeam(myRole);
  return (
    <table className="table table--stack members" aria-labelledby="members-title">
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Email</th>
          <th scope="col">Role</th>
          <th scope="col">Joined</th>
          {canManage && (
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          )}
        </tr>
      </thead>
      <tbody>
        {members.map((member) => (
          <MemberRow
            key={member.id}
            org={org}
            member={member}
            canManage={canManage}
            canTransfer={myRole === "OWNER"}
            isMe={member.user.id === myUserId}
          />
        ))}
      </tbody>
    </table>
  );
}
