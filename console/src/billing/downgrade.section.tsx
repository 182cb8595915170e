import { useQuery } from "@apollo/client/react";
import { useState } from "react";
import { Link } from "react-router";
import { describeError } from "../apollo/error-message";
import { PAGE_CODES } from "../apollo/error.link";
import { useFormMutation } from "../apollo/form-mutation.hook";
import { ConfirmDialog } from "../components/confirm-dialog.component";
import { FormError } from "../components/form-field.component";
import { Time } from "../components/time.component";
import { graphql } from "../gql";
import type { BillingOrgFragment, DowngradePreviewFieldsFragment } from "../gql/graphql";
import { useNotifier } from "../notifications/notification-center.component";
import { ROUTES, teamPath } from "../routes";
import { PLAN_LABELS } from "../orgs/plan-badge.component";
import { RoleBadge } from "../team/role-badge.component";
import { WithCatalog } from "./catalog.hook";
import { formatMoney } from "../format/money";
import { formatCredits } from "./pricing";

export const DowngradePreviewFields = graphql(`
  fragment DowngradePreviewFields on DowngradePreview {
    effectiveAt
    topUpCreditsLost
    monthlyCreditsLost
    membersLosingAccess {
      id
      role
      user {
        id
        name
        email
      }
    }
    spacesLosingAccess {
      id
      name
    }
  }
`);

const DowngradePreviewQuery = graphql(`
  query DowngradePreview($orgId: ID!) {
    org(id: $orgId) {
      id
      downgradePreview {
        ...DowngradePreviewFields
      }
    }
  }
`);

// Both answer the org with its subscription, whose pendingPlan moves the page between its states.
const ScheduleDowngradeMutation = graphql(`
  mutation ScheduleDowngrade($orgId: ID!) {
    scheduleDowngrade(orgId: $orgId) {
      id
      plan
      subscription {
        ...SubscriptionFields
      }
    }
  }
`);

const ScheduleCancellationMutation = graphql(`
  mutation ScheduleCancellation($orgId: ID!) {
    scheduleCancellation(orgId: $orgId) {
      id
      plan
      subscription {
        ...SubscriptionFields
      }
    }
  }
`);

const CancelDowngradeMutation = graphql(`
  mutation CancelDowngrade($orgId: ID!) {
    cancelDowngrade(orgId: $orgId) {
      id
      plan
      subscription {
        ...SubscriptionFields
      }
    }
  }
`);

/**
 * "Switch to Pro" (the OWNER, on a live Team subscription with nothing
 * scheduled): exactly what the downgrade takes, then a confirmation that says it again.
 */
export function SwitchToProSection({ org }: { org: BillingOrgFragment }) {
  const notifier = useNotifier();
  const { data, error } = useQuery(DowngradePreviewQuery, {
    variables: { orgId: org.id },
    context: { handles: PAGE_CODES },
    // What is lost changes with every call and top-up: ask again each time the page opens.
    fetchPolicy: "cache-and-network",
  });
  // Which confirmation is open: the Switch to Pro or the cancellation (both take the same).
  const [confirming, setConfirming] = useState<"pro" | "cancel" | null>(null);
  const toPro = useFormMutation(ScheduleDowngradeMutation);
  const toCancel = useFormMutation(ScheduleCancellationMutation);
  const preview = data?.org?.downgradePreview;
  // The open confirmation's mutation: its refusal is the dialog's error.
  const scheduling = confirming === "cancel" ? toCancel : toPro;

  const onConfirm = async () => {
    if (!(await scheduling.run({ orgId: org.id }))) return;
    notifier.notify({
      tone: "success",
      message:
        confirming === "cancel"
          ? `${org.name}'s Team plan ends at the end of this period.`
          : `${org.name} moves to Pro at the end of this period.`,
    });
    setConfirming(null);
  };

  return (
    <section className="card section downgrade" aria-labelledby="downgrade-title" id="downgrade">
      <header className="section__header">
        <h2 id="downgrade-title" className="card__title">
          Switch to Pro
        </h2>
        <p className="card__lead">
          Going solo again? {org.name} moves to <Link to={ROUTES.account.path}>your personal Pro plan</Link> at the end of this period. Or
          cancel Team: billing stops at the end of this period and {org.name} is on your own personal plan (Free when you have none). Until
          then nothing changes, and you can keep Team.
        </p>
      </header>
      {preview ? (
        <>
          {/* Folded: the page is for running the org; the whole list shows again in the confirmation. */}
          <details className="downgrade__details">
            <summary>What leaving Team takes</summary>
            <LossList org={org} preview={preview} />
            {preview.membersLosingAccess.length > 0 && (
              <p className="downgrade__hint">
                Should someone else keep the Spaces?{" "}
                <Link to={`${teamPath(org.id)}#members`}>Transfer ownership to them in Team settings</Link> first, and let them decide.
              </p>
            )}
          </details>
          <div className="downgrade__actions">
            <button type="button" className="button button--danger-quiet" onClick={() => setConfirming("pro")}>
              Switch to Pro…
            </button>
            <button type="button" className="button button--danger-quiet" onClick={() => setConfirming("cancel")}>
              Cancel Team…
            </button>
          </div>
        </>
      ) : error ? (
        <p className="muted">We couldn't work out what the switch would take: {describeError(error).message}</p>
      ) : data ? (
        <p className="muted">{org.name} has no live Team subscription to change.</p>
      ) : (
        <p className="muted" role="status">
          Working out what the switch would take…
        </p>
      )}
      {confirming && preview && (
        <ConfirmDialog
          title={confirming === "cancel" ? `Cancel Team for ${org.name}?` : `Switch ${org.name} to Pro?`}
          confirmLabel={confirming === "cancel" ? "Cancel Team" : "Switch to Pro"}
          busyLabel="Scheduling…"
          busy={toPro.loading || toCancel.loading}
          error={scheduling.formError}
          onConfirm={() => void onConfirm()}
          onCancel={() => {
            setConfirming(null);
            toPro.reset();
            toCancel.reset();
          }}
        >
          <LossList org={org} preview={preview} ending={confirming === "cancel" ? "cancel" : "pro"} />
          <p>You can keep Team until then from this page.</p>
        </ConfirmDialog>
      )}
    </section>
  );
}

/** What the downgrade takes, as a list: the same words on the page and in the dialog. */
function LossList({
  org,
  preview,
  ending = "pro",
}: {
  org: BillingOrgFragment;
  preview: DowngradePreviewFieldsFragment;
  ending?: "pro" | "cancel";
}) {
  const members = preview.membersLosingAccess;
  const spaces = preview.spacesLosingAccess;
  return (
    <div className="loss">
      <p>
        On{" "}
        <strong>
          <Time value={preview.effectiveAt} />
        </strong>
        , the end of this period:
      </p>
      <ul className="loss__list">
        <li>
          The pool is forfeited: <strong>{formatCredits(preview.topUpCreditsLost)}</strong> of top-ups and{" "}
          <strong>{formatCredits(preview.monthlyCreditsLost)}</strong> of this month's allotment, as things stand today.
        </li>
        {members.length > 0 ? (
          <li>
            {members.length === 1 ? "This member loses" : `These ${members.length} members lose`} access to {org.name}'s Spaces
            {spaces.length > 0 && <> ({spaces.map((s) => s.name).join(", ")})</>}:
            <ul className="loss__people" aria-label="Members losing access">
              {members.map((m) => (
                <li key={m.id}>
                  <strong>{m.user.name}</strong> <span className="muted">{m.user.email}</span> <RoleBadge role={m.role} />
                </li>
              ))}
            </ul>
          </li>
        ) : (
          <li>You are the only member, so nobody else loses access to the Spaces.</li>
        )}
        {ending === "cancel" ? (
          <li>
            Team billing stops. {org.name} is then on your personal plan (Free when you have none), and each member spends the credits of
            their own plan.
          </li>
        ) : (
          <li>
            <WithCatalog inline>
              {({ currency, personal: { PRO } }) => (
                <>
                  Team billing stops; you pay Pro's {formatMoney(PRO.monthlyPriceCents, currency)} a month for your own account and spend
                  its {PRO.monthlyCredits.toLocaleString()} credits.
                </>
              )}
            </WithCatalog>
          </li>
        )}
      </ul>
    </div>
  );
}

/** A scheduled downgrade, for everyone; the OWNER can keep Team. */
export function DowngradeBanner({ org, date }: { org: BillingOrgFragment; date: string }) {
  const notifier = useNotifier();
  const { run: cancel, formError: error, loading } = useFormMutation(CancelDowngradeMutation);
  const isOwner = org.myRole === "OWNER";
  // A cancellation is told from a Switch to Pro by cancelAtPeriodEnd; pendingPlan is the owner's personal plan then.
  const cancelled = Boolean(org.subscription?.cancelAtPeriodEnd);
  const pending = org.subscription?.pendingPlan ?? "FREE";

  const onKeep = async () => {
    if (await cancel({ orgId: org.id })) notifier.notify({ tone: "success", message: `${org.name} stays on Team.` });
  };

  return (
    <section className="callout callout--warning banner" aria-labelledby="downgrade-banner-title" id="downgrade-scheduled">
      <div className="banner__text">
        <h2 id="downgrade-banner-title" className="callout__title">
          {cancelled ? (
            <>
              Team ends on <Time value={date} />, then {PLAN_LABELS[pending]}
            </>
          ) : (
            <>
              Moves to Pro on <Time value={date} />
            </>
          )}
        </h2>
        <p>
          Until then {org.name} keeps its Team pool. Then the pool's credits are forfeited and only the owner keeps access to the Spaces.
          {cancelled && " The org stays and can be deleted from Team settings once Team has ended."}
          {!isOwner && " Only the owner can keep Team."}
        </p>
        <FormError message={error} />
      </div>
      {isOwner && (
        <button type="button" className="button banner__dismiss" onClick={() => void onKeep()} disabled={loading}>
          {loading ? "Keeping Team…" : "Keep Team"}
        </button>
      )}
    </section>
  );
}

/** After the downgrade: the Spaces stayed, for the owner only. */
export function SpacesOwnerOnlyNote({ org }: { org: BillingOrgFragment }) {
  return (
    <section className="callout callout--neutral" aria-labelledby="solo-title" id="solo">
      <h2 id="solo-title" className="callout__title">
        {org.name} is on {PLAN_LABELS[org.plan]}: its Spaces are the owner's only
      </h2>
      <p>
        Since Team ended, only the owner can open {org.name}'s Spaces, and the owner's model calls spend their own personal credits. The
        other members stay in the org but can't reach its Spaces. Upgrading to Team again opens them to everyone.
      </p>
    </section>
  );
}
