import { useQuery } from "@apollo/client/react";
import { describeError } from "../apollo/error-message";
import { FORM_CODES, PAGE_CODES } from "../apollo/error.link";
import { useFormMutation } from "../apollo/form-mutation.hook";
import { FormError } from "../components/form-field.component";
import { InlineLoadError } from "../components/page-state.component";
import { graphql } from "../gql";
import { cardLabel, expiryLabel } from "./card-label";
import { leaveForCheckout, useLeavingForCheckout } from "./leave-for-checkout";
import { OwnerContact } from "./owner-contact.component";

/** What the console shows of a card: the payment-method section and the return from Stripe's card page. */
export const PaymentMethodFields = graphql(`
  fragment PaymentMethodFields on PaymentMethod {
    brand
    last4
    expMonth
    expYear
  }
`);

export const OrgPaymentMethodQuery = graphql(`
  query OrgPaymentMethod($orgId: ID!) {
    org(id: $orgId) {
      id
      paymentMethod {
        ...PaymentMethodFields
      }
    }
  }
`);

const StartPaymentMethodUpdateMutation = graphql(`
  mutation StartPaymentMethodUpdate($orgId: ID!) {
    startPaymentMethodUpdate(orgId: $orgId) {
      id
      url
    }
  }
`);

/**
 * The card that pays the invoices (OWNER and ADMIN see it). The OWNER replaces it on
 * Stripe's page, which comes back to Billing; everyone else is told who can.
 */
export function PaymentMethodSection({ orgId, canReplace }: { orgId: string; canReplace: boolean }) {
  const { data, loading, error, refetch } = useQuery(OrgPaymentMethodQuery, { variables: { orgId }, context: { handles: PAGE_CODES } });
  // No subscription yet is said here, in this section's words, instead of as a notification.
  const {
    runDetailed: start,
    formError: problem,
    fail,
    loading: starting,
  } = useFormMutation(StartPaymentMethodUpdateMutation, { handles: [...FORM_CODES, "BILLING_PLAN_REQUIRED"] });
  const [leaving, setLeaving] = useLeavingForCheckout();
  const card = data?.org?.paymentMethod;

  const onReplace = async () => {
    const { data: answer, error: failure } = await start({ orgId });
    if (failure?.code === "BILLING_PLAN_REQUIRED")
      fail("There's no subscription to pay for yet: the card is saved when you upgrade to Team.");
    if (!answer) return;
    const refused = leaveForCheckout(answer.startPaymentMethodUpdate, null);
    if (refused) fail(refused);
    else setLeaving(true);
  };

  return (
    <section className="card section" aria-labelledby="payment-method-title" id="payment-method">
      <header className="section__header section__header--row">
        <h2 id="payment-method-title" className="card__title">
          Payment method
        </h2>
        {canReplace && data && (
          <button type="button" className="button button--small" onClick={() => void onReplace()} disabled={starting || leaving}>
            {starting || leaving ? "Opening Stripe…" : card ? "Replace card" : "Add a card"}
          </button>
        )}
      </header>
      {data ? (
        card ? (
          <p className="payment-method">
            <strong>{cardLabel(card)}</strong> <span className="muted">· expires {expiryLabel(card)}</span>
          </p>
        ) : (
          <p className="muted">No card on file at Stripe, or Stripe didn't answer just now.</p>
        )
      ) : loading ? (
        <p className="muted" role="status">
          Loading the card…
        </p>
      ) : (
        error && <InlineLoadError what="the card" message={describeError(error).message} onRetry={() => void refetch()} />
      )}
      {canReplace ? (
        data && <p className="field__hint">Stripe's secure page saves the new card; it pays every invoice from then on.</p>
      ) : (
        <OwnerContact orgId={orgId} doing="replace the card" />
      )}
      <FormError message={problem} />
    </section>
  );
}
