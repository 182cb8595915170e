import { useQuery } from "@apollo/client/react";
import { Link, useParams } from "react-router";
import { describeError } from "../apollo/error-message";
import { INLINE_ERRORS } from "../apollo/error.link";
import { PoolGauge } from "../billing/pool-gauge.component";
import { formatInvoiceMoney } from "../billing/pricing";
import { PageError, PageLoading, PageTitle } from "../components/page-state.component";
import { Time } from "../components/time.component";
import { graphql } from "../gql";
import type { SupportOrgQuery } from "../gql/graphql";
import { PlanBadge } from "../orgs/plan-badge.component";
import { SeatStats } from "../orgs/seat-stats.component";
import { ROUTES, supportPath } from "../routes";
import { GrantCreditsForm } from "../support/grant-credits.form";
import { AuditLogSection } from "../team/audit-log.section";
import { RoleBadge } from "../team/role-badge.component";
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
        id
        role
        joinedAt
        user {
          id
          name
          email
        }
      }
      invoices {
        id
        number
        status
        currency
        amountDue
        amountPaid
        createdAt
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

type SupportOrg = NonNullable<SupportOrgQuery["org"]>;

/** What support staff see of any org: read-only, but for granting or removing credits. */
export default function SupportOrgPage() {
  const { orgId = "" } = useParams();
  const { data, loading, error, refetch } = useQuery(SupportOrgQueryDoc, { variables: { orgId }, context: INLINE_ERRORS });
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

      <section className="card section" aria-labelledby="pool-title" id="pool">
        <header className="section__header">
          <h2 id="pool-title" className="card__title">
            Credit pool
          </h2>
        </header>
        {org.pool ? (
          <PoolGauge pool={org.pool} thresholdPercent={org.softAlertThresholdPercent} />
        ) : (
          <p className="muted">No shared pool: the org is not on Team or Enterprise.</p>
        )}
      </section>

      <GrantCreditsForm orgId={org.id} onGranted={() => void refetch()} />

      <UsageBreakdown
        id="usage-by-member"
        title="Usage this period by member"
        column="Member"
        rows={org.usage.byMember.map((m) => ({ key: m.memberId, label: m.name, credits: m.credits, calls: m.calls }))}
      />
      <MembersSection members={org.members} />
      <InvoicesSection invoices={org.invoices} />
      <AuditLogSection orgId={org.id} />
    </div>
  );
}

function MembersSection({ members }: { members: SupportOrg["members"] }) {
  return (
    <section className="card section" aria-labelledby="members-title" id="members">
      <header className="section__header">
        <h2 id="members-title" className="card__title">
          Members
        </h2>
      </header>
      <table className="table table--stack" aria-labelledby="members-title">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Email</th>
            <th scope="col">Role</th>
            <th scope="col">Joined</th>
          </tr>
        </thead>
        <tbody>
          {members.map((m) => (
            <tr key={m.id}>
              <th scope="row" className="cell--wrap">
                {m.user.name}
              </th>
              <td className="cell--wrap" data-label="Email">
                {m.user.email}
              </td>
              <td data-label="Role">
                <RoleBadge role={m.role} />
              </td>
              <td data-label="Joined">
                <Time value={m.joinedAt} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function InvoicesSection({ invoices }: { invoices: SupportOrg["invoices"] }) {
  return (
    <section className="card section" aria-labelledby="invoices-title" id="invoices">
      <header className="section__header">
        <h2 id="invoices-title" className="card__title">
          Invoices
        </h2>
      </header>
      {invoices.length === 0 ? (
        <p className="muted">No invoices yet.</p>
      ) : (
        <table className="table table--stack" aria-labelledby="invoices-title">
          <thead>
            <tr>
              <th scope="col">Invoice</th>
              <th scope="col">Date</th>
              <th scope="col">Status</th>
              <th scope="col" className="cell--number">
                Due
              </th>
              <th scope="col" className="cell--number">
                Paid
              </th>
            </tr>
          </thead>
          <tbody>
            {invoices.map((invoice) => (
              <tr key={invoice.id}>
                <th scope="row" className="mono">
                  {invoice.number ?? invoice.id}
                </th>
                <td data-label="Date">
                  <Time value={invoice.createdAt} />
                </td>
                <td data-label="Status">{invoice.status.replace(/_/g, " ")}</td>
                <td className="cell--number" data-label="Due">
                  {formatInvoiceMoney(invoice.amountDue, invoice.currency)}
                </td>
                <td className="cell--number" data-label="Paid">
                  {formatInvoiceMoney(invoice.amountPaid, invoice.currency)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
