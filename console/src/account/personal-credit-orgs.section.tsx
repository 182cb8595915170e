import { useQuery } from "@apollo/client/react";
import { Link } from "react-router";
import { describeError } from "../apollo/error-message";
import { PAGE_CODES } from "../apollo/error.link";
import { InlineLoadError } from "../components/page-state.component";
import { graphql } from "../gql";
import { PlanBadge } from "../orgs/plan-badge.component";
import { membershipPath, orgPath } from "../routes";
import { RoleBadge } from "../team/role-badge.component";

// Each org's members, to find the caller's own consent (there is no "my membership" field).
const AccountOrgsQuery = graphql(`
  query AccountOrgs {
    myOrgs {
      id
      name
      plan
      myRole
      members {
        id
        personalCreditsAllowed
        user {
          id
        }
      }
    }
  }
`);

const pooled = (plan: string) => plan === "TEAM" || plan === "ENTERPRISE";

/**
 * The orgs where the user's personal credits pay for calls (those not on Team or
 * Enterprise), and whether each org's API keys may spend them; the switch itself is in
 * Team settings → Your membership.
 */
export function PersonalCreditOrgsSection({ userId }: { userId: string }) {
  const { data, error, refetch } = useQuery(AccountOrgsQuery, { context: { handles: PAGE_CODES }, fetchPolicy: "cache-and-network" });
  const orgs = data?.myOrgs;
  const personal = orgs?.filter((org) => !pooled(org.plan)) ?? [];
  const pooledCount = (orgs?.length ?? 0) - personal.length;

  return (
    <section className="card section" aria-labelledby="credit-orgs-title" id="orgs">
      <header className="section__header">
        <h2 id="credit-orgs-title" className="card__title">
          Where your credits are spent
        </h2>
        <p className="card__lead">
          In an org on personal plans, your own calls spend your credits. Its API keys spend them only while you allow it for that org.
        </p>
      </header>
      {!orgs ? (
        error ? (
          <InlineLoadError what="your orgs" message={describeError(error).message} onRetry={() => void refetch()} />
        ) : (
          <p className="muted" role="status">
            Loading your orgs…
          </p>
        )
      ) : personal.length === 0 ? (
        <p className="muted">
          None of your orgs is on personal plans: {orgs.length > 0 ? "their pools pay for every call." : "you have no orgs yet."}
        </p>
      ) : (
        <table className="table">
          <caption className="visually-hidden">Orgs on personal plans</caption>
          <thead>
            <tr>
              <th scope="col">Org</th>
              <th scope="col">Plan</th>
              <th scope="col">You are</th>
              <th scope="col">Its API keys may spend your credits</th>
            </tr>
          </thead>
          <tbody>
            {personal.map((org) => {
              const mine = org.members.find((m) => m.user.id === userId);
              return (
                <tr key={org.id}>
                  <th scope="row">
                    <Link to={orgPath(org.id)}>{org.name}</Link>
                  </th>
                  <td>
                    <PlanBadge plan={org.plan} />
                  </td>
                  <td>{org.myRole ? <RoleBadge role={org.myRole} /> : "—"}</td>
                  <td>
                    {mine ? (mine.personalCreditsAllowed ? "Yes" : "No") : "—"}{" "}
                    <Link to={membershipPath(org.id)} aria-label={`Change for ${org.name} in Team settings`}>
                      Change
                    </Link>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {pooledCount > 0 && personal.length > 0 && (
        <p className="field__hint">
          {pooledCount === 1 ? "One more org is" : `${pooledCount} more orgs are`} on Team or Enterprise: the pool pays there, never your
          credits.
        </p>
      )}
    </section>
  );
}
