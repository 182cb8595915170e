import { useFormMutation } from "../apollo/form-mutation.hook";
import { WithCatalog } from "../billing/catalog.hook";
import { ConfirmDialog } from "../components/confirm-dialog.component";
import { Time } from "../components/time.component";
import { graphql } from "../gql";
import { useNotifier } from "../notifications/notification-center.component";
import { PLAN_LABELS } from "../orgs/plan-badge.component";
import type { PaidPersonalPlan } from "./paid-personal-plan";

// Answers the subscription alone (it has no id): the update below puts it on the user.
const CancelPersonalPlanMutation = graphql(`
  mutation CancelPersonalPlan {
    cancelPersonalPlan {
      status
      interval
      currentPeriodEnd
      cancelAtPeriodEnd
    }
  }
`);

interface CancelProps {
  userId: string;
  plan: PaidPersonalPlan;
  balance: number;
  endsAt: string;
  onDone: () => void;
}

/**
 * "Cancel Pro?": what ending the plan takes and when, before it is asked for. The API has
 * no undo, so the dialog says how to come back instead.
 */
export function CancelPersonalPlanDialog({ userId, plan, balance, endsAt, onDone }: CancelProps) {
  const notifier = useNotifier();
  const {
    run: cancel,
    formError: error,
    loading,
  } = useFormMutation(CancelPersonalPlanMutation, {
    update(cache, { data }) {
      const sub = data?.cancelPersonalPlan;
      if (!sub) return;
      cache.modify({
        id: cache.identify({ __typename: "User", id: userId }),
        fields: { personalSubscription: () => sub },
      });
    },
  });
  const label = PLAN_LABELS[plan];

  const onConfirm = async () => {
    if (!(await cancel({}))) return;
    notifier.notify({ tone: "success", message: `Your ${label} plan is cancelled: it ends at the end of this period.` });
    onDone();
  };

  return (
    <ConfirmDialog
      title={`Cancel your ${label} plan?`}
      confirmLabel={`Cancel ${label}`}
      busyLabel="Cancelling…"
      busy={loading}
      error={error}
      onConfirm={() => void onConfirm()}
      onCancel={onDone}
    >
      <p>
        You keep {label} until <Time value={endsAt} />, and nothing more is charged. Then:
      </p>
      <ul className="account-loss">
        <li>
          You are on Free. The credits left then are forfeited (you have {balance.toLocaleString()} now), and the monthly refill of{" "}
          <WithCatalog inline>{(catalog) => catalog.personal[plan].monthlyCredits.toLocaleString()}</WithCatalog> credits stops.
        </li>
        <li>In orgs on personal plans, your calls (and those of API keys spending your credits) are refused.</li>
        <li>Orgs you own that are not on Team show Free.</li>
      </ul>
      <p>Changed your mind later? There is no undo, but once it has ended you can choose Starter or Pro again here.</p>
    </ConfirmDialog>
  );
}
