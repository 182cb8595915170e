import { type ReactNode, useEffect, useId, useRef } from "react";
import { FormError } from "./form-field.component";

interface ConfirmDialogProps {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  /** Shown on the confirm button while the action runs. */
  busyLabel: string;
  busy: boolean;
  /** Why the action failed; the dialog stays open so the person can retry or cancel. */
  error: string | null;
  onConfirm: () => void;
  onCancel: () => void;
}

/**
 * A modal confirmation for actions that are hard to undo. The native <dialog>
 * traps focus, closes on Escape and makes the page behind it inert. It is
 * mounted only while asked for; however it closes, the parent hears onCancel
 * and unmounts it.
 */
export function ConfirmDialog({ title, children, confirmLabel, busyLabel, busy, error, onConfirm, onCancel }: ConfirmDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const bodyId = useId();

  // No cleanup: unmounting removes the element, which takes it out of the top
  // layer without a `close` event (a close() here would report a cancel that
  // nobody asked for, e.g. on StrictMode's rehearsal unmount).
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);

  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby={titleId}
      aria-describedby={bodyId}
      // Escape closes it like Cancel does, except while the action runs.
      onCancel={(event) => {
        if (busy) event.preventDefault();
      }}
      onClose={onCancel}
    >
      <h2 id={titleId} className="dialog__title">
        {title}
      </h2>
      <div id={bodyId} className="dialog__body">
        {children}
      </div>
      <FormError message={error} />
      <div className="dialog__actions">
        {/* Cancel comes first, so showModal() focuses it: the safe choice is the default. */}
        <button type="button" className="button" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
        <button type="button" className="button button--danger" onClick={onConfirm} disabled={busy}>
          {busy ? busyLabel : confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
