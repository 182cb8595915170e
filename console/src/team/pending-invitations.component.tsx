import { useQuery } from "@apollo/client/react";
import { describeError } from "../apollo/error-message";
import { PAGE_CODES } from "../apollo/error.link";
import { useFormMutation } from "../apollo/form-mutation.hook";
import { CopyButton } from "../components/copy-button.component";
import { PageError, PageLoading } from "../components/page-state.component";
import { Time } from "../components/time.component";
import { graphql } from "../gql";
import type { PendingInvitationFragment } from "../gql/graphql";
import { useNotifier } from "../notifications/notification-center.component";
import { RoleBadge } from "./role-badge.component";

export const PendingInvitationFields = graphql(`
  fragment PendingInvitation on Invitation {
    id
    email
    role
    createdAt
    expiresAt
    acceptUrl
  }
`);

// Its own query: the server answers `invitations` to OWNER, ADMIN and staff
// only, and a refused field inside the page's query would blank the whole org.
const OrgInvitationsQuery = graphql(`
  query OrgInvitations($orgId: ID!) {
    org(id: $orgId) {
      id
      invitations {
        ...PendingInvitation
      }
    }
  }
`);

const RevokeInvitationMutation = graphql(`
  mutation RevokeInvitation($orgId: ID!, $invitationId: ID!) {
    revokeInvitation(orgId: $orgId, invitationId: $invitationId)
  }
`);

const ResendInvitationMutation = graphql(`
  mutation ResendInvitation($orgId: ID!, $invitationId: ID!) {
    resendInvitation(orgId: $orgId, invitationId: $invitationId) {
      ...PendingInvitation
    }
  }
`);

/**
 * Invitations not yet accepted (they are not seats), with their links and a
 * way to revoke. Render it for OWNER and ADMIN only: the server refuses the
 * list to members.
 */
export function PendingInvitations({ orgId }: { orgId: string }) {
  const { data, loading, error, refetch } = useQuery(OrgInvitationsQuery, { variables: { orgId }, context: { handles: PAGE_CODES } });
  if (loading && !data) return <PageLoading label="Loading invitations…" />;
  if (error && !data) {
    return <PageError title="We couldn't load the invitations" message={describeError(error).message} onRetry={() => void refetch()} />;
  }
  const invitations = data?.org?.invitations ?? [];
  if (invitations.length === 0) return <p className="muted">No pending invitations.</p>;
  return (
    <ul className="invitations" aria-label="Pending invitations">
      {invitations.map((invitation) => (
        <InvitationItem key={invitation.id} orgId={orgId} invitation={invitation} />
      ))}
    </ul>
  );
}

function InvitationItem({ orgId, invitation }: { orgId: string; invitation: PendingInvitationFragment }) {
  const notifier = useNotifier();
  const revoke = useFormMutation(RevokeInvitationMutation, {
    update(cache) {
      cache.evict({ id: cache.identify(invitation) });
      cache.gc();
    },
  });

  // Resending mails a fresh link and retires the old one (a new invitation replaces it): list them again.
  const resend = useFormMutation(ResendInvitationMutation, { refetchQueries: [OrgInvitationsQuery] });
  const loading = revoke.loading;
  const resending = resend.loading;
  // One line under the item: the last action's refusal.
  const error = resend.formError ?? revoke.formError;

  const onResend = async () => {
    revoke.reset();
    if (!(await resend.run({ orgId, invitationId: invitation.id }))) return;
    notifier.notify({
      tone: "success",
      message: `Sent the invitation to ${invitation.email} again, with a new link valid for 7 days. The old link no longer works.`,
    });
  };

  const onRevoke = async () => {
    resend.reset();
    if (!(await revoke.run({ orgId, invitationId: invitation.id }))) return;
    notifier.notify({ tone: "success", message: `Revoked the invitation for ${invitation.email}. Its link no longer works.` });
  };

  return (
    <li className="invitation">
      <div className="invitation__who">
        <span className="invitation__email">{invitation.email}</span>
        <RoleBadge role={invitation.role} />
      </div>
      <p className="invitation__meta muted">
        Sent <Time value={invitation.createdAt} />, expires <Time value={invitation.expiresAt} />
      </p>
      <div className="row-actions invitation__actions">
        {invitation.acceptUrl && (
          <CopyButton
            text={invitation.acceptUrl}
            label="Copy link"
            labelSuffix={`for ${invitation.email}`}
            what={`Invitation link for ${invitation.email}`}
          />
        )}
        <button type="button" className="button button--small" onClick={() => void onResend()} disabled={resending || loading}>
          {resending ? "Resending…" : "Resend"}
          <span className="visually-hidden"> the invitation to {invitation.email}</span>
        </button>
        <button type="button" className="button button--small button--danger-quiet" onClick={() => void onRevoke()} disabled={loading}>
          {loading ? "Revoking…" : "Revoke"}
          <span className="visually-hidden"> the invitation for {invitation.email}</span>
        </button>
      </div>
      {error && (
        <p className="field__error" role="alert">
          {error}
        </p>
      )}
    </li>
  );
}
