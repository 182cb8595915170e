import { useEffect, useRef } from "react";
import { CopyButton } from "../components/copy-button.component";

/**
 * The new key's secret, the one time it exists outside the server's hash.
 * Held only in the parent's state: "Done" (or leaving the page) forgets it.
 */
export function ApiKeySecretCallout({ name, secret, onDone }: { name: string; secret: string; onDone: () => void }) {
  const title = useRef<HTMLHeadingElement>(null);
  // Screen-reader and keyboard users land on it, as everyone else sees it appear.
  useEffect(() => title.current?.focus(), []);

  return (
    <section className="callout callout--warning" aria-labelledby="api-key-secret-title">
      <h3 id="api-key-secret-title" className="callout__title" ref={title} tabIndex={-1}>
        Copy the secret for “{name}” now
      </h3>
      <p>It will not be shown again: we keep only a hash of it. If you lose it, revoke the key and create another.</p>
      <div className="secret">
        <code className="secret__value">{secret}</code>
        <CopyButton text={secret} label="Copy secret" what="API key secret" />
      </div>
      <p className="muted">
        Send it as <code>Authorization: Bearer &lt;secret&gt;</code>. It acts for this org only, within its scopes.
      </p>
      <div>
        <button type="button" className="button" onClick={onDone}>
          Done, I've saved it
        </button>
      </div>
    </section>
  );
}
