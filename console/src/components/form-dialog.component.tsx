import { type FormEvent, type ReactNode, useEffect, useId, useRef } from "react";
import { FormError } from "./form-field.component";

interface FormDialogProps {
  title: string;
  /** The fields, and whatever the person should read before sending. */
  children: ReactNode;
  submitLabel: string;
  /** Shown on the submit button while the request runs. */
  busyLabel: string;
  busy: boolean;
  /** Why it failed; the dialog stays open so the person can fix it or cancel. */
  error: string | null;
  /** `danger` for what takes something back (a void); `primary` otherwise. */
  tone?: "primary" | "danger";
  onSubmit: (form: HTMLFormElement) => void;
  onCancel: () => void;
}

/**
 * A modal with a small form (a reason, a new limit): ConfirmDialog's native <dialog>
 * (focus trapped, Escape cancels, the page behind inert), with fields and a submit
 * button. Mounted only while asked for; however it closes, the parent hears onCancel.
 */
export function FormDialog({
  title,
  children,
  submitLabel,
  busyLabel,
  busy,
  error,
  tone = "primary",
  onSubmit,
  onCancel,
}: FormDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  // No cleanup, as in ConfirmDialog: unmounting takes it out of the top layer.
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!busy) onSubmit(event.currentTarget);
  };

  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby={titleId}
      onCancel={(event) => {
        if (busy) event.preventDefault();
      }}
      onClose={onCancel}
    >
      <form className="dialog__form" aria-labelledby={titleId} noValidate onSubmit={submit}>
        <h2 id={titleId} className="dialog__title">
          {title}
        </h2>
        <div className="dialog__body">{children}</div>
        <FormError message={error} />
        <div className="dialog__actions">
          <button type="button" className="button" onClick={onCancel} disabled={busy}>
            Cancel
          </button>
          <button type="submit" className={tone === "danger" ? "button button--danger" : "button button--primary"} disabled={busy}>
            {busy ? busyLabel : submitLabel}
          </button>
        </div>
      </form>
    </dialog>
  );
}
