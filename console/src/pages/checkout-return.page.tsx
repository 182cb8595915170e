import { useMutation } from "@apollo/client/react";
import { useEffect, useRef, useState } from "react";
import { Link, Navigate, useNavigate, useSearchParams } from "react-router";
import { type DescribedError, describeError } from "../apollo/error-message";
import { FORM_CODES } from "../apollo/error.link";
import { forgetCheckout, recallCheckout } from "../billing/checkout-memory";
import { PageLoading, PageTitle } from "../components/page-state.component";
import { graphql } from "../gql";
import { type BillingOutcome, billingPath, ROUTES } from "../routes";

// Idempotent on the server (the same sync the webhook runs): asking twice never
// credits twice. Answers the org with the billing page's fields.
const CompleteCheckoutMutation = graphql(`
  mutation CompleteCheckout($sessionId: ID!) {
    completeCheckout(sessionId: $sessionId) {
      ...BillingOrg
    }
  }
`);

/**
 * Where Stripe sends the browser back: `?checkout=success&session_id=…` or
 * `?checkout=cancelled&org=…`. Completes a paid checkout, then goes on to the
 * org's billing page, which says what happened.
 */
export default function CheckoutReturnPage() {
  const [search] = useSearchParams();
  const checkout = search.get("checkout");
  const sessionId = search.get("session_id");
  const orgId = search.get("org");

  if (checkout === "cancelled" && orgId) return <Navigate to={billingPath(orgId, "cancelled")} replace />;
  if (checkout === "success" && sessionId) return <CompleteCheckout key={sessionId} sessionId={sessionId} />;
  return (
    <ReturnProblem
      title={checkout === "cancelled" ? "Checkout cancelled" : "This checkout link is incomplete"}
      message={
        checkout === "cancelled"
          ? "Nothing was charged. Open Billing from your org to try again."
          : "It is missing what Stripe adds when it sends you back. If you paid, the payment is safe: open Billing from your org to see it."
      }
    />
  );
}

function CompleteCheckout({ sessionId }: { sessionId: string }) {
  const navigate = useNavigate();
  const [complete] = useMutation(CompleteCheckoutMutation, { context: { handles: FORM_CODES } });
  const [attempt, setAttempt] = useState(0);
  const [problem, setProblem] = useState<DescribedError | null>(null);
  // StrictMode runs effects twice in development; each attempt asks once.
  const asked = useRef(-1);
  const started = recallCheckout(sessionId);

  useEffect(() => {
    if (asked.current === attempt) return;
    asked.current = attempt;
    setProblem(null);
    complete({ variables: { sessionId } }).then(
      ({ data }) => {
        const org = data?.completeCheckout;
        if (!org) return;
        forgetCheckout(sessionId);
        const outcome: BillingOutcome = started?.kind === "TEAM" ? "upgraded" : started?.kind === "TOP_UP" ? "topped-up" : "paid";
        navigate(billingPath(org.id, outcome), { replace: true });
      },
      (error: unknown) => setProblem(describeError(error)),
    );
  }, [attempt, sessionId, complete, navigate, started?.kind]);

  if (!problem) {
    return (
      <div className="page">
        <PageTitle>{ROUTES.checkoutReturn.title}</PageTitle>
        <PageLoading label="Confirming your payment with Stripe…" />
      </div>
    );
  }

  const back = started ? billingPath(started.orgId) : ROUTES.home.path;
  const backLabel = started ? "Back to Billing" : "Go to your orgs";
  const retry = () => setAttempt((n) => n + 1);
  switch (problem.code) {
    case "CONFLICT":
      return (
        <ReturnProblem
          title="Your payment hasn't gone through yet"
          message="Stripe hasn't confirmed this checkout as paid. If you just paid, wait a moment and check again; if you left the payment page, nothing was charged."
          onRetry={retry}
          retryLabel="Check again"
          back={back}
          backLabel={backLabel}
        />
      );
    case "NOT_FOUND":
      return (
        <ReturnProblem
          title="We couldn't find this checkout"
          message="It may have been started from another account. Sign in as the person who paid, or open Billing from your org to see its plan and pool."
          back={back}
          backLabel={backLabel}
        />
      );
    default:
      return (
        <ReturnProblem
          title="We couldn't finish your checkout"
          message={`${problem.message} Trying again never charges twice.`}
          onRetry={retry}
          back={back}
          backLabel={backLabel}
        />
      );
  }
}

function ReturnProblem({
  title,
  message,
  onRetry,
  retryLabel = "Try again",
  back = ROUTES.home.path,
  backLabel = "Go to your orgs",
}: {
  title: string;
  message: string;
  onRetry?: () => void;
  retryLabel?: string;
  back?: string;
  backLabel?: string;
}) {
  return (
    <div className="page">
      <PageTitle>{title}</PageTitle>
      <div className="page-state page-state--error" role="alert">
        <h1 className="page-state__title">{title}</h1>
        <p>{message}</p>
        <div className="row-actions row-actions--start">
          {onRetry && (
            <button type="button" className="button button--primary" onClick={onRetry}>
              {retryLabel}
            </button>
          )}
          <Link className="button" to={back}>
            {backLabel}
          </Link>
        </div>
      </div>
    </div>
  );
}
