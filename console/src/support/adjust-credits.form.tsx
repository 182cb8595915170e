import { type FormEvent, useState } from "react";
import { useFormMutation } from "../apollo/form-mutation.hook";
import { ConfirmDialog } from "../components/confirm-dialog.component";
import { FormError, FormField, focusFirstInvalid, SelectField } from "../components/form-field.component";
import { graphql } from "../gql";
import type { CreditBucket, PoolFieldsFragment } from "../gql/graphql";
import {
  type AdjustmentDraft,
  type AdjustmentProblems,
  adjustmentProblems,
  confirmQuestion,
  type Direction,
  movedLine,
  previewLine,
  REASON_MAX,
  REASON_MIN,
  signedCredits,
} from "./adjustment";
import { CreditAdjustmentsQuery } from "./recent-adjustments.section";

export const AdjustCreditsMutation = graphql(`
  mutation AdjustCredits($orgId: ID!, $bucket: CreditBucket!, $credits: Int!, $reason: String!) {
    adjustCredits(orgId: $orgId, bucket: $bucket, credits: $credits, reason: $reason) {
      ...CreditAdjustmentFields
      pool {
        ...PoolFields
      }
    }
  }
`);

const EMPTY: AdjustmentDraft = { bucket: "TOP_UP", direction: "ADD", amount: "", reason: "" };

const BUCKET_OPTIONS = [
  { value: "TOP_UP", label: "Top-up (never expires)" },
  { value: "MONTHLY", label: "Monthly (expires at the period's end)" },
];
const DIRECTION_OPTIONS = [
  { value: "ADD", label: "Add credits" },
  { value: "REMOVE", label: "Remove credits" },
];

/**
 * Support staff add credits to, or remove them from, one named bucket of an org's pool.
 * No sign is typed (Add or Remove says which way), a removal larger than the bucket holds
 * is shown before anything is sent, and nothing is sent before the confirm step; the
 * answer reports what the server moved, before → after, in the bucket it changed.
 */
export function AdjustCreditsForm({
  orgId,
  orgName,
  pool,
  onAdjusted,
}: {
  orgId: string;
  orgName: string;
  pool: PoolFieldsFragment;
  onAdjusted?: () => void;
}) {
  const [draft, setDraft] = useState<AdjustmentDraft>(EMPTY);
  const [problems, setProblems] = useState<AdjustmentProblems>({});
  const [confirming, setConfirming] = useState(false);
  const [moved, setMoved] = useState<string | null>(null);
  const {
    run: adjust,
    formError: sendError,
    reset,
    loading,
  } = useFormMutation(AdjustCreditsMutation, {
    // The adjustment is the audit log's and the recent list's newest entry.
    refetchQueries: [CreditAdjustmentsQuery],
  });

  const update = (patch: Partial<AdjustmentDraft>) => {
    const next = { ...draft, ...patch };
    setDraft(next);
    setMoved(null);
    // Once shown, a problem follows the typing, so it goes away as soon as it is fixed.
    if (problems.amount || problems.reason) setProblems(adjustmentProblems(next, pool));
  };
  const live = adjustmentProblems(draft, pool);
  // The over-removal shows while typing: it depends on the pool, not on a finished form.
  const amountError = problems.amount ?? (signedCredits(draft) !== null ? live.amount : undefined) ?? null;
  const preview = live.amount ? null : previewLine(draft, pool);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setProblems(live);
    reset();
    if (live.amount || live.reason) {
      focusFirstInvalid(event.currentTarget, { amount: live.amount, reason: live.reason });
      return;
    }
    setConfirming(true);
  };

  const onConfirm = async () => {
    const credits = signedCredits(draft);
    if (credits === null) return;
    // The server's BAD_USER_INPUT says how much there is: shown in the dialog, nothing changed.
    const data = await adjust({ orgId, bucket: draft.bucket, credits, reason: draft.reason.trim() });
    if (!data) return;
    setConfirming(false);
    setMoved(movedLine(data.adjustCredits));
    setDraft(EMPTY);
    setProblems({});
    onAdjusted?.();
  };

  return (
    <section className="card section" aria-labelledby="adjust-title" id="adjust">
      <header className="section__header">
        <h2 id="adjust-title" className="card__title">
          Adjust credits
        </h2>
        <p className="card__lead">
          Adds to or removes from one bucket; the other is never touched. Top-up credits never expire; monthly ones expire at the period's
          end. Every adjustment asks for confirmation and is audited with its reason.
        </p>
      </header>
      <form className="form" aria-labelledby="adjust-title" noValidate onSubmit={onSubmit}>
        <div className="form__row">
          <SelectField
            label="Bucket"
            name="bucket"
            options={BUCKET_OPTIONS}
            value={draft.bucket}
            onChange={(e) => update({ bucket: e.target.value as CreditBucket })}
          />
          <SelectField
            label="Action"
            name="direction"
            options={DIRECTION_OPTIONS}
            value={draft.direction}
            onChange={(e) => update({ direction: e.target.value as Direction })}
          />
          <FormField
            label="Credits"
            name="amount"
            inputMode="numeric"
            autoComplete="off"
            value={draft.amount}
            onChange={(e) => update({ amount: e.target.value })}
            hint="A whole number, without a sign."
            error={amountError}
          />
        </div>
        <FormField
          label="Reason"
          name="reason"
          autoComplete="off"
          maxLength={REASON_MAX}
          value={draft.reason}
          onChange={(e) => update({ reason: e.target.value })}
          hint={`${REASON_MIN} to ${REASON_MAX} characters, e.g. the ticket number.`}
          error={problems.reason ?? null}
        />
        <p className="muted" aria-live="polite" data-testid="adjust-preview">
          {preview ? `After it: ${preview}.` : ""}
        </p>
        <button type="submit" className="button button--primary" disabled={loading}>
          Review adjustment
        </button>
        <FormError message={confirming ? null : sendError} />
      </form>
      {moved && (
        <div className="callout callout--success" role="status">
          <p className="callout__title">{moved}</p>
        </div>
      )}
      {confirming && (
        <ConfirmDialog
          title={draft.direction === "ADD" ? "Add credits?" : "Remove credits?"}
          confirmLabel={draft.direction === "ADD" ? "Add credits" : "Remove credits"}
          busyLabel="Saving…"
          busy={loading}
          error={sendError}
          onConfirm={() => void onConfirm()}
          onCancel={() => {
            setConfirming(false);
            reset();
          }}
        >
          <p>{confirmQuestion(draft, orgName)}</p>
          <p>{previewLine(draft, pool)}</p>
          <p className="muted">Reason: {draft.reason.trim()}</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
