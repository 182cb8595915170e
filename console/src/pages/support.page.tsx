import { useQuery } from "@apollo/client/react";
import { type FormEvent, useRef, useState } from "react";
import { Link, useSearchParams } from "react-router";
import { describeError } from "../apollo/error-message";
import { handles, PAGE_CODES } from "../apollo/error.link";
import { FormField } from "../components/form-field.component";
import { InlineLoadError, PageError, PageLoading, PageTitle } from "../components/page-state.component";
import { Time } from "../components/time.component";
import { graphql } from "../gql";
import { PlanBadge } from "../orgs/plan-badge.component";
import { ROUTES, supportOrgPath } from "../routes";

const SupportSearchQuery = graphql(`
  query SupportSearch($query: String!) {
    supportSearchOrgs(query: $query) {
      id
      name
      plan
      seats
    }
  }
`);

const SupportEnterpriseRequestsQuery = graphql(`
  query SupportEnterpriseRequests {
    supportEnterpriseRequests {
      id
      message
      createdAt
      requestedBy {
        id
        name
        email
      }
      org {
        id
        name
      }
    }
  }
`);

/** The server's limits; a query outside them is not sent. */
const MIN_QUERY = 2;
const MAX_QUERY = 254;

/** What a person is told when a search fails: never the server's own wording (finding 30). */
export function searchFailure(code: string): { message: string; retry: boolean } {
  if (code === "BAD_USER_INPUT")
    return { message: `That search can't be run: type ${MIN_QUERY} to ${MAX_QUERY} characters of a name, id or email.`, retry: false };
  if (code === "NETWORK") return { message: "Can't reach the server. Check your connection and try again.", retry: true };
  if (code === "FORBIDDEN" || code === "UNAUTHENTICATED") return { message: "Only signed-in support staff can search orgs.", retry: false };
  return { message: "Something went wrong on our side. Try again in a moment.", retry: true };
}

/** Support staff: find an org by its name, id, a member's email or its Stripe customer id. */
export default function SupportPage() {
  const [search, setSearch] = useSearchParams();
  const query = (search.get("q") ?? "").trim();
  const input = useRef<HTMLInputElement>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const next = String(new FormData(event.currentTarget).get("q") ?? "").trim();
    if (next.length < MIN_QUERY || next.length > MAX_QUERY) {
      setProblem(next.length < MIN_QUERY ? `Type at least ${MIN_QUERY} characters.` : `Type at most ${MAX_QUERY} characters.`);
      input.current?.focus();
      return;
    }
    setProblem(null);
    setSearch({ q: next });
  };

  return (
    <div className="page">
      <PageTitle>{ROUTES.support.title}</PageTitle>
      <header className="page__header page__header--stacked">
        <h1 className="page__title">Support</h1>
        <p className="muted page__lead">
          Find an org by its name, its id, a member's email or its Stripe customer id. Everything here is read-only but credits.
        </p>
      </header>
      <search className="card support-search" aria-label="Find an org">
        <form className="form" aria-label="Find an org" noValidate onSubmit={onSubmit}>
          <div className="form__row">
            <FormField
              ref={input}
              key={query}
              label="Org name, id, member email or Stripe customer id"
              name="q"
              type="search"
              autoComplete="off"
              defaultValue={query}
              error={problem}
            />
            <button type="submit" className="button button--primary">
              Search
            </button>
          </div>
        </form>
      </search>
      {query.length >= MIN_QUERY && query.length <= MAX_QUERY && <SearchResults query={query} />}
      {query.length > MAX_QUERY && (
        <p className="card section" role="alert">
          {searchFailure("BAD_USER_INPUT").message}
        </p>
      )}
      <EnterpriseQueue />
    </div>
  );
}

function SearchResults({ query }: { query: string }) {
  const { data, loading, error, refetch } = useQuery(SupportSearchQuery, {
    variables: { query },
    context: handles(...PAGE_CODES, "BAD_USER_INPUT"),
  });
  if (loading && !data) return <PageLoading label="Searching…" />;
  if (error && !data) {
    const { message, retry } = searchFailure(describeError(error).code);
    return <PageError title="The search failed" message={message} onRetry={retry ? () => void refetch() : undefined} />;
  }
  const orgs = data?.supportSearchOrgs ?? [];
  return (
    <section className="card section" aria-labelledby="results-title">
      <header className="section__header">
        <h2 id="results-title" className="card__title">
          {orgs.length === 0
            ? `No org matches “${query}”`
            : `${orgs.length} ${orgs.length === 1 ? "org matches" : "orgs match"} “${query}”`}
        </h2>
      </header>
      {orgs.length > 0 && (
        <table className="table table--stack" aria-labelledby="results-title">
          <thead>
            <tr>
              <th scope="col">Org</th>
              <th scope="col">Plan</th>
              <th scope="col" className="cell--number">
                Seats
              </th>
              <th scope="col">Id</th>
            </tr>
          </thead>
          <tbody>
            {orgs.map((org) => (
              <tr key={org.id}>
                <th scope="row" className="cell--wrap">
                  <Link to={supportOrgPath(org.id)}>{org.name}</Link>
                </th>
                <td data-label="Plan">
                  <PlanBadge plan={org.plan} />
                </td>
                <td className="cell--number" data-label="Seats">
                  {org.seats.toLocaleString()}
                </td>
                <td className="mono" data-label="Id">
                  {org.id}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** Every org's Enterprise "Get in touch" requests, newest first (the server's default page of 50). */
function EnterpriseQueue() {
  // New requests arrive while staff work: the cached list shows at once and is asked again.
  const { data, loading, error, refetch } = useQuery(SupportEnterpriseRequestsQuery, {
    context: { handles: PAGE_CODES },
    fetchPolicy: "cache-and-network",
  });
  const requests = data?.supportEnterpriseRequests;
  return (
    <section className="card section" aria-labelledby="enterprise-queue-title" id="enterprise-requests">
      <header className="section__header">
        <h2 id="enterprise-queue-title" className="card__title">
          Enterprise requests
        </h2>
        <p className="card__lead">What owners sent with “Get in touch”, newest first. Sales reply by email.</p>
      </header>
      {requests ? (
        requests.length > 0 ? (
          <table className="table table--stack enterprise-queue" aria-labelledby="enterprise-queue-title">
            <thead>
              <tr>
                <th scope="col">Org</th>
                <th scope="col">Asked by</th>
                <th scope="col">When</th>
                <th scope="col">Message</th>
              </tr>
            </thead>
            <tbody>
              {requests.map((request) => (
                <tr key={request.id}>
                  <th scope="row" className="cell--wrap">
                    <Link to={supportOrgPath(request.org.id)}>{request.org.name}</Link>
                  </th>
                  <td data-label="Asked by" className="cell--wrap">
                    <span className="enterprise-queue__who">
                      {request.requestedBy.name} <span className="muted">{request.requestedBy.email}</span>
                    </span>
                  </td>
                  <td data-label="When">
                    <Time value={request.createdAt} format="datetime" />
                  </td>
                  <td data-label="Message" className="enterprise-queue__message">
                    {request.message}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p className="muted">No Enterprise requests yet.</p>
        )
      ) : loading ? (
        <p className="muted" role="status">
          Loading Enterprise requests…
        </p>
      ) : (
        error && <InlineLoadError what="the Enterprise requests" message={describeError(error).message} onRetry={() => void refetch()} />
      )}
    </section>
  );
}
