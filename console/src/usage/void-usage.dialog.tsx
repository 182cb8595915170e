import { useState } from "react";
import { useFormMutation } from "../apollo/form-mutation.hook";
import { FormDialog } from "../components/form-dialog.component";
import { TextAreaField } from "../components/form-field.component";
import { Time } from "../components/time.component";
import { graphql } from "../gql";
import type { UsageEventItemFragment } from "../gql/graphql";
import { useNotifier } from "../notifications/notification-center.component";
import { reasonProblem } from "../team/cap-request-words";
import { type EventNames, VOID_REASON_MAX, voidPreview } from "./void-preview";

const VoidUsageMutation = graphql(`
  mutation VoidUsage($orgId: ID!, $eventId: ID!, $reason: String!) {
    voidUsage(orgId: $orgId, eventId: $eventId, reason: $reason) {
      ...UsageEventItem
    }
  }
`);

/**
 * Voiding a call (OWNER and ADMIN): the reason (audited, shown on the call), and before
 * anything is sent, where its credits go back. The event comes back marked, in place; the
 * page's totals, pool and caps are asked for again (the server counts the call out).
 */
export function VoidUsageDialog({
  orgId,
  event,
  names,
  periodStart,
  onClose,
}: {
  orgId: string;
  event: UsageEventItemFragment;
  names: EventNames;
  periodStart: string | null;
  onClose: () => void;
}) {
  const notifier = useNotifier();
  const [problem, setProblem] = useState<string | null>(null);
  const { run, formError, reset, loading, fieldErrors } = useFormMutation(VoidUsageMutation, {
    refetchQueries: ["OrgUsage"],
    awaitRefetchQueries: true,
  });
  const preview = voidPreview(event, periodStart, names);

  const onSubmit = async (form: HTMLFormElement) => {
    const reason = String(new FormData(form).get("reason") ?? "");
    const invalid = reasonProblem(reason, "Say why the call is voided");
    setProblem(invalid);
    reset();
    if (invalid) return (form.elements.namedItem("reason") as HTMLTextAreaElement | null)?.focus();
    if (!(await run({ orgId, eventId: event.id, reason: reason.trim() }))) return;
    notifier.notify({
      tone: "success",
      message: `Voided ${names.member}'s call of ${event.credits.toLocaleString()} credits: ${preview.back}.`,
    });
    onClose();
  };

  return (
    <FormDialog
      title="Void this call?"
      submitLabel="Void call"
      busyLabel="Voiding…"
      tone="danger"
      busy={loading}
      error={fieldErrors.reason ? null : formError}
      onSubmit={(form) => void onSubmit(form)}
      onCancel={onClose}
    >
      <p>
        {names.member} in {names.space}, <code>{event.model}</code>, <strong>{event.credits.toLocaleString()} credits</strong>, recorded{" "}
        <Time value={event.occurredAt} format="datetime" />.
      </p>
      <section className="void-preview" aria-label="Where the credits go back">
        <p>
          <strong>{preview.back}.</strong>
        </p>
        {preview.gone && <p>{preview.gone}</p>}
        <p className="muted">{preview.counters} It stays listed, marked voided, and counts in no total. This can't be undone.</p>
      </section>
      <TextAreaField
        label="Reason"
        name="reason"
        maxLength={VOID_REASON_MAX}
        hint="Recorded in the audit log and shown on the call, e.g. “retried with a fresh key: billed twice”."
        error={problem ?? fieldErrors.reason}
        onChange={() => problem && setProblem(null)}
      />
    </FormDialog>
  );
}
