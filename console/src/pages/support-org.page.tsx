import { useLazyQuery, useQuery } from "@apollo/client/react";
import { Link, useParams } from "react-router";
import { describeError } from "../apollo/error-message";
import { PAGE_CODES } from "../apollo/error.link";
import { InvoicesSection } from "../billing/invoices.section";
import { PoolSection } from "../billing/pool.section";
import { usePoolAlertPercents } from "../team/usage-alerts.query";
import { PageError, PageLoading, PageTitle } from "../components/page-state.component";
import { graphql } from "../gql";
import { PlanBadge } from "../orgs/plan-badge.component";
import { SeatStats } from "../orgs/seat-stats.component";
import { ROUTES, supportPath } from "../routes";
import { AdjustCreditsForm } from "../support/adjust-credits.form";
import { RecentAdjustmentsSection } from "../support/recent-adjustments.section";
import { AuditLogSection } from "../team/audit-log.section";
import { MembersTable } from "../team/members-table.component";
import { UsageBreakdown } from "../usage/usage-breakdown.component";

const SupportOrgQueryDoc = graphql(`
  query SupportOrg($orgId: ID!) {
    org(id: $orgId) {
      id
      name
      plan
      seats
      billingInterval
      softAlertThresholdPercent
      pool {
        ...PoolFields
      }
      members {
        ...TeamMember
      }
      usage {
        from
        to
        totalCredits
        calls
        byMember {
          memberId
          name
          credits
          calls
        }
      }
    }
  }
`);

const SupportLedgerCheckQuery = graphql(`
  query SupportLedgerCheck($orgId: ID!) {
    supportLedgerCheck(orgId: $orgId) {
      orgId
      checkedAt
      ok
      problems
    }
  }
`);

/**
 * "Check the books": the server recomputes the org's buckets, holds, cap counters and
 * members' personal balances from the ledger and the usage events. Run on request
 * only (it reads the org's whole history), always from the server, never the cache.
 */
export function LedgerCheckSection({ orgId }: { orgId: string }) {
  const [runCheck, { data, loading, error }] = useLazyQuery(SupportLedgerCheckQuery, { fetchPolicy: "network-only" });
  const result = data?.supportLedgerCheck;
  const onCheck = () => {
    // The outcome (or the error) shows below from the hook's state.
    runCheck({ variables: { orgId }, context: { handles: PAGE_CODES } }).catch(() => {});
  };
  return (
    <section className="card section" aria-labelledby="ledger-check-title" id="ledger-check">
      <header className="section__header">
        <h2 id="ledger-check-title" className="card__title">
          The books
        </h2>
        <p className="card__lead">
          Recomputes the pool's buckets, its reservations, this period's cap counters and the members' personal balances from the ledger and
          the usage events, and compares them with what is stored.
        </p>
      </header>
      <button type="button" className="button" onClick={onCheck} disabled={loading}>
        {loading ? "Checking…" : "Check the books"}
      </button>
      {!loading && error && (
        <div className="callout callout--danger" role="alert">
          <p className="callout__title">The check could not run</p>
          <p>{describeError(error).message}</p>
        </div>
      )}
      {!loading && !error && result?.ok && (
        <div className="callout callout--success" role="status">
          <p className="callout__title">The books balance.</p>
          <p>Checked {new Date(result.checkedAt).toLocaleString()}: every balance and counter adds up.</p>
        </div>
      )}
      {!loading && !error && result && !result.ok && (
        <div className="callout callout--danger" role="status">
          <p className="callout__title">
            {result.problems.length === 1 ? "1 thing does not add up" : `${result.problems.length} things do not add up`}
          </p>
          <ul aria-label="Problems found">
            {result.problems.map((problem) => (
              <li key={problem}>{problem}</li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}

/**
 * What support staff see of any org: read-only, but for adjusting the pool's
 * credits (and reversing an adjustment). The sections are the ones members see, without their controls
 * (staff have no `myRole`); invoices and the audit log load on their own.
 */
export default function SupportOrgPage() {
  const { orgId = "" } = useParams();
  const { data, loading, error, refetch } = useQuery(SupportOrgQueryDoc, { variables: { orgId }, context: { handles: PAGE_CODES } });
  // Staff read the org's alerts too: the gauge ticks each pool alert.
  const alertPercents = usePoolAlertPercents(orgId, Boolean(data?.org?.pool));
  if (loading && !data) return <PageLoading label="Loading the org…" />;
  if (error && !data) {
    const { code, message } = describeError(error);
    if (code === "NOT_FOUND") return <PageError title="Org not found" message="No org has this id." />;
    return <PageError title="We couldn't load this org" message={message} onRetry={() => void refetch()} />;
  }
  const org = data?.org;
  if (!org) return <PageError title="Org not found" message="No org has this id." />;

  return (
    <div className="page">
      <PageTitle>{`${ROUTES.supportOrg.title} · ${org.name}`}</PageTitle>
      <header className="page__header page__header--stacked">
        <nav aria-label="Breadcrumb" className="breadcrumb">
          <Link to={supportPath()}>Support</Link>
        </nav>
        <div className="page__title-row">
          <h1 className="page__title">{org.name}</h1>
          <PlanBadge plan={org.plan} />
        </div>
        <p className="muted page__lead">
          Read-only view for support. Org id <code className="mono">{org.id}</code>
        </p>
      </header>

      <dl className="stats usage-stats">
        <SeatStats seats={org.seats} billingInterval={org.billingInterval} />
        <div className="stat">
          <dt>Credits this period</dt>
          <dd>{org.usage.totalCredits.toLocaleString()}</dd>
        </div>
      </dl>

      <PoolSection pool={org.pool} thresholdPercent={org.softAlertThresholdPercent} alertPercents={alertPercents} />

      {org.pool ? (
        <>
          <AdjustCreditsForm orgId={org.id} orgName={org.name} pool={org.pool} onAdjusted={() => void refetch()} />
          <RecentAdjustmentsSection orgId={org.id} onChanged={() => void refetch()} />
        </>
      ) : (
        <p className="card section muted">This org has no credit pool (it is not on Team or Enterprise): there are no credits to adjust.</p>
      )}

      <LedgerCheckSection orgId={org.id} />

      <UsageBreakdown
        id="usage-by-member"
        title="Usage this period by member"
        column="Member"
        rows={org.usage.byMember.map((m) => ({ key: m.memberId, label: m.name, credits: m.credits, calls: m.calls }))}
      />
      <section className="card section" aria-labelledby="members-title" id="members">
        <header className="section__header">
          <h2 id="members-title" className="card__title">
            Members
          </h2>
        </header>
        <MembersTable org={org} members={org.members} myRole={null} myUserId={undefined} />
      </section>
      <InvoicesSection orgId={org.id} canRefresh={false} />
      <AuditLogSection key={org.id} orgId={org.id} />
    </div>
  );
}
