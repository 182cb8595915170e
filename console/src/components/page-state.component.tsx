import type { ReactNode } from "react";
import { describeError } from "../apollo/error-message";

/** A polite, announced loading line; keeps layout steady while data arrives. */
export function PageLoading({ label = "Loading…" }: { label?: string }) {
  return (
    <div className="page-state" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      <span>{label}</span>
    </div>
  );
}

export function PageError({ title, message, onRetry }: { title: string; message?: string; onRetry?: () => void }) {
  return (
    <div className="page-state page-state--error">
      <h2 className="page-state__title">{title}</h2>
      {message && <p>{message}</p>}
      {onRetry && (
        <button type="button" className="button" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}

/** A section's part that failed to load, said in one line with a retry: "We couldn't load the invoices: … [Try again]". */
export function InlineLoadError({
  what,
  message,
  onRetry,
  inline = false,
}: {
  what: string;
  message: string;
  onRetry: () => void;
  /** Inside a sentence (a span) rather than a paragraph of its own. */
  inline?: boolean;
}) {
  const Text = inline ? "span" : "p";
  return (
    <Text className="muted">
      We couldn't load {what}: {message}{" "}
      <button type="button" className="button button--small" onClick={onRetry}>
        Try again
      </button>
    </Text>
  );
}

/**
 * An org page with no org to show: its query's error, or "Org not found" (also for
 * NOT_FOUND, which is what an org the caller may not see answers).
 */
export function OrgPageError({ error, what, onRetry }: { error?: unknown; what?: string; onRetry?: () => void }) {
  const problem = error ? describeError(error) : null;
  if (problem && problem.code !== "NOT_FOUND") {
    return <PageError title={`We couldn't load ${what ?? "this org"}`} message={problem.message} onRetry={onRetry} />;
  }
  return <PageError title="Org not found" message="It doesn't exist, or you're not a member." />;
}

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="empty-state">
      <h2 className="empty-state__title">{title}</h2>
      {children}
    </div>
  );
}

/** "Team Billing" suffix for document titles (React 19 hoists <title> into <head>). */
export function PageTitle({ children }: { children: string }) {
  return <title>{`${children} · Team Billing`}</title>;
}

/**
 * A section's list while its own query loads or fails, then the list: "Loading API
 * keys…", "We couldn't load the API keys" with a retry (only while there is nothing to
 * show yet; a refetch that fails keeps what was shown).
 */
export function SectionQueryState({
  what,
  query,
  children,
}: {
  /** What loads: "API keys". */
  what: string;
  query: { loading: boolean; error?: unknown; data?: unknown; refetch: () => unknown };
  children: ReactNode;
}) {
  if (query.loading && !query.data) return <PageLoading label={`Loading ${what}…`} />;
  if (query.error && !query.data)
    return (
      <PageError title={`We couldn't load the ${what}`} message={describeError(query.error).message} onRetry={() => void query.refetch()} />
    );
  return <>{children}</>;
}
