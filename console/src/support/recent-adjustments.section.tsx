import { useQuery } from "@apollo/client/react";
import { useState } from "react";
import { describeError } from "../apollo/error-message";
import { PAGE_CODES } from "../apollo/error.link";
import { useFormMutation } from "../apollo/form-mutation.hook";
import { ConfirmDialog } from "../components/confirm-dialog.component";
import { InlineLoadError } from "../components/page-state.component";
import { Time } from "../components/time.component";
import { graphql } from "../gql";
import type { CreditAdjustmentFieldsFragment } from "../gql/graphql";
import { BUCKET_NAMES, movedLine } from "./adjustment";

export const CreditAdjustmentFields = graphql(`
  fragment CreditAdjustmentFields on CreditAdjustment {
    id
    at
    bucket
    credits
    before
    after
    reason
    actorEmail
    description
    reversalOf
    reversedBy
  }
`);

export const CreditAdjustmentsQuery = graphql(`
  query CreditAdjustments($orgId: ID!) {
    org(id: $orgId) {
      id
      creditAdjustments(first: 20) {
        ...CreditAdjustmentFields
      }
    }
  }
`);

const ReverseAdjustmentMutation = graphql(`
  mutation ReverseCreditAdjustment($orgId: ID!, $adjustmentId: ID!) {
    reverseCreditAdjustment(orgId: $orgId, adjustmentId: $adjustmentId) {
      ...CreditAdjustmentFields
    }
  }
`);

const fmt = (n: number) => n.toLocaleString("en-US");
const signed = (n: number) => (n > 0 ? `+${fmt(n)}` : fmt(n));

/**
 * Support's recent adjustments of the org's pool (reversals included), newest first, each
 * with what it moved; one not yet reversed can be reversed once, after a confirm step.
 */
export function RecentAdjustmentsSection({ orgId, onChanged }: { orgId: string; onChanged?: () => void }) {
  const { data, error, loading, refetch } = useQuery(CreditAdjustmentsQuery, { variables: { orgId }, context: { handles: PAGE_CODES } });
  const [reversing, setReversing] = useState<CreditAdjustmentFieldsFragment | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const {
    run: reverse,
    formError: reverseError,
    reset,
    loading: busy,
  } = useFormMutation(ReverseAdjustmentMutation, {
    refetchQueries: [CreditAdjustmentsQuery],
  });
  const list = data?.org?.creditAdjustments ?? [];

  const onConfirm = async () => {
    if (!reversing) return;
    const answer = await reverse({ orgId, adjustmentId: reversing.id });
    if (!answer) return;
    setReversing(null);
    setDone(`Reversed. ${movedLine(answer.reverseCreditAdjustment)}`);
    onChanged?.();
  };

  return (
    <section className="card section" aria-labelledby="adjustments-title" id="adjustments">
      <header className="section__header">
        <h2 id="adjustments-title" className="card__title">
          Recent adjustments
        </h2>
      </header>
      {error && !data && <InlineLoadError what="the adjustments" message={describeError(error).message} onRetry={() => void refetch()} />}
      {loading && !data && <p className="muted">Loading adjustments…</p>}
      {data && list.length === 0 && <p className="muted">Support has not adjusted this org's credits.</p>}
      {done && (
        <div className="callout callout--success" role="status">
          <p className="callout__title">{done}</p>
        </div>
      )}
      {list.length > 0 && (
        <table className="table table--stack" aria-labelledby="adjustments-title">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Bucket</th>
              <th scope="col" className="cell--number">
                Credits
              </th>
              <th scope="col">Balance</th>
              <th scope="col">By, reason</th>
              <th scope="col">
                <span className="visually-hidden">Reversal</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.map((a) => (
              <tr key={a.id}>
                <td>
                  <Time value={a.at} format="datetime" />
                </td>
                <td>{BUCKET_NAMES[a.bucket]}</td>
                <td className="cell--number">{signed(a.credits)}</td>
                <td>
                  {fmt(a.before)} → {fmt(a.after)}
                </td>
                <td>
                  {a.actorEmail ?? "Support"}
                  {a.reason ? `: ${a.reason}` : ""}
                </td>
                <td>
                  {a.reversalOf ? (
                    <span className="muted">Reversal</span>
                  ) : a.reversedBy ? (
                    <span className="muted">reversed</span>
                  ) : (
                    <button
                      type="button"
                      className="button button--small"
                      aria-label={`Reverse ${signed(a.credits)} ${BUCKET_NAMES[a.bucket].toLowerCase()} credits`}
                      onClick={() => {
                        setDone(null);
                        reset();
                        setReversing(a);
                      }}
                    >
                      Reverse
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {reversing && (
        <ConfirmDialog
          title="Reverse this adjustment?"
          confirmLabel="Reverse"
          busyLabel="Reversing…"
          busy={busy}
          error={reverseError}
          onConfirm={() => void onConfirm()}
          onCancel={() => setReversing(null)}
        >
          <p>
            {reversing.credits > 0
              ? `Take back ${fmt(reversing.credits)} credits from the ${BUCKET_NAMES[reversing.bucket].toLowerCase()} bucket.`
              : `Give back ${fmt(-reversing.credits)} credits to the ${BUCKET_NAMES[reversing.bucket].toLowerCase()} bucket.`}
          </p>
          <p className="muted">{reversing.description}</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
