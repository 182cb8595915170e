import { useState } from "react";
import { useNavigate } from "react-router";
import { removeFromCachedList } from "../apollo/cache-lists";
import { useFormMutation } from "../apollo/form-mutation.hook";
import { ConfirmDialog } from "../components/confirm-dialog.component";
import { graphql } from "../gql";
import type { Plan, Role } from "../gql/graphql";
import { useNotifier } from "../notifications/notification-center.component";
import type { HomeState } from "../pages/home.page";
import { ROUTES } from "../routes";

const LeaveOrgMutation = graphql(`
  mutation LeaveOrg($orgId: ID!) {
    leaveOrg(orgId: $orgId)
  }
`);

const SetMyPersonalCreditsMutation = graphql(`
  mutation SetMyPersonalCredits($orgId: ID!, $allowed: Boolean!) {
    setPersonalCreditsAllowed(orgId: $orgId, allowed: $allowed) {
      id
      personalCreditsAllowed
    }
  }
`);

interface LeaveOrgProps {
  org: { id: string; name: string; myRole?: Role | null; plan?: Plan | null };
  /** The caller's own membership row (from the members list), for the personal-credits consent. */
  me?: { id: string; personalCreditsAllowed: boolean } | null;
}

/** The caller's consent for this org's API keys to spend their personal credits; only they set it. */
function PersonalCreditsConsent({
  orgId,
  plan,
  me,
}: {
  orgId: string;
  plan?: Plan | null;
  me: { id: string; personalCreditsAllowed: boolean };
}) {
  // The answer is the Member: the cache updates the box from it.
  const { run: save, formError: error, loading } = useFormMutation(SetMyPersonalCreditsMutation);
  const onChange = async (allowed: boolean) => {
    await save({ orgId, allowed });
  };
  // Every plan but the pooled ones (Team, Enterprise) is its owner's personal plan.
  const personalPlan = plan === "FREE" || plan === "STARTER" || plan === "PRO";
  return (
    <div className="field">
      <label className="field--check">
        <input
          type="checkbox"
          checked={me.personalCreditsAllowed}
          disabled={loading}
          onChange={(e) => void onChange(e.target.checked)}
          aria-describedby="personal-credits-consent-hint"
        />{" "}
        Let this org's API keys spend my personal credits
      </label>
      <p id="personal-credits-consent-hint" className="field__hint">
        {personalPlan
          ? "On a personal plan, calls made with this org's API keys for you are paid from your personal credits only if this is on."
          : "Used only while the org is on a personal plan (Free, Starter or Pro); it has a shared pool now."}
      </p>
      {error && (
        <p className="field__error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

/**
 * The caller's own membership: ADMIN and MEMBER may leave (their seat ends as a
 * removal's would); the OWNER must hand the org over first, which the server
 * enforces too (CONFLICT).
 */
export function LeaveOrgSection({ org, me }: LeaveOrgProps) {
  const notifier = useNotifier();
  const navigate = useNavigate();
  const [confirming, setConfirming] = useState(false);
  const {
    run: leaveOrg,
    formError: dialogError,
    reset,
    loading,
  } = useFormMutation(LeaveOrgMutation, {
    // Out of the org list and the header's switcher (both read `myOrgs`).
    update(cache, { data }) {
      if (data?.leaveOrg) removeFromCachedList(cache, { field: "myOrgs", item: { __typename: "Org", id: org.id } });
    },
  });
  if (!org.myRole) return null;

  const onConfirm = async () => {
    if (!(await leaveOrg({ orgId: org.id }))) return;
    navigate(ROUTES.home.path, { replace: true, state: { leftOrgId: org.id } satisfies HomeState });
    notifier.notify({ tone: "success", message: `You left ${org.name}.` });
  };

  const close = () => {
    setConfirming(false);
    reset();
  };

  return (
    <section className="card section" aria-labelledby="membership-title" id="membership">
      <header className="section__header">
        <h2 id="membership-title" className="card__title">
          Your membership
        </h2>
      </header>
      {me && <PersonalCreditsConsent orgId={org.id} plan={org.plan} me={me} />}
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
          <p>The API keys you created for it are revoked.</p>
          <p>To come back, you need a new invitation from its owner or an admin.</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
