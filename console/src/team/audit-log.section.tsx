import { useQuery } from "@apollo/client/react";
import { type ReactNode, useState } from "react";
import { describeError } from "../apollo/error-message";
import { INLINE_ERRORS } from "../apollo/error.link";
import { PageError, PageLoading } from "../components/page-state.component";
import { Time } from "../components/time.component";
import { graphql } from "../gql";
import type { AuditEntryFieldsFragment } from "../gql/graphql";
import { type AuditChange, auditActionLabel, describeAuditDetails } from "./audit-details";

export const AuditEntryFields = graphql(`
  fragment AuditEntryFields on AuditEntry {
    id
    action
    actorEmail
    at
    details
  }
`);

export const OrgAuditLogQuery = graphql(`
  query OrgAuditLog($orgId: ID!) {
    org(id: $orgId) {
      id
      auditLog {
        ...AuditEntryFields
      }
    }
  }
`);

/**
 * Team changes are audited by the server; mutations on this page refetch the
 * log (when it is on screen) so the newest entry shows without a reload.
 */
export const REFETCH_AUDIT_LOG = { refetchQueries: [OrgAuditLogQuery] };

const PAGE = 25;

/** The org's audit log, newest first (OWNER and ADMIN; the server refuses others). */
export function AuditLogSection({ orgId }: { orgId: string }) {
  const { data, loading, error, refetch } = useQuery(OrgAuditLogQuery, { variables: { orgId }, context: INLINE_ERRORS });
  const [shown, setShown] = useState(PAGE);
  const entries = data?.org?.auditLog ?? [];

  let body: ReactNode;
  if (loading && !data) body = <PageLoading label="Loading the audit log…" />;
  else if (error && !data)
    body = <PageError title="We couldn't load the audit log" message={describeError(error).message} onRetry={() => void refetch()} />;
  else if (entries.length === 0) body = <p className="muted">Nothing recorded yet.</p>;
  else
    body = (
      <>
        <table className="table table--stack audit" aria-labelledby="audit-title">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Action</th>
              <th scope="col">By</th>
              <th scope="col">Details</th>
            </tr>
          </thead>
          <tbody>
            {entries.slice(0, shown).map((entry) => (
              <AuditRow key={entry.id} entry={entry} />
            ))}
          </tbody>
        </table>
        {entries.length > shown && (
          <button type="button" className="button" onClick={() => setShown((n) => n + PAGE)}>
            Show {Math.min(PAGE, entries.length - shown)} more
          </button>
        )}
      </>
    );

  return (
    <section className="card section" aria-labelledby="audit-title" id="audit-log">
      <header className="section__header">
        <h2 id="audit-title" className="card__title">
          Audit log
        </h2>
        <p className="card__lead">Every change to the team, newest first, with who made it and what it was before and after.</p>
      </header>
      {body}
    </section>
  );
}

function AuditRow({ entry }: { entry: AuditEntryFieldsFragment }) {
  const changes = describeAuditDetails(entry.details ?? null);
  return (
    <tr>
      <td data-label="When">
        <Time value={entry.at} format="datetime" />
      </td>
      <td data-label="Action">
        <span className="audit__action">{auditActionLabel(entry.action)}</span>
      </td>
      <td data-label="By" className="cell--wrap">
        {/* Entries without a person were made by an API key or the system (e.g. a renewal). */}
        {entry.actorEmail ?? <span className="muted">API key or system</span>}
      </td>
      <td data-label="Details" className="cell--wrap">
        {changes === null ? <code className="audit__raw">{entry.details}</code> : <AuditChanges changes={changes} />}
      </td>
    </tr>
  );
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
