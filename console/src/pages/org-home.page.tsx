import { useQuery } from "@apollo/client/react";
import { Link, useParams } from "react-router";
import { PAGE_CODES } from "../apollo/error.link";
import { OrgPageError, PageLoading, PageTitle } from "../components/page-state.component";
import { graphql } from "../gql";
import type { OrgHomeQuery as OrgHomeResult } from "../gql/graphql";
import { CreditStats, CreditsLine } from "../orgs/org-credits.component";
import { PlanBadge } from "../orgs/plan-badge.component";
import { SeatStats } from "../orgs/seat-stats.component";
import { billingPath, teamPath, usagePath } from "../routes";
import { useCurrentUser } from "../session/route.guard";
import { canManageTeam } from "../team/roles";

// The pool and caps are readable by every member; the reader's own cap is found through their membership.
const OrgHomeQuery = graphql(`
  query OrgHome($orgId: ID!) {
    org(id: $orgId) {
      id
      name
      plan
      seats
      billingInterval
      myRole
      pool {
        ...PoolFields
      }
      caps {
        id
        scope
        targetId
        monthlyLimit
        usedThisPeriod
      }
      members {
        id
        user {
          id
        }
      }
    }
  }
`);

type Org = NonNullable<OrgHomeResult["org"]>;
const POOLED = new Set(["TEAM", "ENTERPRISE"]);

/** Org home: credits at a glance, next steps, and the way to the org's sections, in words for this plan and role. */
export default function OrgHomePage() {
  const { orgId = "" } = useParams();
  const { user } = useCurrentUser();
  // Credits move all the time: show the cached page at once, then the server's numbers.
  const { data, loading, error, refetch } = useQuery(OrgHomeQuery, {
    variables: { orgId },
    context: { handles: PAGE_CODES },
    fetchPolicy: "cache-and-network",
  });
  if (loading && !data) return <PageLoading label="Loading org…" />;
  if (error && !data) return <OrgPageError error={error} what="this org" onRetry={() => void refetch()} />;
  const org = data?.org;
  if (!org) return <OrgPageError />;
  const myMemberId = org.members.find((m) => m.user.id === user?.id)?.id;
  const myCap = org.caps.find((c) => c.scope === "MEMBER" && c.targetId === myMemberId);

  return (
    <div className="page">
      <PageTitle>{org.name}</PageTitle>
      <header className="page__header">
        <h1 className="page__title page__title--wrap">{org.name}</h1>
        <PlanBadge plan={org.plan} />
      </header>
      <dl className="stats">
        <CreditStats pool={org.pool} myCap={myCap} />
        <SeatStats seats={org.seats} billingInterval={org.billingInterval} />
      </dl>
      <CreditsLine pool={org.pool} myCap={myCap} />
      <NextSteps org={org} />
      <nav aria-label="Org sections">
        <ul className="section-links">
          <li className="section-link">
            <Link className="section-link__link" to={teamPath(org.id)}>
              Team settings
            </Link>
            <p className="muted">{TEAM_COPY[canManageTeam(org.myRole) ? "manage" : "read"]}</p>
          </li>
          <li className="section-link">
            <Link className="section-link__link" to={billingPath(org.id)}>
              Billing
            </Link>
            <p className="muted">{billingCopy(org)}</p>
          </li>
          <li className="section-link">
            <Link className="section-link__link" to={usagePath(org.id)}>
              Org usage
            </Link>
            <p className="muted">{USAGE_COPY[canManageTeam(org.myRole) ? "manage" : "read"]}</p>
          </li>
        </ul>
      </nav>
    </div>
  );
}

const TEAM_COPY = {
  manage: "Members, invitations, Spaces, caps, usage alerts, cap requests, API keys, webhooks, the audit log and the org's name.",
  read: "Who is in the org, its Spaces and caps, and your membership.",
};

const USAGE_COPY = {
  manage: "Who spends what, by member, Space, model and day; every call, voiding one recorded by mistake, and a CSV.",
  read: "What you spent, by Space, model and day; a CSV of your calls.",
};

function billingCopy(org: Org): string {
  const pooled = POOLED.has(org.plan);
  if (org.myRole === "OWNER") {
    return pooled
      ? "The plan, the credit pool, top-ups, invoices and billing details."
      : "The plan, and upgrading to Team for one shared credit pool.";
  }
  return pooled
    ? "The plan and the credit pool. Only the owner changes the plan or buys top-ups."
    : "The plan. Only the owner can upgrade the org.";
}

/** What a new org needs next: people, and (for the owner) a plan with a pool. Nothing once done. */
function NextSteps({ org }: { org: Org }) {
  const invite = canManageTeam(org.myRole) && org.seats === 1;
  const upgrade = org.myRole === "OWNER" && !POOLED.has(org.plan);
  if (!invite && !upgrade) return null;
  return (
    <section className="callout callout--neutral" aria-labelledby="next-steps-title">
      <h2 id="next-steps-title" className="callout__title">
        Next steps
      </h2>
      <ul>
        {invite && (
          <li>
            <Link to={`${teamPath(org.id)}#invitations`}>Invite your team</Link>: each accepted member is a seat.
          </li>
        )}
        {upgrade && (
          <li>
            <Link to={billingPath(org.id)}>Upgrade to Team</Link> for one credit pool the whole org spends from, with caps per member and
            Space.
          </li>
        )}
      </ul>
    </section>
  );
}
