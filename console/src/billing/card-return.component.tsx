import { useMutation } from "@apollo/client/react";
import { useEffect, useRef, useState } from "react";
import { describeError } from "../apollo/error-message";
import { FORM_CODES } from "../apollo/error.link";
import { graphql } from "../gql";
import { cardLabel } from "./card-label";

const CompletePaymentMethodUpdateMutation = graphql(`
  mutation CompletePaymentMethodUpdate($orgId: ID!, $sessionId: ID!) {
    completePaymentMethodUpdate(orgId: $orgId, sessionId: $sessionId) {
      id
      paymentMethod {
        ...PaymentMethodFields
      }
    }
  }
`);

/** Where Stripe's card page sent the browser back: `?card=saved&session_id=…` or `?card=cancelled`. */
export type CardReturn = { saved: string } | "cancelled";

export function cardReturn(search: URLSearchParams): CardReturn | null {
  const sessionId = search.get("session_id");
  if (search.get("card") === "saved" && sessionId) return { saved: sessionId };
  if (search.get("card") === "cancelled") return "cancelled";
  return null;
}

/**
 * Back from Stripe's card page: makes the saved card the default (the webhook does the
 * same; asking twice changes nothing) and says which card it is now.
 */
export function CardReturnBanner({ orgId, back, onDismiss }: { orgId: string; back: CardReturn; onDismiss: () => void }) {
  const [complete, { data, error, loading }] = useMutation(CompletePaymentMethodUpdateMutation, { context: { handles: FORM_CODES } });
  const [attempt, setAttempt] = useState(0);
  // StrictMode runs effects twice in development; each attempt asks once.
  const asked = useRef(-1);
  const sessionId = back === "cancelled" ? null : back.saved;

  useEffect(() => {
    if (!sessionId || asked.current === attempt) return;
    asked.current = attempt;
    complete({ variables: { orgId, sessionId } }).catch(() => undefined); // shown from `error`
  }, [attempt, complete, orgId, sessionId]);

  const card = data?.completePaymentMethodUpdate.paymentMethod;
  const { heading, tone, body } =
    back === "cancelled"
      ? { heading: "Card not changed", tone: "neutral", body: "You left Stripe's page; the card on file still pays the invoices." }
      : error
        ? {
            heading: "We couldn't confirm the new card",
            tone: "warning",
            body: `${describeError(error).message} Trying again never saves it twice.`,
          }
        : card
          ? { heading: "Card saved", tone: "success", body: `${cardLabel(card)} now pays this org's invoices.` }
          : { heading: "Saving your card…", tone: "neutral", body: "Confirming the new card with Stripe." };
  return (
    <section className={`callout callout--${tone} banner`} aria-labelledby="card-return-title">
      <div className="banner__text">
        <h2 id="card-return-title" className="callout__title">
          {heading}
        </h2>
        <p role="status">{body}</p>
      </div>
      {error && (
        <button type="button" className="button button--small" onClick={() => setAttempt((n) => n + 1)} disabled={loading}>
          Try again
        </button>
      )}
      <button type="button" className="button button--small banner__dismiss" onClick={onDismiss}>
        Dismiss
      </button>
    </section>
  );
}
