import { useMutation } from "@apollo/client/react";
import type { Catalog } from "@team-billing/shared";
import { type FormEvent, useRef, useState } from "react";
import { describeError } from "../apollo/error-message";
import { INLINE_ERRORS } from "../apollo/error.link";
import { FormError, FormField } from "../components/form-field.component";
import { graphql } from "../gql";
import { useCatalog, WithCatalog } from "./catalog.hook";
import { leaveForCheckout, useLeavingForCheckout } from "./leave-for-checkout";
import { formatMoney, topUpPresets, topUpQuote, topUpRateText } from "./pricing";

const StartTopUpCheckoutMutation = graphql(`
  mutation StartTopUpCheckout($orgId: ID!, $credits: Int!) {
    startTopUpCheckout(orgId: $orgId, credits: $credits) {
      id
      url
    }
  }
`);

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
          {catalog && `${topUpRateText(catalog)}. `}Top-up credits never expire, and the pool spends them before the monthly allotment.
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
  const [formError, setFormError] = useState<string | null>(null);
  const [leaving, setLeaving] = useLeavingForCheckout();
  const [start, { loading }] = useMutation(StartTopUpCheckoutMutation, { context: INLINE_ERRORS });
  const quote = topUpQuote(typed, catalog);

  const choose = (value: string) => {
    setTyped(value);
    // A fixed amount clears the complaint; a typed one is judged again on submit.
    if (amountError && !("problem" in topUpQuote(value, catalog))) setAmountError(null);
  };

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setFormError(null);
    if ("problem" in quote) {
      setAmountError(quote.problem);
      input.current?.focus();
      return;
    }
    setAmountError(null);
    try {
      const { data } = await start({ variables: { orgId, credits: quote.credits } });
      if (!data) return;
      const problem = leaveForCheckout(data.startTopUpCheckout, { kind: "TOP_UP", orgId });
      if (problem) setFormError(problem);
      else setLeaving(true);
    } catch (e) {
      setFormError(describeError(e).message);
    }
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
      <FormError message={formError} />
      <div className="top-up__actions">
        <button type="submit" className="button button--primary" disabled={loading || leaving}>
          {loading || leaving ? "Opening checkout…" : "Buy credits"}
        </button>
        <p className="field__hint">You'll pay on Stripe's checkout page; the credits are added when you come back.</p>
      </div>
    </form>
  );
}
