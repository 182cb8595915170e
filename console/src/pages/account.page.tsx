import { useQuery } from "@apollo/client/react";
import { useCallback, useState } from "react";
import { useSearchParams } from "react-router";
import { describeError } from "../apollo/error-message";
import { PAGE_CODES } from "../apollo/error.link";
import { AccountDetailsSection } from "../account/account-details.section";
import { arrivalOf, CheckoutReturnBanner } from "../account/checkout-return.banner";
import { ChoosePlanSection } from "../account/choose-plan.section";
import { PersonalCreditOrgsSection } from "../account/personal-credit-orgs.section";
import { isPaidPersonal, PersonalPlanSection } from "../account/personal-plan.section";
import { PageError, PageLoading, PageTitle } from "../components/page-state.component";
import { graphql } from "../gql";
import { ROUTES } from "../routes";

const AccountQuery = graphql(`
  query Account {
    me {
      ...SessionUser
      ...PersonalAccount
    }
  }
`);

/**
 * "Your account": the personal plan (buy Starter or Pro, see the credits, cancel), the
 * orgs those credits pay in, and the account's basics. Personal checkout returns here.
 */
export default function AccountPage() {
  const [search] = useSearchParams();
  // Back from a paid checkout: the plan is asked for once the completion has answered, which
  // could otherwise overtake it with the plan from before.
  const [completing, setCompleting] = useState(() => arrivalOf(search)?.kind === "success");
  const settled = useCallback(() => setCompleting(false), []);
  // The balance moves with every call: ask again each visit.
  const { data, error, refetch } = useQuery(AccountQuery, {
    context: { handles: PAGE_CODES },
    fetchPolicy: "cache-and-network",
    skip: completing,
  });
  const me = data?.me;

  return (
    <div className="page account">
      <PageTitle>{ROUTES.account.title}</PageTitle>
      <header className="page__header">
        <h1 className="page__title">Your account</h1>
      </header>
      {/* Before the data: the return from Stripe is announced even while the page loads. */}
      <CheckoutReturnBanner onSettled={settled} />
      {me ? (
        <>
          <PersonalPlanSection user={me} />
          {!me.personalSubscription && !isPaidPersonal(me.plan) && <ChoosePlanSection />}
          <PersonalCreditOrgsSection userId={me.id} />
          <AccountDetailsSection user={me} />
        </>
      ) : error ? (
        <PageError title="We couldn't load your account" message={describeError(error).message} onRetry={() => void refetch()} />
      ) : (
        !completing && <PageLoading label="Loading your account…" />
      )}
    </div>
  );
}
