import { Link } from "react-router";
import { Time } from "../components/time.component";
import { graphql } from "../gql";
import type { BillingOrgFragment, SubscriptionFieldsFragment } from "../gql/graphql";
import { PLAN_LABELS, PlanBadge } from "../orgs/plan-badge.component";
import { ROUTES } from "../routes";
import { WithCatalog } from "./catalog.hook";
import { formatMoney } from "../format/money";
import { seatsLabel, teamQuote } from "./pricing";

export const SubscriptionFields = graphql(`
  fragment SubscriptionFields on Subscription {
    status
    interval
    currentPeriodEnd
    cancelAtPeriodEnd
    pendingPlan
  }
`);

// Stripe's subscription statuses, in words; unknown ones pass through readable.
const STATUS: Record<string, { label: string; tone: "good" | "bad" | "neutral" }> = {
  active: { label: "Active", tone: "good" },
  trialing: { label: "Trial", tone: "good" },
  past_due: { label: "Payment overdue", tone: "bad" },
  unpaid: { label: "Unpaid", tone: "bad" },
  incomplete: { label: "Awaiting payment", tone: "neutral" },
  incomplete_expired: { label: "Expired before payment", tone: "bad" },
  canceled: { label: "Cancelled", tone: "neutral" },
  paused: { label: "Paused", tone: "neutral" },
};

function statusOf(status: string) {
  return STATUS[status] ?? { label: status.replace(/_/g, " "), tone: "neutral" as const };
}

const INTERVAL_WORDS = { MONTHLY: { adjective: "Monthly", per: "a month" }, YEARLY: { adjective: "Yearly", per: "a year" } } as const;

/** The org's plan, and on Team its subscription: status, interval, price, renewal. */
export function PlanSection({ org }: { org: BillingOrgFragment }) {
  return (
    <section className="card section" aria-labelledby="plan-title" id="plan">
      <header className="section__header section__header--row">
        <h2 id="plan-title" className="card__title">
          Plan
        </h2>
        <span className="muted">
          {seatsLabel(org.seats)} <span className="hint">· accepted members, the owner included</span>
        </span>
      </header>
      <PlanBody org={org} />
    </section>
  );
}

function PlanBody({ org }: { org: BillingOrgFragment }) {
  if (org.plan === "ENTERPRISE") {
    return (
      <p>
        <PlanBadge plan="ENTERPRISE" /> Custom monthly credits and terms, set up with our team. The pool below shows what is left this
        period.
      </p>
    );
  }
  if (org.plan !== "TEAM") {
    return (
      <p>
        <PlanBadge plan={org.plan} /> {org.name} uses its owner's personal plan. Each member spends the credits of their own plan; members
        without a paid plan can't spend here. <Link to={ROUTES.account.path}>Your personal plan</Link>
      </p>
    );
  }
  const sub = org.subscription;
  if (!sub) {
    return (
      <p>
        <PlanBadge plan="TEAM" /> No Stripe subscription is on file for this org; its Team pool was set up by support.
      </p>
    );
  }
  const status = statusOf(sub.status);
  return (
    <dl className="facts">
      <div className="fact">
        <dt>Plan</dt>
        <dd>
          <PlanBadge plan="TEAM" /> {INTERVAL_WORDS[sub.interval].adjective}
        </dd>
      </div>
      <div className="fact">
        <dt>Status</dt>
        <dd>
          <span className={`status status--${status.tone}`}>{status.label}</span>
        </dd>
      </div>
      <div className="fact">
        <dt>Price</dt>
        <dd>
          <WithCatalog inline>
            {(catalog) => (
              <>
                {formatMoney(teamQuote(sub.interval, org.seats, catalog).totalCents, catalog.currency)} {INTERVAL_WORDS[sub.interval].per}
                <span className="fact__note">for {seatsLabel(org.seats)}, before tax</span>
              </>
            )}
          </WithCatalog>
        </dd>
      </div>
      <div className="fact">
        <dt>{renewalLabel(sub)}</dt>
        <dd>
          <Time value={sub.currentPeriodEnd} />
        </dd>
      </div>
    </dl>
  );
}

function renewalLabel(sub: SubscriptionFieldsFragment): string {
  // A cancellation (cancelAtPeriodEnd) names the owner's personal plan that follows; a Switch to Pro names Pro.
  if (sub.cancelAtPeriodEnd) return sub.pendingPlan ? `Ends, then ${PLAN_LABELS[sub.pendingPlan]}, on` : "Ends on";
  if (sub.pendingPlan) return `Moves to ${PLAN_LABELS[sub.pendingPlan]} on`;
  return "Renews on";
}
