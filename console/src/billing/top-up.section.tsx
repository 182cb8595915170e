import { useQuery } from "@apollo/client/react";
import type { Catalog } from "@team-billing/shared";
import { type FormEvent, useRef, useState } from "react";
import { PAGE_CODES } from "../apollo/error.link";
import { useFormMutation } from "../apollo/form-mutation.hook";
import { ConfirmDialog } from "../components/confirm-dialog.component";
import { FormError, FormField } from "../components/form-field.component";
import { Time } from "../components/time.component";
import { graphql } from "../gql";
import type { Plan } from "../gql/graphql";
import { useCatalog, WithCatalog } from "./catalog.hook";
import { leaveForCheckout, useLeavingForCheckout } from "./leave-for-checkout";
import { formatMoney } from "../format/money";
import { topUpPresets, topUpQuote, topUpRateText } from "./pricing";

const StartTopUpCheckoutMutation = graphql(`
  mutation StartTopUpCheckout($orgId: ID!, $credits: Int!) {
    startTopUpCheckout(orgId: $orgId, credits: $credits) {
      id
      url
    }
  }
`);

// Read from the cache the billing page filled (same fields): whether a plan change is scheduled.
const TopUpOrgQuery = graphql(`
  query TopUpOrg($orgId: ID!) {
    org(id: $orgId) {
      id
      plan
      subscription {
        ...SubscriptionFields
      }
    }
  }
`);

const PLAN_NAMES: Record<Plan, string> = { FREE: "Free", STARTER: "Starter", PRO: "Pro", TEAM: "Team", ENTERPRISE: "Enterprise" };

/**
 * Top-ups for a pooled org, at the server's catalog rules and price: the OWNER
 * buys (`canBuy`); everyone else reads the terms.
 */
export function TopUpSection({ orgId, canBuy }: { orgId: string; canBuy: boolean }) {
  const { catalog } = useCatalog();
  return (
    <section className="card section" aria-labelledby="top-up-title" id="top-up">
      <header className="section__header">
        <h2 id="top-up-title" className="card__title">
          Top-ups
        </h2>
        <p className="card__lead">
          {catalog && `${topUpRateText(catalog)}. `}Top-up credits never expire while the org stays on Team or Enterprise, and the pool
          spends them before the monthly allotment.
        </p>
      </header>
      <WithCatalog>
        {(loaded) => (canBuy ? <TopUpForm orgId={orgId} catalog={loaded} /> : <p className="muted">Only the owner can buy top-ups.</p>)}
      </WithCatalog>
    </section>
  );
}

function TopUpForm({ orgId, catalog }: { orgId: string; catalog: Catalog }) {
  const rules = catalog.topUp;
  // Amounts one click away; any other valid amount can be typed.
  const presets = topUpPresets(catalog);
  const input = useRef<HTMLInputElement>(null);
  const [typed, setTyped] = useState(() => String(presets[1] ?? presets[0]));
  const [amountError, setAmountError] = useState<string | null>(null);
  const [redirecting, setRedirecting] = useLeavingForCheckout();
  const { run: start, formError, reset, fail, loading } = useFormMutation(StartTopUpCheckoutMutation);
  const quote = topUpQuote(typed, catalog);
  const { data: orgData } = useQuery(TopUpOrgQuery, { variables: { orgId }, context: { handles: PAGE_CODES } });
  const subscription = orgData?.org?.subscription;
  // A switch to Pro or a cancellation takes the whole pool, top-ups included, at the period's end.
  const leaving = subscription?.pendingPlan ? { plan: subscription.pendingPlan, at: subscription.currentPeriodEnd } : null;
  const [confirming, setConfirming] = useState(false);

  const choose = (value: string) => {
    setTyped(value);
    // A fixed amount clears the complaint; a typed one is judged again on submit.
    if (amountError && !("problem" in topUpQuote(value, catalog))) setAmountError(null);
  };

  const buy = async (credits: number) => {
    const data = await start({ orgId, credits });
    if (!data) return;
    const problem = leaveForCheckout(data.startTopUpCheckout, { kind: "TOP_UP", orgId, credits });
    if (problem) fail(problem);
    else setRedirecting(true);
  };

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    reset();
    if ("problem" in quote) {
      setAmountError(quote.problem);
      input.current?.focus();
      return;
    }
    setAmountError(null);
    if (leaving) setConfirming(true);
    else await buy(quote.credits);
  };

  return (
    <form className="form top-up" aria-label="Buy a top-up" noValidate onSubmit={(e) => void onSubmit(e)}>
      <div className="top-up__row">
        <FormField
          ref={input}
          label="Credits"
          name="credits"
          type="number"
          inputMode="numeric"
          min={rules.minCredits}
          max={rules.maxCredits}
          step={rules.stepCredits}
          value={typed}
          onChange={(e) => choose(e.target.value)}
          hint={`${rules.minCredits.toLocaleString()} to ${rules.maxCredits.toLocaleString()}, in steps of ${rules.stepCredits.toLocaleString()}`}
          error={amountError}
        />
        <div className="top-up__price" aria-live="polite">
          <span className="top-up__price-label">Price</span>
          <span className="top-up__price-value">{"problem" in quote ? "—" : formatMoney(quote.priceCents, catalog.currency)}</span>
        </div>
      </div>
      <fieldset className="fieldset">
        <legend className="field__hint">Quick picks</legend>
        <div className="top-up__presets">
          {presets.map((credits) => (
            <button
              key={credits}
              type="button"
              className="button button--small"
              aria-pressed={!("problem" in quote) && quote.credits === credits}
              onClick={() => choose(String(credits))}
            >
              {credits.toLocaleString()}
            </button>
          ))}
        </div>
      </fieldset>
      {leaving && (
        <p className="callout callout--warning">
          A move to {PLAN_NAMES[leaving.plan]} is scheduled for <Time value={leaving.at} />: the pool is forfeited then, top-ups included.
          Credits bought now are lost unless you keep Team.
        </p>
      )}
      <FormError message={formError} />
      {confirming && leaving && !("problem" in quote) && (
        <ConfirmDialog
          title={`Buy ${quote.credits.toLocaleString()} credits you would forfeit?`}
          confirmLabel="Buy anyway"
          busyLabel="Opening checkout…"
          busy={loading || redirecting}
          error={null}
          onConfirm={() => {
            setConfirming(false);
            void buy(quote.credits);
          }}
          onCancel={() => setConfirming(false)}
        >
          <p>
            This org moves to {PLAN_NAMES[leaving.plan]} on <Time value={leaving.at} />, and the whole pool is forfeited then, these{" "}
            {quote.credits.toLocaleString()} credits ({formatMoney(quote.priceCents, catalog.currency)}) included. To keep them, keep Team
            first (the banner above).
          </p>
        </ConfirmDialog>
      )}
      <div className="top-up__actions">
        <button type="submit" className="button button--primary" disabled={loading || redirecting}>
          {loading || redirecting ? "Opening checkout…" : "Buy credits"}
        </button>
        <p className="field__hint">You'll pay on Stripe's checkout page; the credits are added when you come back.</p>
      </div>
    </form>
  );
}
