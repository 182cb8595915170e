import { useMutation } from "@apollo/client/react";
import { type ReactNode, useEffect, useRef, useState } from "react";
import { type DescribedError, describeError } from "../apollo/error-message";
import { FORM_CODES } from "../apollo/error.link";
import { useAddressAnnouncement } from "../components/address-announcement.hook";
import { PageLoading } from "../components/page-state.component";
import { Time } from "../components/time.component";
import { graphql } from "../gql";
import type { PersonalAccountFragment } from "../gql/graphql";
import { PLAN_LABELS } from "../orgs/plan-badge.component";

// The same sync the webhook runs: asking twice never grants twice. Answers the user
// with the header's and this page's fields, so both show the new plan at once.
const CompletePersonalCheckoutMutation = graphql(`
  mutation CompletePersonalCheckout($sessionId: ID!) {
    completePersonalCheckout(sessionId: $sessionId) {
      ...SessionUser
      ...PersonalAccount
    }
  }
`);

type Arrival = { kind: "success"; sessionId: string } | { kind: "cancelled" } | null;

export function arrivalOf(search: URLSearchParams): Arrival {
  const checkout = search.get("checkout");
  const sessionId = search.get("session_id");
  if (checkout === "success" && sessionId) return { kind: "success", sessionId };
  if (checkout === "cancelled") return { kind: "cancelled" };
  return null;
}

/**
 * Where Stripe's personal checkout comes back (`?checkout=success&session_id=…` or
 * `?checkout=cancelled`): completes a paid checkout and says so once. The query is
 * dropped from the address at once, so a reload or a bookmark does not announce it again.
 * `onSettled`: the completion has answered (either way), so the page may ask for the plan.
 */
export function CheckoutReturnBanner({ onSettled }: { onSettled: () => void }) {
  const [arrival, setArrival] = useAddressAnnouncement<Arrival>(arrivalOf, (a) => a !== null);

  const dismiss = () => setArrival(null);
  if (arrival?.kind === "success") return <CompleteCheckout sessionId={arrival.sessionId} onDismiss={dismiss} onSettled={onSettled} />;
  if (arrival?.kind === "cancelled") {
    return (
      <Banner tone="neutral" title="Checkout cancelled" onDismiss={dismiss}>
        Nothing was charged, and your plan is as it was.
      </Banner>
    );
  }
  return null;
}

function CompleteCheckout({ sessionId, onDismiss, onSettled }: { sessionId: string; onDismiss: () => void; onSettled: () => void }) {
  const [complete] = useMutation(CompletePersonalCheckoutMutation, { context: { handles: FORM_CODES } });
  const [attempt, setAttempt] = useState(0);
  const [user, setUser] = useState<PersonalAccountFragment | null>(null);
  const [problem, setProblem] = useState<DescribedError | null>(null);
  // StrictMode runs effects twice in development; each attempt asks once.
  const asked = useRef(-1);

  useEffect(() => {
    if (asked.current === attempt) return;
    asked.current = attempt;
    setProblem(null);
    complete({ variables: { sessionId } })
      .then(
        ({ data }) => setUser(data?.completePersonalCheckout ?? null),
        (error: unknown) => setProblem(describeError(error)),
      )
      .finally(onSettled);
  }, [attempt, sessionId, complete, onSettled]);

  const retry = () => setAttempt((n) => n + 1);
  if (user) return <PaidBanner user={user} onDismiss={onDismiss} />;
  if (!problem) return <PageLoading label="Confirming your payment with Stripe…" />;
  if (problem.code === "CONFLICT") {
    return (
      <Banner tone="warning" title="Your payment hasn't gone through yet" onDismiss={onDismiss} onRetry={retry} retryLabel="Check again">
        Stripe hasn't confirmed this checkout as paid. If you just paid, wait a moment and check again; if you left the payment page,
        nothing was charged.
      </Banner>
    );
  }
  if (problem.code === "NOT_FOUND") {
    return (
      <Banner tone="danger" title="We couldn't find this checkout" onDismiss={onDismiss}>
        It may have been started from another account. Sign in as the person who paid to see their plan.
      </Banner>
    );
  }
  return (
    <Banner tone="danger" title="We couldn't finish your checkout" onDismiss={onDismiss} onRetry={retry}>
      {problem.message} Trying again never charges twice.
    </Banner>
  );
}

function PaidBanner({ user, onDismiss }: { user: PersonalAccountFragment; onDismiss: () => void }) {
  const sub = user.personalSubscription;
  return (
    <Banner tone="success" title={`You're on ${PLAN_LABELS[user.plan]}`} onDismiss={onDismiss}>
      You have {user.creditBalance.toLocaleString()} credits to spend in orgs on personal plans.
      {sub && (
        <>
          {" "}
          They refill on <Time value={sub.currentPeriodEnd} />.
        </>
      )}
    </Banner>
  );
}

/** A callout that takes focus on arrival, so keyboard and screen-reader users hear it first. */
function Banner({
  tone,
  title,
  children,
  onDismiss,
  onRetry,
  retryLabel = "Try again",
}: {
  tone: "success" | "neutral" | "warning" | "danger";
  title: string;
  children: ReactNode;
  onDismiss: () => void;
  onRetry?: () => void;
  retryLabel?: string;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: each new title is a new announcement.
  useEffect(() => heading.current?.focus(), [title]);
  return (
    <section className={`callout callout--${tone} banner`} aria-labelledby="account-checkout-title">
      <div className="banner__text">
        <h2 id="account-checkout-title" className="callout__title" ref={heading} tabIndex={-1}>
          {title}
        </h2>
        <p>{children}</p>
      </div>
      <div className="row-actions">
        {onRetry && (
          <button type="button" className="button button--small button--primary" onClick={onRetry}>
            {retryLabel}
          </button>
        )}
        <button type="button" className="button button--small banner__dismiss" onClick={onDismiss}>
          Dismiss
        </button>
      </div>
    </section>
  );
}
