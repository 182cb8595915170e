import { useQuery } from "@apollo/client/react";
import { Link, useParams } from "react-router";
import { INLINE_ERRORS } from "../apollo/error.link";
import { OrgPageError, PageLoading, PageTitle } from "../components/page-state.component";
import { graphql } from "../gql";
import { PlanBadge } from "../orgs/plan-badge.component";
import { SeatStats } from "../orgs/seat-stats.component";
import { billingPath, teamPath, usagePath } from "../routes";

const OrgHomeQuery = graphql(`
  query OrgHome($orgId: ID!) {
    org(id: $orgId) {
      id
      name
      plan
      seats
      billingInterval
    }
  }
`);

/** Org home: the org at a glance and the way to its sections. */
export default function OrgHomePage() {
  const { orgId = "" } = useParams();
  const { data, loading, error, refetch } = useQuery(OrgHomeQuery, { variables: { orgId }, context: INLINE_ERRORS });
  if (loading && !data) return <PageLoading label="Loading org…" />;
  if (error && !data) return <OrgPageError error={error} what="this org" onRetry={() => void refetch()} />;
  const org = data?.org;
  if (!org) return <OrgPageError />;

  return (
    <div className="page">
      <PageTitle>{org.name}</PageTitle>
      <header className="page__header">
        <h1 className="page__title">{org.name}</h1>
        <PlanBadge plan={org.plan} />
      </header>
      <dl className="stats">
        <SeatStats seats={org.seats} billingInterval={org.billingInterval} />
      </dl>
      <p className="muted">Seats count accepted members, the owner included. Pending invitations don't count.</p>
      <nav aria-label="Org sections">
        <ul className="section-links">
          <li className="section-link">
            <Link className="section-link__link" to={teamPath(org.id)}>
              Team settings
            </Link>
            <p className="muted">Members, invitations, Spaces, API keys and the audit log.</p>
          </li>
          <li className="section-link">
            <Link className="section-link__link" to={billingPath(org.id)}>
              Billing
            </Link>
            <p className="muted">The plan, the credit pool, top-ups and upgrading to Team.</p>
          </li>
          <li className="section-link">
            <Link className="section-link__link" to={usagePath(org.id)}>
              Org usage
            </Link>
            <p className="muted">Who spends what, by member, Space, model and day; a CSV of every call.</p>
          </li>
        </ul>
      </nav>
    </div>
  );
}
