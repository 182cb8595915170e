import { useQuery } from "@apollo/client/react";
import { Link, useParams } from "react-router";
import { PAGE_CODES } from "../apollo/error.link";
import { BillingDetailsSection } from "../billing/billing-details.section";
import { useArrival } from "../billing/arrival.hook";
import { CardReturnBanner } from "../billing/card-return.component";
import { CheckoutBanner } from "../billing/checkout-banner.component";
import { CreditHistorySection } from "../billing/credit-history.section";
import { DevToolsPanel } from "../billing/dev-tools.panel";
import { DowngradeBanner, SpacesOwnerOnlyNote, SwitchToProSection } from "../billing/downgrade.section";
import { EnterpriseSection } from "../billing/enterprise.section";
import { InvoicesSection } from "../billing/invoices.section";
import { NextInvoiceSection } from "../billing/next-invoice.section";
import { OwnerContact } from "../billing/owner-contact.component";
import { PaymentMethodSection } from "../billing/payment-method.section";
import { PlanSection } from "../billing/plan.section";
import { PoolSection } from "../billing/pool.section";
import { TopUpSection } from "../billing/top-up.section";
import { UpgradeSection } from "../billing/upgrade.section";
import { OrgPageError, PageLoading, PageTitle } from "../components/page-state.component";
import { graphql } from "../gql";
import { PlanBadge } from "../orgs/plan-badge.component";
import { orgPath, ROUTES, teamPath } from "../routes";
import { RoleBadge } from "../team/role-badge.component";
import { canManageTeam } from "../team/roles";
import { usePoolAlertPercents } from "../team/usage-alerts.query";

// Everything here is readable by every member; the checkout return page asks
// for the same fields so the page opens from the cache when it lands here.
export const BillingOrgFields = graphql(`
  fragment BillingOrg on Org {
    id
    name
    plan
    seats
    myRole
    softAlertThresholdPercent
    spacesOwnerOnly
    ssoEnabled
    dpaSigned
    subscription {
      ...SubscriptionFields
    }
    pool {
      ...PoolFields
    }
  }
`);

const OrgBillingQuery = graphql(`
  query OrgBilling($orgId: ID!) {
    org(id: $orgId) {
      ...BillingOrg
    }
  }
`);

const ARTICLE = { OWNER: "the", ADMIN: "an", MEMBER: "a" } as const;

export default function BillingPage() {
  const { orgId = "" } = useParams();
  const arrival = useArrival();
  const { data, loading, error, refetch } = useQuery(OrgBillingQuery, { variables: { orgId }, context: { handles: PAGE_CODES } });
  // The pool gauge ticks every pool alert for those who may list them (OWNER and ADMIN).
  const alertPercents = usePoolAlertPercents(orgId, canManageTeam(data?.org?.myRole) && Boolean(data?.org?.pool));
  if (loading && !data) return <PageLoading label="Loading billing…" />;
  if (error && !data) return <OrgPageError error={error} what="billing" onRetry={() => void refetch()} />;
  const org = data?.org;
  if (!org) return <OrgPageError />;
  const isOwner = org.myRole === "OWNER";
  const pooled = org.plan === "TEAM" || org.plan === "ENTERPRISE";

  return (
    <div className="page">
      <PageTitle>{`${ROUTES.billing.title} · ${org.name}`}</PageTitle>
      <header className="page__header page__header--stacked">
        <nav aria-label="Breadcrumb" className="breadcrumb">
          <Link to={orgPath(org.id)}>{org.name}</Link>
        </nav>
        <div className="page__title-row">
          <h1 className="page__title">Billing</h1>
          <PlanBadge plan={org.plan} />
        </div>
        {org.myRole && !isOwner && (
          <div className="page__lead">
            <p className="muted">
              You are {ARTICLE[org.myRole]} <RoleBadge role={org.myRole} /> here. <span>Only the owner can change the plan.</span>
            </p>
            <OwnerContact orgId={org.id} doing="change the plan, the card or buy top-ups" />
          </div>
        )}
      </header>

      {arrival.outcome && (
        <CheckoutBanner
          key={arrival.outcome}
          outcome={arrival.outcome}
          org={org}
          credits={arrival.credits}
          onDismiss={arrival.dismissOutcome}
        />
      )}
      {arrival.card && isOwner && <CardReturnBanner orgId={org.id} back={arrival.card} onDismiss={arrival.dismissCard} />}

      {org.plan === "TEAM" && org.subscription?.pendingPlan && <DowngradeBanner org={org} date={org.subscription.currentPeriodEnd} />}
      {!pooled && org.spacesOwnerOnly && <SpacesOwnerOnlyNote org={org} />}

      <PlanSection org={org} />
      {org.pool && (
        <PoolSection
          pool={org.pool}
          thresholdPercent={org.softAlertThresholdPercent}
          alertPercents={alertPercents}
          lead={
            <>
              Every member spends from this one pool. Caps per member or Space and the usage alerts are in{" "}
              <Link to={teamPath(org.id)}>Team settings</Link>.
            </>
          }
        />
      )}
      {!pooled && <UpgradeSection orgId={org.id} seats={org.seats} canUpgrade={isOwner} />}
      {org.pool && <TopUpSection orgId={org.id} canBuy={isOwner} />}
      {canManageTeam(org.myRole) && (
        <>
          {org.subscription && (
            <>
              <PaymentMethodSection orgId={org.id} canReplace={isOwner} />
              <NextInvoiceSection orgId={org.id} ending={org.subscription.cancelAtPeriodEnd} />
            </>
          )}
          <InvoicesSection orgId={org.id} />
          <CreditHistorySection orgId={org.id} />
          <BillingDetailsSection orgId={org.id} canEdit={isOwner} />
        </>
      )}
      {isOwner && org.plan === "TEAM" && org.subscription && !org.subscription.pendingPlan && !org.subscription.cancelAtPeriodEnd && (
        <SwitchToProSection org={org} />
      )}
      {/* The sales offer last: below what the owner came to manage (review finding 24). */}
      <EnterpriseSection org={org} />
      <DevToolsPanel />
    </div>
  );
}
