import { type FormEvent, useId, useRef, useState } from "react";
import { addToCachedList, orgCacheId } from "../apollo/cache-lists";
import { useFormMutation } from "../apollo/form-mutation.hook";
import { FormError, FormField, SelectField } from "../components/form-field.component";
import { graphql } from "../gql";
import type { AlertScope, Role } from "../gql/graphql";
import { useNotifier } from "../notifications/notification-center.component";
import { parseThreshold } from "./cap-limit";
import type { CapsOrg } from "./cap-target";
import { alertSubjectWords, recipientsWords, rolesFor } from "./usage-alert-words";

const CreateUsageAlertMutation = graphql(`
  mutation CreateUsageAlert($orgId: ID!, $scope: AlertScope!, $targetId: ID, $thresholdPercent: Int!, $notifyRoles: [Role!]!) {
    createUsageAlert(orgId: $orgId, scope: $scope, targetId: $targetId, thresholdPercent: $thresholdPercent, notifyRoles: $notifyRoles) {
      ...UsageAlertItem
    }
  }
`);

const SCOPE_OPTIONS: readonly { value: AlertScope; label: string }[] = [
  { value: "POOL", label: "The pool" },
  { value: "MEMBER", label: "A member's cap" },
  { value: "SPACE", label: "A Space's cap" },
];

const ROLE_OPTIONS: Record<Role, { label: string; hint: string }> = {
  OWNER: { label: "The owner", hint: "" },
  ADMIN: { label: "Admins", hint: "every admin of the org" },
  MEMBER: { label: "The member", hint: "the member whose cap it is" },
};

type Errors = { target?: string; threshold?: string; roles?: string };

/** Adds a usage alert: what it watches (the pool, a member's cap, a Space's cap), the share left that fires it, and who is emailed. */
export function CreateUsageAlertForm({ org, myUserId }: { org: CapsOrg; myUserId: string | undefined }) {
  const notifier = useNotifier();
  const rolesHintId = useId();
  const rolesErrorId = useId();
  const targetSelect = useRef<HTMLSelectElement>(null);
  const thresholdInput = useRef<HTMLInputElement>(null);
  const firstRole = useRef<HTMLInputElement>(null);
  const [scope, setScope] = useState<AlertScope>("POOL");
  const [errors, setErrors] = useState<Errors>({});
  const {
    run: create,
    formError,
    reset,
    loading,
  } = useFormMutation(CreateUsageAlertMutation, {
    // The server lists alerts oldest first (after the soft alert): a new one goes last.
    update(cache, { data }) {
      addToCachedList(cache, { owner: orgCacheId(cache, org.id), field: "usageAlerts", item: data?.createUsageAlert });
    },
  });

  const targets =
    scope === "MEMBER"
      ? org.members.map((m) => ({ value: m.id, label: `${m.user.name}${m.user.id === myUserId ? " (you)" : ""}` }))
      : scope === "SPACE"
        ? org.spaces.map((s) => ({ value: s.id, label: s.name }))
        : [];

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const targetId = scope === "POOL" ? null : String(data.get("target") ?? "");
    const threshold = parseThreshold(String(data.get("threshold") ?? ""));
    const notifyRoles = rolesFor(scope).filter((role) => data.getAll("roles").includes(role));
    const invalid: Errors = {};
    if (targetId === "") invalid.target = scope === "MEMBER" ? "Choose a member." : "Choose a Space.";
    if ("problem" in threshold) invalid.threshold = threshold.problem;
    if (notifyRoles.length === 0) invalid.roles = "Pick who is emailed.";
    setErrors(invalid);
    reset();
    if (invalid.target) return targetSelect.current?.focus();
    if (invalid.threshold) return thresholdInput.current?.focus();
    if (invalid.roles || "problem" in threshold) return firstRole.current?.focus();
    const result = await create({ orgId: org.id, scope, targetId, thresholdPercent: threshold.percent, notifyRoles });
    if (!result) return;
    form.reset();
    setScope("POOL");
    const alert = result.createUsageAlert;
    notifier.notify({
      tone: "success",
      message: `Added a usage alert: ${recipientsWords(alert.notifyRoles).toLowerCase()} will be emailed when ${alertSubjectWords(alert, org)} falls below ${alert.thresholdPercent}%.`,
    });
  };

  const rolesDescribedBy = [rolesHintId, errors.roles ? rolesErrorId : null].filter(Boolean).join(" ");
  return (
    <form className="form" aria-labelledby="create-alert-title" noValidate onSubmit={(e) => void onSubmit(e)}>
      <h3 id="create-alert-title" className="section__subtitle">
        Add a usage alert
      </h3>
      <div className="form__row form__row--alert">
        <SelectField
          label="Watches"
          name="scope"
          value={scope}
          onChange={(e) => {
            setScope(e.target.value as AlertScope);
            setErrors({});
          }}
          options={SCOPE_OPTIONS}
        />
        {scope !== "POOL" && (
          <SelectField
            ref={targetSelect}
            key={scope}
            label={scope === "MEMBER" ? "Member" : "Space"}
            name="target"
            defaultValue=""
            error={errors.target}
            options={[
              { value: "", label: targets.length === 0 ? (scope === "MEMBER" ? "No members" : "No Spaces yet") : "Choose…" },
              ...targets,
            ]}
          />
        )}
        <FormField
          ref={thresholdInput}
          label="Alert below (%)"
          name="threshold"
          type="number"
          inputMode="numeric"
          min={1}
          max={99}
          step={1}
          autoComplete="off"
          hint="1 to 99"
          error={errors.threshold}
        />
      </div>
      <p className="field__hint">
        {scope === "POOL"
          ? "Fires when the credits left in the pool fall below this share of the monthly allotment."
          : "Fires when what is left of the cap falls below this share of it. Without a cap, it stays quiet until one is set."}
      </p>
      <fieldset key={scope} className={errors.roles ? "fieldset fieldset--invalid" : "fieldset"} aria-describedby={rolesDescribedBy}>
        <legend className="field__label">Email</legend>
        <p id={rolesHintId} className="field__hint">
          Who gets the email when it fires.
        </p>
        {rolesFor(scope).map((role, i) => (
          <label key={role} className="checkbox">
            <input ref={i === 0 ? firstRole : undefined} type="checkbox" name="roles" value={role} defaultChecked={role === "OWNER"} />
            <span>
              {ROLE_OPTIONS[role].label}
              {ROLE_OPTIONS[role].hint && <span className="muted"> {ROLE_OPTIONS[role].hint}</span>}
            </span>
          </label>
        ))}
        {errors.roles && (
          <p id={rolesErrorId} className="field__error">
            {errors.roles}
          </p>
        )}
      </fieldset>
      <FormError message={formError} />
      <div>
        <button type="submit" className="button button--primary" disabled={loading}>
          {loading ? "Adding…" : "Add alert"}
        </button>
      </div>
    </form>
  );
}
