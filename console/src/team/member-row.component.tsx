import { useQuery } from "@apollo/client/react";
import { useState } from "react";
import { PAGE_CODES } from "../apollo/error.link";
import { useFormMutation } from "../apollo/form-mutation.hook";
import { ConfirmDialog } from "../components/confirm-dialog.component";
import { Time } from "../components/time.component";
import { graphql } from "../gql";
import type { TeamMemberFragment } from "../gql/graphql";
import { useNotifier } from "../notifications/notification-center.component";
import { OrgApiKeysQuery } from "./api-keys.section";
import { OrgAuditEntriesQuery } from "./audit-log.section";
import type { TeamOrg } from "./team-org";
import { RoleBadge } from "./role-badge.component";
import { ASSIGNABLE_ROLES, isAssignableRole } from "./roles";

const ChangeMemberRoleMutation = graphql(`
  mutation ChangeMemberRole($orgId: ID!, $memberId: ID!, $role: Role!) {
    changeMemberRole(orgId: $orgId, memberId: $memberId, role: $role) {
      id
      role
    }
  }
`);

const RemoveMemberMutation = graphql(`
  mutation RemoveMember($orgId: ID!, $memberId: ID!) {
    removeMember(orgId: $orgId, memberId: $memberId)
  }
`);

// Both roles change and the caller's own role with them; reading them back
// updates the cached members and `myRole`, so the page loses its owner-only controls.
const TransferOwnershipMutation = graphql(`
  mutation TransferOwnership($orgId: ID!, $memberId: ID!) {
    transferOwnership(orgId: $orgId, memberId: $memberId) {
      id
      myRole
      members {
        id
        role
      }
    }
  }
`);

// Promoting gives power over the team and its credits: it asks first; demoting does not.
type Confirming = "remove" | "transfer" | "promote" | null;

interface MemberRowProps {
  org: TeamOrg;
  member: TeamMemberFragment;
  canManage: boolean;
  canTransfer: boolean;
  isMe: boolean;
}

export function MemberRow({ org, member, canManage, canTransfer, isMe }: MemberRowProps) {
  const notifier = useNotifier();
  const { id: userId, name, email } = member.user;
  const [confirming, setConfirming] = useState<Confirming>(null);
  const variables = { orgId: org.id, memberId: member.id };

  const changeRole = useFormMutation(ChangeMemberRoleMutation);
  const removeMember = useFormMutation(RemoveMemberMutation, {
    // The server revokes the keys the member created: the list must lose them too.
    refetchQueries: [OrgAuditEntriesQuery, OrgApiKeysQuery],
    update(cache) {
      cache.modify({
        id: cache.identify({ __typename: "Org", id: org.id }),
        fields: {
          seats: (seats: number) => Math.max(seats - 1, 0),
        },
      });
      // Evicting the member drops it from every cached members list.
      cache.evict({ id: cache.identify({ __typename: "Member", id: member.id }) });
      cache.gc();
    },
  });
  const transferOwnership = useFormMutation(TransferOwnershipMutation);
  const changingRole = changeRole.loading;
  const removing = removeMember.loading;
  const transferring = transferOwnership.loading;
  // A role change refused from the select is said by the select; one refused in the promote dialog, by the dialog.
  const roleError = confirming === "promote" ? null : changeRole.formError;
  const dialogError =
    confirming === "promote" ? changeRole.formError : confirming === "remove" ? removeMember.formError : transferOwnership.formError;

  const applyRole = async (role: "ADMIN" | "MEMBER") => {
    if (!(await changeRole.run({ ...variables, role }))) return false;
    notifier.notify({ tone: "success", message: `${name} is now ${role === "ADMIN" ? "an admin" : "a member"}.` });
    return true;
  };

  const onRoleChange = async (role: string) => {
    if (!isAssignableRole(role) || role === member.role) return;
    changeRole.reset();
    if (role === "ADMIN") {
      setConfirming("promote");
      return;
    }
    await applyRole(role);
  };

  const close = () => {
    setConfirming(null);
    changeRole.reset();
    removeMember.reset();
    transferOwnership.reset();
  };

  const onConfirm = async () => {
    let done: boolean;
    if (confirming === "promote") {
      done = await applyRole("ADMIN");
    } else if (confirming === "remove") {
      done = Boolean(await removeMember.run(variables));
      if (done) notifier.notify({ tone: "success", message: `Removed ${name} from ${org.name}.` });
    } else {
      done = Boolean(await transferOwnership.run(variables));
      if (done) notifier.notify({ tone: "success", message: `${name} now owns ${org.name}. You are an admin.` });
    }
    if (done) setConfirming(null);
  };

  // The owner's role moves only by transfer; nobody manages their own row from here.
  const manageable = canManage && member.role !== "OWNER" && !isMe;

  return (
    <tr>
      <th scope="row" data-label="Name" className="cell--wrap">
        {name}
        {isMe && <span className="muted"> (you)</span>}
      </th>
      <td data-label="Email" className="cell--wrap">
        {email}
      </td>
      <td data-label="Role">
        {manageable ? (
          <>
            <select
              className="field__input field__select field__select--inline"
              aria-label={`Role for ${name}`}
              value={member.role}
              disabled={changingRole}
              onChange={(e) => void onRoleChange(e.target.value)}
            >
              {ASSIGNABLE_ROLES.map((r) => (
                <option key={r.value} value={r.value}>
                  {r.label}
                </option>
              ))}
            </select>
            {roleError && (
              <p className="field__error" role="alert">
                {roleError}
              </p>
            )}
          </>
        ) : (
          <RoleBadge role={member.role} />
        )}
      </td>
      <td data-label="Joined">
        <Time value={member.joinedAt} />
      </td>
      {canManage && (
        <td className="cell--actions">
          {manageable && (
            <div className="row-actions">
              {canTransfer && (
                <button type="button" className="button button--small" onClick={() => setConfirming("transfer")}>
                  Transfer ownership<span className="visually-hidden"> to {name}</span>
                </button>
              )}
              <button type="button" className="button button--small button--danger-quiet" onClick={() => setConfirming("remove")}>
                Remove<span className="visually-hidden"> {name}</span>
              </button>
            </div>
          )}
          {confirming === "remove" && (
            <ConfirmDialog
              title={`Remove ${name}?`}
              confirmLabel="Remove member"
              busyLabel="Removing…"
              busy={removing}
              error={dialogError}
              onConfirm={() => void onConfirm()}
              onCancel={close}
            >
              <p>
                {name} ({email}) loses access to {org.name} and its Spaces at once. Billable seats go from {org.seats} to{" "}
                {Math.max(org.seats - 1, 0)}.
              </p>
              <RevokedKeysNote orgId={org.id} userId={userId} />
              <p>You can invite them back later.</p>
            </ConfirmDialog>
          )}
          {confirming === "promote" && (
            <ConfirmDialog
              title={`Make ${name} an admin?`}
              confirmLabel="Make admin"
              busyLabel="Saving…"
              busy={changingRole}
              error={dialogError}
              onConfirm={() => void onConfirm()}
              onCancel={close}
            >
              <p>
                Admins invite and remove members, create Spaces, set caps, create API keys that spend {org.name}'s credits, and read billing
                and the audit log. Only the owner changes the plan or buys top-ups.
              </p>
              <p>You can make {name} a member again at any time.</p>
            </ConfirmDialog>
          )}
          {confirming === "transfer" && (
            <ConfirmDialog
              title={`Transfer ownership to ${name}?`}
              confirmLabel="Transfer ownership"
              busyLabel="Transferring…"
              busy={transferring}
              error={dialogError}
              onConfirm={() => void onConfirm()}
              onCancel={close}
            >
              <p>
                {name} becomes the owner of {org.name}. <strong>You become an admin</strong>: you can still manage members, Spaces and API
                keys, but only the new owner can change the plan, buy top-ups, edit billing details or transfer ownership again.
              </p>
            </ConfirmDialog>
          )}
        </td>
      )}
    </tr>
  );
}

/** Removing a member revokes the API keys they created (the server does it): say which, before. */
function RevokedKeysNote({ orgId, userId }: { orgId: string; userId: string }) {
  // Usually cached by the API keys section already; asked for when not.
  const { data } = useQuery(OrgApiKeysQuery, { variables: { orgId }, context: { handles: PAGE_CODES } });
  if (!data?.org) return <p>API keys they created will be revoked.</p>;
  const keys = data.org.apiKeys.filter((k) => k.createdByUserId === userId);
  if (keys.length === 0) return <p>They created no API keys here; no key is revoked.</p>;
  return (
    <p>
      <strong>{keys.length === 1 ? "1 API key" : `${keys.length} API keys`} they created will be revoked</strong> (
      {keys.map((k) => k.name).join(", ")}): integrations using {keys.length === 1 ? "it" : "them"} stop working at once.
    </p>
  );
}
