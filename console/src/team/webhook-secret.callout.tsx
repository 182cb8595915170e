import { useEffect, useRef } from "react";
import { CopyButton } from "../components/copy-button.component";

/**
 * A new endpoint's signing secret, the one time the console sees it (as API keys' secrets
 * are shown). Held only in the parent's state: "Done" (or leaving the page) forgets it.
 */
export function WebhookSecretCallout({ url, secret, onDone }: { url: string; secret: string; onDone: () => void }) {
  const title = useRef<HTMLHeadingElement>(null);
  // Screen-reader and keyboard users land on it, as everyone else sees it appear.
  useEffect(() => title.current?.focus(), []);

  return (
    <section className="callout callout--warning" aria-labelledby="webhook-secret-title">
      <h3 id="webhook-secret-title" className="callout__title" ref={title} tabIndex={-1}>
        Copy the signing secret for {url} now
      </h3>
      <p>It will not be shown again. If you lose it, remove the endpoint and add it again: it gets a new secret.</p>
      <div className="secret">
        <code className="secret__value">{secret}</code>
        <CopyButton text={secret} label="Copy secret" what="Webhook signing secret" />
      </div>
      <p className="muted">
        Verify each delivery's <code>webhook-signature</code> header with it, using any Standard Webhooks library; the{" "}
        <code>webhook-id</code> header is the same on every retry of an event, so you can skip one you have already handled.
      </p>
      <div>
        <button type="button" className="button" onClick={onDone}>
          Done, I've saved it
        </button>
      </div>
    </section>
  );
}
