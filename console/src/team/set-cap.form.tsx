import type { CapScope } from "@team-billing/shared";
import { type FormEvent, useId, useRef, useState } from "react";
import { addToCachedList, orgCacheId } from "../apollo/cache-lists";
import { useFormMutation } from "../apollo/form-mutation.hook";
import { FormError, FormField } from "../components/form-field.component";
import { useNotifier } from "../notifications/notification-center.component";
import { parseCapLimit } from "./cap-limit";
import { SetCapMutation, targetWords } from "./cap-row.component";
import { type CapsOrg, capTarget } from "./cap-target";

type Errors = { target?: string; limit?: string };

/** Option values name the scope and the target: "MEMBER:<id>", "SPACE:<id>". */
function parseTarget(value: string): { scope: CapScope; targetId: string } | null {
  const [scope, targetId] = value.split(":");
  if ((scope === "MEMBER" || scope === "SPACE") && targetId) return { scope, targetId };
  return null;
}

/** Caps a member or Space that has none yet; existing caps are changed in their row. */
export function SetCapForm({ org, myUserId }: { org: CapsOrg; myUserId: string | undefined }) {
  const notifier = useNotifier();
  const selectId = useId();
  const select = useRef<HTMLSelectElement>(null);
  const limitInput = useRef<HTMLInputElement>(null);
  const [errors, setErrors] = useState<Errors>({});
  const {
    run: setCap,
    formError,
    reset,
    loading,
  } = useFormMutation(SetCapMutation, {
    // The server lists caps oldest first; a new one goes last.
    update(cache, { data }) {
      addToCachedList(cache, { owner: orgCacheId(cache, org.id), field: "caps", item: data?.setCap });
    },
  });

  const capped = new Set(org.caps.map((c) => `${c.scope}:${c.targetId}`));
  const members = org.members.filter((m) => !capped.has(`MEMBER:${m.id}`));
  const spaces = org.spaces.filter((s) => !capped.has(`SPACE:${s.id}`));
  if (members.length === 0 && spaces.length === 0) {
    return <p className="muted">Every member and Space has a cap; change or remove one above.</p>;
  }

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const target = parseTarget(String(data.get("target") ?? ""));
    const limit = parseCapLimit(String(data.get("limit") ?? ""));
    const invalid: Errors = {};
    if (!target) invalid.target = "Choose a member or a Space.";
    if ("problem" in limit) invalid.limit = limit.problem;
    setErrors(invalid);
    reset();
    if (!target) return select.current?.focus();
    if ("problem" in limit) return limitInput.current?.focus();
    const result = await setCap({ orgId: org.id, ...target, monthlyLimit: limit.limit });
    if (!result) return;
    form.reset();
    const who = targetWords(capTarget(result.setCap, org, myUserId));
    notifier.notify({ tone: "success", message: `Capped ${who} at ${limit.limit.toLocaleString()} credits a month.` });
  };

  const targetErrorId = `${selectId}-error`;
  return (
    <form className="form" aria-labelledby="set-cap-title" noValidate onSubmit={(e) => void onSubmit(e)}>
      <h3 id="set-cap-title" className="section__subtitle">
        Set a cap
      </h3>
      <div className="form__row form__row--cap">
        <div className={errors.target ? "field field--invalid" : "field"}>
          <label className="field__label" htmlFor={selectId}>
            Member or Space
          </label>
          <select
            ref={select}
            id={selectId}
            name="target"
            className="field__input field__select"
            defaultValue=""
            aria-invalid={errors.target ? true : undefined}
            aria-describedby={errors.target ? targetErrorId : undefined}
          >
            <option value="" disabled>
              Choose…
            </option>
            {members.length > 0 && (
              <optgroup label="Members">
                {members.map((m) => (
                  <option key={m.id} value={`MEMBER:${m.id}`}>
                    {m.user.name}
                    {m.user.id === myUserId ? " (you)" : ""}
                  </option>
                ))}
              </optgroup>
            )}
            {spaces.length > 0 && (
              <optgroup label="Spaces">
                {spaces.map((s) => (
                  <option key={s.id} value={`SPACE:${s.id}`}>
                    {s.name}
                  </option>
                ))}
              </optgroup>
            )}
          </select>
          {errors.target && (
            <p id={targetErrorId} className="field__error">
              {errors.target}
            </p>
          )}
        </div>
        <FormField
          ref={limitInput}
          label="Monthly cap (credits)"
          name="limit"
          type="number"
          inputMode="numeric"
          min={0}
          step={1}
          autoComplete="off"
          error={errors.limit}
        />
        <button type="submit" className="button button--primary" disabled={loading}>
          {loading ? "Setting…" : "Set cap"}
        </button>
      </div>
      <p className="field__hint">
        Whole credits per month; 0 blocks all spending. A cap below what is already used stops further calls until the reset.
      </p>
      <FormError message={formError} />
    </form>
  );
}
