import { useMutation } from "@apollo/client/react";
import { useState } from "react";
import { useNavigate } from "react-router";
import { removeFromCachedList } from "../apollo/cache-lists";
import { describeError } from "../apollo/error-message";
import { INLINE_ERRORS } from "../apollo/error.link";
import { ConfirmDialog } from "../components/confirm-dialog.component";
import { graphql } from "../gql";
import type { Role } from "../gql/graphql";
import { useNotifier } from "../notifications/notification-center.component";
import type { HomeState } from "../pages/home.page";
import { ROUTES } from "../routes";

const LeaveOrgMutation = graphql(`
  mutation LeaveOrg($orgId: ID!) {
    leaveOrg(orgId: $orgId)
  }
`);

interface LeaveOrgProps {
  org: { id: string; name: string; myRole?: Role | null };
}

/**
 * The caller's own membership: ADMIN and MEMBER may leave (their seat ends as a
 * removal's would); the OWNER must hand the org over first, which the server
 * enforces too (CONFLICT).
 */
export function LeaveOrgSection({ org }: LeaveOrgProps) {
  const notifier = useNotifier();
  const navigate = useNavigate();
  const [confirming, setConfirming] = useState(false);
  const [dialogError, setDialogError] = useState<string | null>(null);
  const [leaveOrg, { loading }] = useMutation(LeaveOrgMutation, {
    context: INLINE_ERRORS,
    // Out of the org list and the header's switcher (both read `myOrgs`).
    update(cache, { data }) {
      if (data?.leaveOrg) removeFromCachedList(cache, { field: "myOrgs", item: { __typename: "Org", id: org.id } });
    },
  });
  if (!org.myRole) return null;

  const onConfirm = async () => {
    setDialogError(null);
    try {
      await leaveOrg({ variables: { orgId: org.id } });
      navigate(ROUTES.home.path, { replace: true, state: { leftOrgId: org.id } satisfies HomeState });
      notifier.notify({ tone: "success", message: `You left ${org.name}.` });
    } catch (error) {
      setDialogError(describeError(error).message);
    }
  };

  const close = () => {
    setConfirming(false);
    setDialogError(null);
  };

  return (
    <section className="card section" aria-labelledby="membership-title" id="membership">
      <header className="section__header">
        <h2 id="membership-title" className="card__title">
          Your membership
        </h2>
      </header>
      {org.myRole === "OWNER" ? (
        <p className="muted">You own this org: transfer ownership to another member before you can leave.</p>
      ) : (
        <div>
          <button type="button" className="button button--danger-quiet" onClick={() => setConfirming(true)}>
            Leave {org.name}
          </button>
        </div>
      )}
      {confirming && (
        <ConfirmDialog
          title={`Leave ${org.name}?`}
          confirmLabel="Leave org"
          busyLabel="Leaving…"
          busy={loading}
          error={dialogError}
          onConfirm={() => void onConfirm()}
          onCancel={close}
        >
          <p>You lose access to {org.name} at once: its credit pool, its Spaces and its settings. Your seat ends.</p>
          <p>To come back, you need a new invitation from its owner or an admin.</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
