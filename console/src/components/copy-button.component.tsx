import { useEffect, useRef, useState } from "react";

type CopyState = "idle" | "copied" | "failed";

/**
 * Copies `text` to the clipboard. Where the browser refuses (no permission,
 * not a secure context), it shows the text selected in a read-only field so
 * the person can copy it by hand.
 */
export function CopyButton({
  text,
  label,
  what,
  labelSuffix,
}: {
  text: string;
  label: string;
  /** Names the text for the manual-copy field. */
  what: string;
  /** Read by screen readers after `label`, to tell several copy buttons apart. */
  labelSuffix?: string;
}) {
  const [state, setState] = useState<CopyState>("idle");
  const field = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (state === "failed") field.current?.select();
    if (state !== "copied") return;
    const timer = setTimeout(() => setState("idle"), 2500);
    return () => clearTimeout(timer);
  }, [state]);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setState("copied");
    } catch {
      setState("failed");
    }
  };

  return (
    <span className="copy">
      <button type="button" className="button button--small" onClick={() => void copy()}>
        {label}
        {labelSuffix && <span className="visually-hidden"> {labelSuffix}</span>}
      </button>
      <span className="copy__status" role="status">
        {state === "copied" ? "Copied" : ""}
      </span>
      {state === "failed" && (
        <input ref={field} className="field__input copy__fallback" readOnly value={text} aria-label={`${what}: select and copy it`} />
      )}
    </span>
  );
}
