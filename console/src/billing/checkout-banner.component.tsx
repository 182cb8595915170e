import { useEffect, useRef } from "react";
import { Time } from "../components/time.component";
import type { BillingOrgFragment } from "../gql/graphql";
import type { BillingOutcome } from "../routes";

/**
 * What checkout just did, shown once on arrival from the return page (the page then drops
 * it from the address, so a reload or a bookmark does not announce it again). Focus moves
 * to it so keyboard and screen-reader users hear it first. `credits`: the top-up's, when
 * this tab started it.
 */
export function CheckoutBanner({
  outcome,
  org,
  credits,
  onDismiss,
}: {
  outcome: BillingOutcome;
  org: BillingOrgFragment;
  credits?: number;
  onDismiss: () => void;
}) {
  const title = useRef<HTMLHeadingElement>(null);
  useEffect(() => title.current?.focus(), []);
  const { heading, tone, body } = content(outcome, org, credits);
  return (
    <section className={`callout callout--${tone} banner`} aria-labelledby="checkout-banner-title">
      <div className="banner__text">
        <h2 id="checkout-banner-title" className="callout__title" ref={title} tabIndex={-1}>
          {heading}
        </h2>
        <p>{body}</p>
      </div>
      <button type="button" className="button button--small banner__dismiss" onClick={onDismiss}>
        Dismiss
      </button>
    </section>
  );
}

function content(outcome: BillingOutcome, org: BillingOrgFragment, credits?: number) {
  const pool = org.pool;
  switch (outcome) {
    case "upgraded":
      return {
        heading: "You're on Team",
        tone: "success",
        body: pool ? (
          <>
            {org.name} now has one pool of {pool.monthlyAllotment.toLocaleString()} credits a month that every member spends from. It resets
            on <Time value={pool.periodEnd} />.
          </>
        ) : (
          <>{org.name} is on Team. The pool appears here once Stripe confirms the subscription.</>
        ),
      };
    case "topped-up":
      return {
        heading: credits ? `${credits.toLocaleString()} credits added` : "Credits added",
        tone: "success",
        body: pool ? (
          <>
            The pool now has {pool.totalRemaining.toLocaleString()} credits, {pool.topUpRemaining.toLocaleString()} of them from top-ups,
            which never expire.
          </>
        ) : (
          <>Your top-up is paid.</>
        ),
      };
    case "paid":
      return {
        heading: "Payment received",
        tone: "success",
        body: <>Stripe confirmed the payment. The plan, the pool and the invoices below include it.</>,
      };
    case "cancelled":
      return { heading: "Checkout cancelled", tone: "neutral", body: <>Nothing was charged, and the plan is as it was.</> };
  }
}
