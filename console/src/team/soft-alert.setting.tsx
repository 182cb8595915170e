import { type FormEvent, useRef, useState } from "react";
import { useFormMutation } from "../apollo/form-mutation.hook";
import { FormError, FormField } from "../components/form-field.component";
import { graphql } from "../gql";
import { useNotifier } from "../notifications/notification-center.component";
import { parseThreshold } from "./cap-limit";

const SetSoftAlertThresholdMutation = graphql(`
  mutation SetSoftAlertThreshold($orgId: ID!, $percent: Int!) {
    setSoftAlertThreshold(orgId: $orgId, percent: $percent) {
      id
      softAlertThresholdPercent
    }
  }
`);

/** The low-pool email: to the org's owner (the one OWNER; admins get none), once, when the pool first falls below `percent` of the allotment. */
export function SoftAlertSetting({
  orgId,
  percent,
  allotment,
  level,
  canManage,
}: {
  orgId: string;
  percent: number;
  allotment: number;
  /** Credits below which the alert fires. */
  level: number;
  canManage: boolean;
}) {
  return (
    <section className="subsection" aria-labelledby="soft-alert-title" id="soft-alert">
      <h3 id="soft-alert-title" className="section__subtitle">
        Low-pool alert
      </h3>
      <p className="muted">
        The org's owner gets one email when the credits left in the pool first fall below a share of the monthly allotment (20% unless
        changed here). Admins and members are not emailed; everyone sees the pool on Billing and Org usage. The email comes again only after
        the monthly refill, or after a top-up lifts the pool back above the line.
        {canManage && (
          <>
            {" "}
            For more thresholds, admins, or a member's or Space's cap, add a <a href="#alerts">usage alert</a>.
          </>
        )}
      </p>
      {canManage ? (
        <ThresholdForm key={percent} orgId={orgId} percent={percent} allotment={allotment} level={level} />
      ) : (
        <p>
          The owner is emailed below <strong>{percent}%</strong>: {level.toLocaleString()} of {allotment.toLocaleString()} credits.
        </p>
      )}
    </section>
  );
}

function ThresholdForm({ orgId, percent, allotment, level }: { orgId: string; percent: number; allotment: number; level: number }) {
  const notifier = useNotifier();
  const input = useRef<HTMLInputElement>(null);
  const [error, setError] = useState<string | null>(null);
  // Usage alerts list the soft alert, whose state the new threshold may change.
  const { run: save, formError, reset, loading } = useFormMutation(SetSoftAlertThresholdMutation, { refetchQueries: ["OrgUsageAlerts"] });

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const parsed = parseThreshold(String(new FormData(event.currentTarget).get("percent") ?? ""));
    reset();
    if ("problem" in parsed) {
      setError(parsed.problem);
      input.current?.focus();
      return;
    }
    setError(null);
    if (parsed.percent === percent) return;
    if (!(await save({ orgId, percent: parsed.percent }))) return;
    notifier.notify({ tone: "success", message: `The owner will be emailed when the pool falls below ${parsed.percent}%.` });
  };

  return (
    <form className="form form--plain" aria-labelledby="soft-alert-title" noValidate onSubmit={(e) => void onSubmit(e)}>
      <div className="form__row form__row--threshold">
        <FormField
          ref={input}
          label="Alert below (%)"
          name="percent"
          type="number"
          inputMode="numeric"
          min={1}
          max={99}
          step={1}
          defaultValue={percent}
          hint="1 to 99"
          error={error}
        />
        <button type="submit" className="button button--primary" disabled={loading}>
          {loading ? "Saving…" : "Save threshold"}
        </button>
      </div>
      <p>
        Now {percent}%: the owner is emailed below {level.toLocaleString()} of {allotment.toLocaleString()} credits.
      </p>
      <FormError message={formError} />
    </form>
  );
}
