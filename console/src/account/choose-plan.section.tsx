import type { Catalog } from "@team-billing/shared";
import { useState } from "react";
import { useFormMutation } from "../apollo/form-mutation.hook";
import { WithCatalog } from "../billing/catalog.hook";
import { leaveForCheckout, useLeavingForCheckout } from "../billing/leave-for-checkout";
import { FormError } from "../components/form-field.component";
import { graphql } from "../gql";
import { PLAN_LABELS } from "../orgs/plan-badge.component";
import { type PaidPersonalPlan, priceText } from "./personal-plan.section";

const StartPersonalCheckoutMutation = graphql(`
  mutation StartPersonalCheckout($plan: Plan!) {
    startPersonalCheckout(plan: $plan) {
      id
      url
    }
  }
`);

const PLANS: readonly PaidPersonalPlan[] = ["STARTER", "PRO"];

/**
 * Starter or Pro at the server's prices, each bought on Stripe's hosted checkout, which
 * comes back to this page. Shown only while the user has no personal subscription (the
 * server refuses a second one).
 */
export function ChoosePlanSection() {
  return (
    <section className="card section" aria-labelledby="choose-plan-title" id="choose-plan">
      <header className="section__header">
        <h2 id="choose-plan-title" className="card__title">
          Choose a personal plan
        </h2>
        <p className="card__lead">
          Credits of your own, refilled every month, for orgs that are not on Team. Cancel whenever you like; it runs to the end of the
          month you paid for.
        </p>
      </header>
      <WithCatalog>{(catalog) => <PlanOffers catalog={catalog} />}</WithCatalog>
    </section>
  );
}

function PlanOffers({ catalog }: { catalog: Catalog }) {
  const [buying, setBuying] = useState<PaidPersonalPlan | null>(null);
  const [leaving, setLeaving] = useLeavingForCheckout();
  const { run: start, formError: error, fail, loading } = useFormMutation(StartPersonalCheckoutMutation);
  const busy = loading || leaving;

  const onBuy = async (plan: PaidPersonalPlan) => {
    setBuying(plan);
    const data = await start({ plan });
    if (!data) return;
    // Nothing to remember: Stripe comes back to /account with the session's id.
    const problem = leaveForCheckout(data.startPersonalCheckout, null);
    if (problem) fail(problem);
    else setLeaving(true);
  };

  return (
    <>
      <ul className="plan-offers">
        {PLANS.map((plan) => {
          const label = PLAN_LABELS[plan];
          const titleId = `plan-offer-${plan.toLowerCase()}`;
          return (
            <li key={plan} className="plan-offer" aria-labelledby={titleId}>
              <h3 id={titleId} className="plan-offer__name">
                {label}
              </h3>
              <p className="plan-offer__price">{priceText(plan, catalog)}</p>
              <p className="plan-offer__credits">
                <strong>{catalog.personal[plan].monthlyCredits.toLocaleString()} credits</strong> every month
              </p>
              <button type="button" className="button button--primary" onClick={() => void onBuy(plan)} disabled={busy}>
                {busy && buying === plan ? "Opening checkout…" : `Buy ${label}`}
              </button>
            </li>
          );
        })}
      </ul>
      <p className="field__hint">You'll pay on Stripe's checkout page, then come back here. Unused credits don't carry over.</p>
      <FormError message={error} />
    </>
  );
}
