import { useState } from "react";
import { describeError } from "../apollo/error-message";
import { FormError } from "./form-field.component";

/**
 * "Show older …" under a page of a connection (newest first): asks for the page after its
 * last cursor, and says why when that failed. `more` is the list's `fetchMore` from `after`.
 */
export function OlderPages({
  pageInfo,
  loading,
  more,
  what,
}: {
  pageInfo: { hasNextPage: boolean; endCursor?: string | null };
  /** The next page is on its way (NetworkStatus.fetchMore). */
  loading: boolean;
  more: (after: string) => Promise<unknown>;
  /** What the rows are, in the plural: "entries", "calls". */
  what: string;
}) {
  const [error, setError] = useState<string | null>(null);
  const showOlder = async () => {
    if (!pageInfo.endCursor) return;
    setError(null);
    try {
      await more(pageInfo.endCursor);
    } catch (e) {
      setError(describeError(e).message);
    }
  };
  return (
    <>
      {pageInfo.hasNextPage && (
        <div className="audit__more">
          <button type="button" className="button" onClick={() => void showOlder()} disabled={loading}>
            {loading ? `Loading older ${what}…` : `Show older ${what}`}
          </button>
        </div>
      )}
      <FormError message={error} />
    </>
  );
}
