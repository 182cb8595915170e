import { type ComponentProps, type ReactNode, useId } from "react";

interface FieldFrame {
  label: string;
  hint?: string;
  error?: string | null;
}

/**
 * The label, hint and error around one control, tied to it for screen readers:
 * `control` receives the id and aria attributes to put on the input or select.
 */
function Field({
  label,
  hint,
  error,
  control,
}: FieldFrame & { control: (a11y: { id: string; "aria-invalid"?: true; "aria-describedby"?: string }) => ReactNode }) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;
  return (
    <div className={error ? "field field--invalid" : "field"}>
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      {control({ id, "aria-invalid": error ? true : undefined, "aria-describedby": describedBy })}
      {hint && (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={errorId} className="field__error">
          {error}
        </p>
      )}
    </div>
  );
}

interface FormFieldProps extends ComponentProps<"input">, FieldFrame {
  name: string;
}

/** A labelled input whose hint and error are tied to it for screen readers. */
export function FormField({ label, name, hint, error, ...input }: FormFieldProps) {
  return (
    <Field
      label={label}
      hint={hint}
      error={error}
      control={(a11y) => <input {...a11y} name={name} className="field__input" {...input} />}
    />
  );
}

interface SelectFieldProps extends ComponentProps<"select">, FieldFrame {
  name: string;
  options: readonly { value: string; label: string }[];
}

/** A labelled native select, styled like the inputs. */
export function SelectField({ label, name, options, hint, error, ...select }: SelectFieldProps) {
  return (
    <Field
      label={label}
      hint={hint}
      error={error}
      control={(a11y) => (
        <select {...a11y} name={name} className="field__input field__select" {...select}>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    />
  );
}

interface TextAreaFieldProps extends ComponentProps<"textarea">, FieldFrame {
  name: string;
}

/** A labelled multi-line input (a reason, a message), its hint and error tied to it. */
export function TextAreaField({ label, name, hint, error, ...textarea }: TextAreaFieldProps) {
  return (
    <Field
      label={label}
      hint={hint}
      error={error}
      control={(a11y) => <textarea {...a11y} name={name} className="field__input field__textarea" rows={3} {...textarea} />}
    />
  );
}

/** Form-level error, announced when it appears. */
export function FormError({ message }: { message: string | null }) {
  return (
    <div className="form-error" role="alert">
      {message}
    </div>
  );
}

/** Moves focus to the first field with an error, so keyboard users land on it. */
export function focusFirstInvalid(form: HTMLFormElement, errors: Partial<Record<string, string>>): void {
  const first = Object.keys(errors).find((name) => errors[name] && name !== "form");
  const field = first ? form.elements.namedItem(first) : null;
  if (field instanceof HTMLElement) field.focus();
}
