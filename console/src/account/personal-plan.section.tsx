import type { Catalog } from "@team-billing/shared";
import { useState } from "react";
import { WithCatalog } from "../billing/catalog.hook";
import { formatMoney } from "../format/money";
import { Time } from "../components/time.component";
import { graphql } from "../gql";
import type { PersonalAccountFragment } from "../gql/graphql";
import { PLAN_LABELS, PlanBadge } from "../orgs/plan-badge.component";
import { CancelPersonalPlanDialog } from "./cancel-personal-plan.dialog";

// The user's side of the personal plan; the account page, the checkout return and the
// cancellation all answer it, so Apollo's cache keeps the page current.
export const PersonalAccountFields = graphql(`
  fragment PersonalAccount on User {
    id
    plan
    creditBalance
    personalSubscription {
      status
      interval
      currentPeriodEnd
      cancelAtPeriodEnd
    }
  }
`);

/** Stripe statuses that need the person's attention; "active" says nothing. */
const TROUBLE: Record<string, string> = {
  past_due: "Payment overdue: Stripe will try the card again. Until it is paid, the plan may end.",
  unpaid: "Unpaid: the last invoice was not paid.",
  incomplete: "Awaiting payment: Stripe has not confirmed the first payment yet.",
};

import type { PaidPersonalPlan } from "./paid-personal-plan";

export type { PaidPersonalPlan } from "./paid-personal-plan";

export const isPaidPersonal = (plan: string): plan is PaidPersonalPlan => plan === "STARTER" || plan === "PRO";

/**
 * The signed-in user's personal plan: what it costs, what is left of its credits and
 * when they refill, and (with a personal subscription) cancelling at the period's end.
 */
export function PersonalPlanSection({ user }: { user: PersonalAccountFragment }) {
  const [confirming, setConfirming] = useState(false);
  const sub = user.personalSubscription;
  const paid = isPaidPersonal(user.plan) ? user.plan : null;
  const trouble = sub ? TROUBLE[sub.status] : undefined;

  return (
    <section className="card section" aria-labelledby="personal-plan-title" id="plan">
      <header className="section__header">
        <h2 id="personal-plan-title" className="card__title">
          Your personal plan
        </h2>
        <p className="card__lead">
          It pays for your own model calls in orgs that are not on Team or Enterprise. In a Team or Enterprise org the org's pool pays
          instead, and your personal credits are not touched.
        </p>
      </header>

      <dl className="facts">
        <div className="fact">
          <dt>Plan</dt>
          <dd>
            <PlanBadge plan={user.plan} />
          </dd>
        </div>
        <div className="fact">
          <dt>Price</dt>
          <dd>{paid ? <WithCatalog inline>{(catalog) => priceText(paid, catalog)}</WithCatalog> : "Free"}</dd>
        </div>
        <div className="fact">
          <dt>Your credits</dt>
          <dd>
            {paid ? (
              <WithCatalog inline>
                {(catalog) => (
                  <>
                    {user.creditBalance.toLocaleString()} of {catalog.personal[paid].monthlyCredits.toLocaleString()}
                    <span className="fact__note">left this month</span>
                  </>
                )}
              </WithCatalog>
            ) : (
              <>
                None
                <span className="fact__note">Free has no credits: your calls in orgs on personal plans are refused.</span>
              </>
            )}
          </dd>
        </div>
        {sub && (
          <div className="fact">
            <dt>{sub.cancelAtPeriodEnd ? "Ends on" : "Credits refill on"}</dt>
            <dd>
              <Time value={sub.currentPeriodEnd} />
              <span className="fact__note">
                {sub.cancelAtPeriodEnd ? "then you are on Free" : "unused credits don't carry over; the plan renews that day"}
              </span>
            </dd>
          </div>
        )}
      </dl>

      {trouble && (
        <p className="callout callout--warning" role="status">
          {trouble}
        </p>
      )}

      {sub && paid && !sub.cancelAtPeriodEnd && (
        <div className="account-plan__actions">
          <button type="button" className="button button--danger-quiet" onClick={() => setConfirming(true)}>
            Cancel {PLAN_LABELS[paid]}…
          </button>
          <p className="field__hint">
            Want {paid === "PRO" ? "Starter" : "Pro"} instead? Plans don't switch mid-month: cancel this one, and once it has ended on{" "}
            <Time value={sub.currentPeriodEnd} />, choose the other here.
          </p>
        </div>
      )}
      {sub && paid && sub.cancelAtPeriodEnd && (
        <section className="callout callout--neutral" aria-labelledby="plan-ending-title">
          <h3 id="plan-ending-title" className="callout__title">
            Your {PLAN_LABELS[paid]} plan ends on <Time value={sub.currentPeriodEnd} />
          </h3>
          <p>
            Until then nothing changes and no more payments are taken. After that you are on Free: the credits left are forfeited, and you
            can choose Starter or Pro here again.
          </p>
        </section>
      )}
      {!sub && paid && (
        <p className="muted">
          This plan is not a personal subscription you pay for here: it came with an org's switch from Team (that org's Billing page shows
          how it is billed), so there is nothing to cancel on this page.
        </p>
      )}

      {confirming && sub && paid && (
        <CancelPersonalPlanDialog
          userId={user.id}
          plan={paid}
          balance={user.creditBalance}
          endsAt={sub.currentPeriodEnd}
          onDone={() => setConfirming(false)}
        />
      )}
    </section>
  );
}

export function priceText(plan: PaidPersonalPlan, catalog: Catalog): string {
  return `${formatMoney(catalog.personal[plan].monthlyPriceCents, catalog.currency)} a month`;
}
