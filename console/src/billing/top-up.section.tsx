import { useMutation } from "@apollo/client/react";
import { type FormEvent, useRef, useState } from "react";
import { describeError } from "../apollo/error-message";
import { INLINE_ERRORS } from "../apollo/error.link";
import { FormError, FormField } from "../components/form-field.component";
import { graphql } from "../gql";
import { leaveForCheckout, useLeavingForCheckout } from "./leave-for-checkout";
import { formatMoney, TOP_UP_RATE_TEXT, TOP_UP_RULES, topUpQuote } from "./pricing";

const StartTopUpCheckoutMutation = graphql(`
  mutation StartTopUpCheckout($orgId: ID!, $credits: Int!) {
    startTopUpCheckout(orgId: $orgId, credits: $credits) {
      id
      url
    }
  }
`);

/** Amounts one click away; any other valid amount can be typed. */
const PRESETS = [5_000, 10_000, 25_000, 50_000].filter((c) => c >= TOP_UP_RULES.minCredits && c <= TOP_UP_RULES.maxCredits);
const DEFAULT_CREDITS = PRESETS[1] ?? TOP_UP_RULES.minCredits;

/** Top-ups for a pooled org: the OWNER buys (`canBuy`); everyone else reads the terms. */
export function TopUpSection({ orgId, canBuy }: { orgId: string; canBuy: boolean }) {
  return (
    <section className="card section" aria-labelledby="top-up-title" id="top-up">
      <header className="section__header">
        <h2 id="top-up-title" className="card__title">
          Top-ups
        </h2>
        <p className="card__lead">
          {TOP_UP_RATE_TEXT}. Top-up credits never expire, and the pool spends them before the monthly allotment.
        </p>
      </header>
      {canBuy ? <TopUpForm orgId={orgId} /> : <p className="muted">Only the owner can buy top-ups.</p>}
    </section>
  );
}

function TopUpForm({ orgId }: { orgId: string }) {
  const input = useRef<HTMLInputElement>(null);
  const [typed, setTyped] = useState(String(DEFAULT_CREDITS));
  const [amountError, setAmountError] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [leaving, setLeaving] = useLeavingForCheckout();
  const [start, { loading }] = useMutation(StartTopUpCheckoutMutation, { context: INLINE_ERRORS });
  const quote = topUpQuote(typed);

  const choose = (value: string) => {
    setTyped(value);
    // A fixed amount clears the complaint; a typed one is judged again on submit.
    if (amountError && !("problem" in topUpQuote(value))) setAmountError(null);
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
          min={TOP_UP_RULES.minCredits}
          max={TOP_UP_RULES.maxCredits}
          step={TOP_UP_RULES.stepCredits}
          value={typed}
          onChange={(e) => choose(e.target.value)}
          hint={`${TOP_UP_RULES.minCredits.toLocaleString()} to ${TOP_UP_RULES.maxCredits.toLocaleString()}, in steps of ${TOP_UP_RULES.stepCredits.toLocaleString()}`}
          error={amountError}
        />
        <div className="top-up__price" aria-live="polite">
          <span className="top-up__price-label">Price</span>
          <span className="top-up__price-value">{"problem" in quote ? "—" : formatMoney(quote.priceCents)}</span>
        </div>
      </div>
      <fieldset className="fieldset">
        <legend className="field__hint">Quick picks</legend>
        <div className="top-up__presets">
          {PRESETS.map((credits) => (
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
