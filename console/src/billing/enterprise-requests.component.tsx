import { useQuery } from "@apollo/client/react";
import { describeError } from "../apollo/error-message";
import { PAGE_CODES } from "../apollo/error.link";
import { Time } from "../components/time.component";
import { graphql } from "../gql";
import type { EnterpriseRequestItemFragment } from "../gql/graphql";
import { useCurrentUser } from "../session/route.guard";
import { InlineLoadError } from "../components/page-state.component";

export const EnterpriseRequestItemFields = graphql(`
  fragment EnterpriseRequestItem on EnterpriseRequest {
    id
    message
    createdAt
    requestedBy {
      id
      name
      email
    }
  }
`);

export const OrgEnterpriseRequestsQuery = graphql(`
  query OrgEnterpriseRequests($orgId: ID!) {
    org(id: $orgId) {
      id
      enterpriseRequests {
        ...EnterpriseRequestItem
      }
    }
  }
`);

/** Shown open; older ones wait behind a disclosure. */
const SHOWN = 3;

/** The org's earlier "Get in touch" requests, newest first (OWNER and ADMIN; the server refuses a MEMBER). */
export function EnterpriseRequestsList({ orgId }: { orgId: string }) {
  const { data, loading, error, refetch } = useQuery(OrgEnterpriseRequestsQuery, {
    variables: { orgId },
    context: { handles: PAGE_CODES },
  });
  const { user } = useCurrentUser();
  const requests = data?.org?.enterpriseRequests;

  if (!requests) {
    if (loading) {
      return (
        <p className="muted" role="status">
          Loading earlier requests…
        </p>
      );
    }
    if (!error) return null;
    return <InlineLoadError what="the earlier requests" message={describeError(error).message} onRetry={() => void refetch()} />;
  }
  if (requests.length === 0) return null;

  const shown = requests.slice(0, SHOWN);
  const older = requests.slice(SHOWN);
  const item = (request: EnterpriseRequestItemFragment) => (
    <RequestItem key={request.id} request={request} byMe={request.requestedBy.id === user?.id} />
  );
  return (
    <div className="enterprise-requests">
      <h3 id="enterprise-requests-title" className="enterprise-requests__title">
        Earlier requests
      </h3>
      <ul className="enterprise-requests__list" aria-labelledby="enterprise-requests-title">
        {shown.map(item)}
      </ul>
      {older.length > 0 && (
        <details className="enterprise-requests__older">
          <summary>{older.length === 1 ? "1 older request" : `${older.length.toLocaleString()} older requests`}</summary>
          <ul className="enterprise-requests__list" aria-label="Older requests">
            {older.map(item)}
          </ul>
        </details>
      )}
    </div>
  );
}

function RequestItem({ request, byMe }: { request: EnterpriseRequestItemFragment; byMe: boolean }) {
  const who = request.requestedBy;
  return (
    <li className="enterprise-request">
      <p>
        <strong>{byMe ? "You" : who.name}</strong> asked on <Time value={request.createdAt} />:
      </p>
      <p className="enterprise-request__message">“{request.message}”</p>
      <p className="muted">Sales will reply to {who.email}.</p>
    </li>
  );
}
