import { Link } from "react-router";
import { graphql } from "../gql";
import type { OrgSummaryFragment } from "../gql/graphql";
import { orgPath } from "../routes";
import { PlanBadge } from "./plan-badge.component";

export const OrgSummaryFields = graphql(`
  fragment OrgSummary on Org {
    id
    name
    plan
    seats
  }
`);

function seatsLabel(seats: number): string {
  return seats === 1 ? "1 seat" : `${seats.toLocaleString()} seats`;
}

export function OrgList({ orgs }: { orgs: readonly OrgSummaryFragment[] }) {
  return (
    <ul className="org-list" aria-label="Your orgs">
      {orgs.map((org) => (
        <li key={org.id} className="org-card">
          <Link className="org-card__link" to={orgPath(org.id)} title={org.name}>
            <span className="org-card__name">{org.name}</span>
          </Link>
          <PlanBadge plan={org.plan} />
          <span className="org-card__meta">{seatsLabel(org.seats)}</span>
        </li>
      ))}
    </ul>
  );
}
