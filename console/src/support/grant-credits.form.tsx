import { useMutation } from "@apollo/client/react";
import { type FormEvent, useRef, useState } from "react";
import { describeError } from "../apollo/error-message";
import { INLINE_ERRORS } from "../apollo/error.link";
import { FormError, FormField } from "../components/form-field.component";
import { graphql } from "../gql";
import type { PoolFieldsFragment } from "../gql/graphql";
import { REFETCH_AUDIT_LOG } from "../team/audit-log.section";

const GrantCreditsMutation = graphql(`
  mutation GrantCredits($orgId: ID!, $credits: Int!, $reason: String!) {
    grantCredits(orgId: $orgId, credits: $credits, reason: $reason) {
      ...PoolFields
    }
  }
`);

/** The server's limits on the audited reason. */
export const REASON_MIN = 3;
export const REASON_MAX = 500;

export interface GrantProblems {
  credits?: string;
  reason?: string;
}

/** Why a grant would be refused, field by field; empty when it may be sent. */
export function grantProblems(credits: string, reason: string): GrantProblems {
  const problems: GrantProblems = {};
  const n = Number(credits);
  if (!credits.trim() || !Number.isInteger(n) || n === 0)
    problems.credits = "Enter a whole number of credits: positive adds, negative removes.";
  else if (Math.abs(n) > 1_000_000_000) problems.credits = "That is more credits than one grant may move.";
  const r = reason.trim();
  if (r.length === 0) problems.reason = "Give a reason: it goes into the org's audit log.";
  else if (r.length < REASON_MIN) problems.reason = `The reason needs at least ${REASON_MIN} characters.`;
  else if (r.length > REASON_MAX) problems.reason = `The reason may have at most ${REASON_MAX} characters.`;
  return problems;
}

/**
 * Support staff add credits to an org's top-up (they never expire) or take
 * some away; every grant is audited with its reason. Shows the pool after it.
 */
export function GrantCreditsForm({ orgId, onGranted }: { orgId: string; onGranted?: () => void }) {
  const creditsInput = useRef<HTMLInputElement>(null);
  const reasonInput = useRef<HTMLInputElement>(null);
  const [problems, setProblems] = useState<GrantProblems>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [result, setResult] = useState<{ credits: number; pool: PoolFieldsFragment } | null>(null);
  const [grant, { loading }] = useMutation(GrantCreditsMutation, {
    context: INLINE_ERRORS,
    // The grant and its reason are the log's newest entry.
    ...REFETCH_AUDIT_LOG,
  });

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const credits = String(data.get("credits") ?? "");
    const reason = String(data.get("reason") ?? "");
    const found = grantProblems(credits, reason);
    setProblems(found);
    setFormError(null);
    if (found.credits) {
      creditsInput.current?.focus();
      return;
    }
    if (found.reason) {
      reasonInput.current?.focus();
      return;
    }
    try {
      const { data: answer } = await grant({ variables: { orgId, credits: Number(credits), reason: reason.trim() } });
      if (answer) setResult({ credits: Number(credits), pool: answer.grantCredits });
      form.reset();
      onGranted?.();
    } catch (error) {
      setResult(null);
      setFormError(describeError(error).message);
    }
  };

  return (
    <section className="card section" aria-labelledby="grant-title" id="grant">
      <header className="section__header">
        <h2 id="grant-title" className="card__title">
          Grant or remove credits
        </h2>
        <p className="card__lead">
          Positive credits go to the top-up and never expire; negative ones are taken from it. The reason is audited.
        </p>
      </header>
      <form className="form" aria-labelledby="grant-title" noValidate onSubmit={(e) => void onSubmit(e)}>
        <div className="form__row">
          <FormField
            ref={creditsInput}
            label="Credits"
            name="credits"
            type="number"
            step={1}
            inputMode="numeric"
            error={problems.credits ?? null}
          />
          <FormField
            ref={reasonInput}
            label="Reason"
            name="reason"
            autoComplete="off"
            maxLength={REASON_MAX}
            hint={`${REASON_MIN} to ${REASON_MAX} characters, e.g. the ticket number.`}
            error={problems.reason ?? null}
          />
          <button type="submit" className="button button--primary" disabled={loading}>
            {loading ? "Saving…" : "Apply"}
          </button>
        </div>
        <FormError message={formError} />
      </form>
      {result && (
        <div className="callout callout--success grant__result" role="status">
          <p className="callout__title">
            {result.credits > 0
              ? `Added ${result.credits.toLocaleString()} credits.`
              : `Removed ${Math.abs(result.credits).toLocaleString()} credits.`}
          </p>
          <p>
            The pool now has {result.pool.totalRemaining.toLocaleString()} credits left ({result.pool.topUpRemaining.toLocaleString()}{" "}
            top-up).
          </p>
        </div>
      )}
    </section>
  );
}
