import { useApolloClient } from "@apollo/client/react";
import { type ReactNode, useCallback, useEffect, useState } from "react";
import { describeError } from "../apollo/error-message";
import { PAGE_CODES } from "../apollo/error.link";
import { FormError, SelectField } from "../components/form-field.component";
import { PageError, PageLoading } from "../components/page-state.component";
import { Time } from "../components/time.component";
import { graphql } from "../gql";
import type { CreditHistoryEntryFieldsFragment } from "../gql/graphql";

export const CreditHistoryEntryFields = graphql(`
  fragment CreditHistoryEntryFields on CreditHistoryEntry {
    id
    at
    kind
    bucket
    credits
    balanceAfter
    description
  }
`);

export const CreditHistoryQuery = graphql(`
  query CreditHistory($orgId: ID!, $first: Int!, $after: String) {
    org(id: $orgId) {
      id
      creditHistory(first: $first, after: $after) {
        edges {
          cursor
          node {
            ...CreditHistoryEntryFields
          }
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  }
`);

export const HISTORY_PAGE_SIZE = 50;

/** The server's kinds in words; one it adds later shows as it names it. */
export const KIND_LABELS: Record<string, string> = {
  REFILL: "Monthly refill",
  SEAT_CREDITS: "Seat credits",
  TOP_UP: "Top-up",
  GRANT: "Support grant",
  REMOVAL: "Support removal",
  FORFEIT: "Forfeit",
  USAGE: "Usage (a day)",
  EXPIRY: "Expiry",
  VOID: "Void",
};
export const kindLabel = (kind: string) => KIND_LABELS[kind] ?? kind;
const BUCKET_LABELS: Record<string, string> = { TOP_UP: "Top-up", MONTHLY: "Monthly" };
const bucketLabel = (bucket: string) => BUCKET_LABELS[bucket] ?? bucket;

const csvCell = (value: string | number) => {
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

/** The loaded entries as CSV (RFC 4180), one row each, newest first, as the table shows them. */
export function historyCsv(entries: readonly CreditHistoryEntryFieldsFragment[]): string {
  const rows = [["When (UTC)", "Kind", "Bucket", "Credits", "Balance after", "Description"]];
  for (const e of entries)
    rows.push([e.at, kindLabel(e.kind), bucketLabel(e.bucket), String(e.credits), String(e.balanceAfter), e.description]);
  return `${rows.map((row) => row.map(csvCell).join(",")).join("\r\n")}\r\n`;
}

const signed = (n: number) => (n > 0 ? `+${n.toLocaleString()}` : n.toLocaleString());

/**
 * "Credit history" on Billing (OWNER and ADMIN): every change of the pool's buckets,
 * newest first, a page at a time, from the server's ledger: refills, seat credits,
 * top-ups, support adjustments, forfeits, expiries and each day's usage summed.
 * Pages are kept here (not in the cache): Load more appends, the filter and the CSV
 * work on what is loaded.
 */
export function CreditHistorySection({ orgId }: { orgId: string }) {
  const client = useApolloClient();
  const [entries, setEntries] = useState<CreditHistoryEntryFieldsFragment[]>([]);
  const [next, setNext] = useState<{ hasNextPage: boolean; endCursor: string | null }>({ hasNextPage: false, endCursor: null });
  const [state, setState] = useState<"loading" | "more" | "idle">("loading");
  const [error, setError] = useState<{ first: boolean; message: string } | null>(null);
  const [kind, setKind] = useState("");

  const load = useCallback(
    async (after: string | null) => {
      setState(after ? "more" : "loading");
      setError(null);
      try {
        const { data } = await client.query({
          query: CreditHistoryQuery,
          variables: { orgId, first: HISTORY_PAGE_SIZE, after },
          context: { handles: PAGE_CODES },
          fetchPolicy: "no-cache",
        });
        const page = data?.org?.creditHistory;
        if (!page) throw new Error("The credit history did not load.");
        setEntries((old) => [...(after ? old : []), ...page.edges.map((e) => e.node)]);
        setNext(page.pageInfo);
      } catch (e) {
        setError({ first: after === null, message: describeError(e).message });
      } finally {
        setState("idle");
      }
    },
    [client, orgId],
  );

  useEffect(() => {
    void load(null);
  }, [load]);

  const shown = kind ? entries.filter((e) => e.kind === kind) : entries;
  const kinds = [...new Set([...Object.keys(KIND_LABELS), ...entries.map((e) => e.kind)])];
  const download = () => {
    const blob = new Blob([historyCsv(shown)], { type: "text/csv;charset=utf-8" });
    const url = URL.createObjectURL(blob);
    const a = document.createElement("a");
    a.href = url;
    a.download = `credit-history-${orgId}.csv`;
    a.click();
    URL.revokeObjectURL(url);
  };

  let body: ReactNode;
  if (state === "loading") body = <PageLoading label="Loading the credit history…" />;
  else if (error?.first)
    body = <PageError title="We couldn't load the credit history" message={error.message} onRetry={() => void load(null)} />;
  else if (entries.length === 0) body = <p className="muted">No credits have moved yet.</p>;
  else
    body = (
      <>
        {shown.length === 0 ? (
          <p className="muted">No {kindLabel(kind).toLowerCase()} entries among those loaded.</p>
        ) : (
          <table className="table table--stack credit-history" aria-labelledby="credit-history-title">
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">What</th>
                <th scope="col">Bucket</th>
                <th scope="col" className="num">
                  Credits
                </th>
                <th scope="col" className="num">
                  Balance after
                </th>
              </tr>
            </thead>
            <tbody>
              {shown.map((e) => (
                <tr key={e.id}>
                  <td data-label="When">
                    <Time value={e.at} format={e.kind === "USAGE" ? "date" : "datetime"} />
                  </td>
                  <td data-label="What">
                    <strong>{kindLabel(e.kind)}</strong>
                    <div className="muted">{e.description}</div>
                  </td>
                  <td data-label="Bucket">{bucketLabel(e.bucket)}</td>
                  <td data-label="Credits" className="num">
                    {signed(e.credits)}
                  </td>
                  <td data-label="Balance after" className="num">
                    {e.balanceAfter.toLocaleString()}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <div className="audit__more">
          {next.hasNextPage && (
            <button type="button" className="button" onClick={() => void load(next.endCursor)} disabled={state === "more"}>
              {state === "more" ? "Loading…" : "Load more"}
            </button>
          )}
          <button type="button" className="button" onClick={download}>
            Download CSV ({shown.length.toLocaleString()} {shown.length === 1 ? "entry" : "entries"})
          </button>
        </div>
        <FormError message={error && !error.first ? error.message : null} />
      </>
    );

  return (
    <section className="card section" aria-labelledby="credit-history-title" id="credit-history">
      <header className="section__header section__header--row">
        <div className="section__header">
          <h2 id="credit-history-title" className="card__title">
            Credit history
          </h2>
          <p className="card__lead">
            Every change to the pool, newest first: refills, seat credits, top-ups, support adjustments, forfeits, expiries, and each day's
            usage summed per bucket. The CSV holds what is loaded and shown.
          </p>
        </div>
        <div className="audit__filter">
          <SelectField
            label="Show"
            name="kind"
            value={kind}
            onChange={(e) => setKind(e.target.value)}
            options={[{ value: "", label: "All kinds" }, ...kinds.map((k) => ({ value: k, label: kindLabel(k) }))]}
          />
        </div>
      </header>
      {body}
    </section>
  );
}
