import { useState } from "react";
import { addToCachedList, orgCacheId } from "../apollo/cache-lists";
import { useFormMutation } from "../apollo/form-mutation.hook";
import { FormDialog } from "../components/form-dialog.component";
import { FormField, TextAreaField } from "../components/form-field.component";
import type { CapItemFragment } from "../gql/graphql";
import { useNotifier } from "../notifications/notification-center.component";
import { parseRequestedLimit, REQUEST_REASON_MAX, reasonProblem } from "./cap-request-words";
import { RequestCapIncreaseMutation } from "./cap-requests.query";

type Errors = { limit?: string; reason?: string };

/**
 * "Ask for more": a member asks an owner or admin for a higher monthly limit on a cap (their
 * own, or a Space's), with a reason. The owner and admins are emailed; the request is listed
 * with its status until one of them decides.
 */
export function AskForMoreDialog({
  orgId,
  cap,
  capWords,
  onClose,
}: {
  orgId: string;
  cap: Pick<CapItemFragment, "id" | "monthlyLimit" | "usedThisPeriod">;
  /** "your cap", "the Space Research's cap". */
  capWords: string;
  onClose: () => void;
}) {
  const notifier = useNotifier();
  const [errors, setErrors] = useState<Errors>({});
  const { run, formError, reset, loading, fieldErrors } = useFormMutation(RequestCapIncreaseMutation, {
    // Newest first, as the server lists them.
    update(cache, { data }) {
      addToCachedList(cache, {
        owner: orgCacheId(cache, orgId),
        field: "capIncreaseRequests",
        item: data?.requestCapIncrease,
        at: "start",
      });
    },
  });

  const onSubmit = async (form: HTMLFormElement) => {
    const data = new FormData(form);
    const limit = parseRequestedLimit(String(data.get("limit") ?? ""), cap.monthlyLimit);
    const reason = String(data.get("reason") ?? "");
    const invalid: Errors = {};
    if ("problem" in limit) invalid.limit = limit.problem;
    const why = reasonProblem(reason);
    if (why) invalid.reason = why;
    setErrors(invalid);
    reset();
    if ("problem" in limit) return (form.elements.namedItem("limit") as HTMLInputElement | null)?.focus();
    if (why) return (form.elements.namedItem("reason") as HTMLTextAreaElement | null)?.focus();
    const result = await run({ orgId, capId: cap.id, monthlyLimit: limit.limit, reason: reason.trim() });
    if (!result) return;
    notifier.notify({
      tone: "success",
      message: `Asked for ${limit.limit.toLocaleString()} credits a month on ${capWords}: the owner and admins are emailed, and one of them decides.`,
    });
    onClose();
  };

  return (
    <FormDialog
      title={`Ask for more on ${capWords}`}
      submitLabel="Send request"
      busyLabel="Sending…"
      busy={loading}
      error={fieldErrors.monthlyLimit || fieldErrors.reason ? null : formError}
      onSubmit={(form) => void onSubmit(form)}
      onCancel={onClose}
    >
      <p>
        Now {cap.monthlyLimit.toLocaleString()} credits a month, {cap.usedThisPeriod.toLocaleString()} used this period. An owner or admin
        approves (the new limit applies at once) or denies it; you are emailed either way.
      </p>
      <FormField
        label="New monthly cap (credits)"
        name="limit"
        type="number"
        inputMode="numeric"
        min={cap.monthlyLimit + 1}
        step={1}
        autoComplete="off"
        error={errors.limit ?? fieldErrors.monthlyLimit}
        onChange={() => errors.limit && setErrors((e) => ({ ...e, limit: undefined }))}
      />
      <TextAreaField
        label="Why do you need more?"
        name="reason"
        maxLength={REQUEST_REASON_MAX}
        hint="The owner and admins read this in the email."
        error={errors.reason ?? fieldErrors.reason}
        onChange={() => errors.reason && setErrors((e) => ({ ...e, reason: undefined }))}
      />
    </FormDialog>
  );
}
