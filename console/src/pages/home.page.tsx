import { useApolloClient, useQuery } from "@apollo/client/react";
import { useEffect } from "react";
import { useLocation } from "react-router";
import { EmptyState, PageError, PageLoading, PageTitle } from "../components/page-state.component";
import { graphql } from "../gql";
import { CreateOrgForm } from "../orgs/create-org.form";
import { OrgList } from "../orgs/org-list.component";
import { ROUTES } from "../routes";

const MyOrgsQuery = graphql(`
  query MyOrgs {
    myOrgs {
      ...OrgSummary
    }
  }
`);

function OrgsSection() {
  // Errors here are announced by the error link; this only offers a retry.
  const { data, loading, error, refetch } = useQuery(MyOrgsQuery);
  if (loading && !data) return <PageLoading label="Loading your orgs…" />;
  if (error && !data) return <PageError title="We couldn't load your orgs" onRetry={() => void refetch()} />;
  const orgs = data?.myOrgs ?? [];
  if (orgs.length === 0) {
    return (
      <EmptyState title="You're not in any org yet">
        <p>Create one below, or ask an org's owner or admin to invite you.</p>
      </EmptyState>
    );
  }
  return <OrgList orgs={orgs} />;
}

/** Where "Leave org" lands: the org it left is dropped from the cache, so going Back asks the server (which answers "not found"). */
export interface HomeState {
  leftOrgId?: string;
}

function useForgetLeftOrg() {
  const { cache } = useApolloClient();
  const leftOrgId = (useLocation().state as HomeState | null)?.leftOrgId;
  useEffect(() => {
    // Here, not on the org's own page: evicting what a mounted page shows would refetch it.
    const id = leftOrgId && cache.identify({ __typename: "Org", id: leftOrgId });
    if (!id) return;
    cache.evict({ id });
    cache.gc();
  }, [cache, leftOrgId]);
}

export default function HomePage() {
  useForgetLeftOrg();
  return (
    <div className="page">
      <PageTitle>{ROUTES.home.title}</PageTitle>
      <header className="page__header">
        <h1 className="page__title">Your orgs</h1>
      </header>
      <section aria-label="Org list" className="page__section">
        <OrgsSection />
      </section>
      <section className="page__section">
        <CreateOrgForm />
      </section>
    </div>
  );
}
