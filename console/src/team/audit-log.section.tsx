import { NetworkStatus } from "@apollo/client";
import { useQuery } from "@apollo/client/react";
import { type ReactNode, useState } from "react";
import { describeError } from "../apollo/error-message";
import { PAGE_CODES } from "../apollo/error.link";
import { SelectField } from "../components/form-field.component";
import { OlderPages } from "../components/older-pages.component";
import { PageError, PageLoading } from "../components/page-state.component";
import { Time } from "../components/time.component";
import { graphql } from "../gql";
import type { AuditActorKind, AuditEntryFieldsFragment } from "../gql/graphql";
import { AUDIT_CATEGORIES, type AuditChange, auditActionLabel, auditSummary, describeAuditDetails } from "./audit-details";

export const AuditEntryFields = graphql(`
  fragment AuditEntryFields on AuditEntry {
    id
    action
    actorKind
    actorName
    at
    summary
    details
  }
`);

// Paged by the server, newest first; the cache keeps one list per `actionPrefix`
// and appends older pages (see createCache). After any change the cached log is
// dropped (apollo/audit-log.link.ts), so it is asked for afresh.
export const OrgAuditEntriesQuery = graphql(`
  query OrgAuditEntries($orgId: ID!, $first: Int!, $after: String, $actionPrefix: String) {
    org(id: $orgId) {
      id
      auditEntries(first: $first, after: $after, actionPrefix: $actionPrefix) {
        edges {
          cursor
          node {
            ...AuditEntryFields
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

const AUDIT_PAGE_SIZE = 25;

/** The org's audit log, newest first (OWNER, ADMIN and support staff; the server refuses others). */
export function AuditLogSection({ orgId }: { orgId: string }) {
  const [prefix, setPrefix] = useState("");
  const category = AUDIT_CATEGORIES.find((c) => (c.prefix ?? "") === prefix) ?? AUDIT_CATEGORIES[0];
  const { data, loading, error, refetch, fetchMore, networkStatus } = useQuery(OrgAuditEntriesQuery, {
    variables: { orgId, first: AUDIT_PAGE_SIZE, actionPrefix: category.prefix },
    context: { handles: PAGE_CODES },
  });
  const connection = data?.org?.auditEntries;
  const loadingMore = networkStatus === NetworkStatus.fetchMore;

  let body: ReactNode;
  if (loading && !connection) body = <PageLoading label="Loading the audit log…" />;
  else if (error && !connection)
    body = <PageError title="We couldn't load the audit log" message={describeError(error).message} onRetry={() => void refetch()} />;
  else if (!connection || connection.edges.length === 0)
    body = <p className="muted">{category.prefix === null ? "Nothing recorded yet." : "No entries in this category."}</p>;
  else
    body = (
      <>
        <table className="table table--stack audit" aria-labelledby="audit-title">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Action</th>
              <th scope="col">By</th>
              <th scope="col">What happened</th>
            </tr>
          </thead>
          <tbody>
            {connection.edges.map(({ node }) => (
              <AuditRow key={node.id} entry={node} />
            ))}
          </tbody>
        </table>
        <OlderPages
          key={prefix}
          pageInfo={connection.pageInfo}
          loading={loadingMore}
          more={(after) => fetchMore({ variables: { after }, context: { handles: PAGE_CODES } })}
          what="entries"
        />
      </>
    );

  return (
    <section className="card section" aria-labelledby="audit-title" id="audit-log">
      <header className="section__header section__header--row">
        <div className="section__header">
          <h2 id="audit-title" className="card__title">
            Audit log
          </h2>
          <p className="card__lead">
            Every change to the team, newest first, with who made it; open Details for what it was before and after.
          </p>
        </div>
        <div className="audit__filter">
          <SelectField
            label="Show"
            name="category"
            value={prefix}
            onChange={(e) => setPrefix(e.target.value)}
            options={AUDIT_CATEGORIES.map((c) => ({ value: c.prefix ?? "", label: c.label }))}
          />
        </div>
      </header>
      {body}
    </section>
  );
}

// Not a person: a small badge says so, in words a screen reader reads too.
const ACTOR_KIND_BADGE: Partial<Record<AuditActorKind, { label: string; title: string }>> = {
  API_KEY: { label: "key", title: "Done through an API key" },
  SYSTEM: { label: "automatic", title: "Done by Team Billing itself, e.g. a renewal" },
};

function AuditRow({ entry }: { entry: AuditEntryFieldsFragment }) {
  const changes = describeAuditDetails(entry.details ?? null);
  // The server's sentence, with names, says it better than the fields it sums up: it comes
  // first, and the fields wait behind a Details disclosure.
  const summary = auditSummary(entry);
  const badge = ACTOR_KIND_BADGE[entry.actorKind];
  return (
    <tr>
      <td data-label="When">
        <Time value={entry.at} format="datetime" />
      </td>
      <td data-label="Action">
        <span className="audit__action">{auditActionLabel(entry.action)}</span>
      </td>
      <td data-label="By" className="cell--wrap">
        {/* One element: a stacked cell lays out its children in columns. */}
        <span className="audit__actor">
          {entry.actorName}
          {badge && (
            <span className={`audit__kind audit__kind--${entry.actorKind.toLowerCase()}`} title={badge.title}>
              <span className="visually-hidden"> (</span>
              {badge.label}
              <span className="visually-hidden">)</span>
            </span>
          )}
        </span>
      </td>
      <td data-label="What happened" className="cell--wrap">
        {/* One element: a stacked cell lays out its children in columns. */}
        <div className="audit__what">
          {summary && <p className="audit__summary">{summary}</p>}
          {summary ? (
            changes?.length !== 0 && (
              <details className="audit__details">
                <summary>Details</summary>
                <AuditFields details={entry.details ?? null} changes={changes} />
              </details>
            )
          ) : (
            <AuditFields details={entry.details ?? null} changes={changes} />
          )}
        </div>
      </td>
    </tr>
  );
}

function AuditFields({ details, changes }: { details: string | null; changes: AuditChange[] | null }) {
  // Details that are not the documented JSON are shown as they came rather than hidden.
  return changes === null ? <code className="audit__raw">{details}</code> : <AuditChanges changes={changes} />;
}

function AuditChanges({ changes }: { changes: AuditChange[] }) {
  if (changes.length === 0) return <span className="muted">—</span>;
  return (
    <dl className="audit__changes">
      {changes.map((c) => (
        <div key={c.field} className="audit__change">
          <dt>{c.field}</dt>
          <dd>
            <ChangeValue change={c} />
          </dd>
        </div>
      ))}
    </dl>
  );
}

function ChangeValue({ change }: { change: AuditChange }) {
  switch (change.kind) {
    case "same":
      return <span>{change.after}</span>;
    case "added":
      return (
        <ins className="audit__after">
          <span className="visually-hidden">set to </span>
          {change.after}
        </ins>
      );
    case "removed":
      return (
        <del className="audit__before">
          <span className="visually-hidden">was </span>
          {change.before}
        </del>
      );
    case "changed":
      return (
        <>
          <del className="audit__before">
            <span className="visually-hidden">from </span>
            {change.before}
          </del>
          <span aria-hidden="true"> → </span>
          <ins className="audit__after">
            <span className="visually-hidden"> to </span>
            {change.after}
          </ins>
        </>
      );
  }
}
