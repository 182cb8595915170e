import { useQuery } from "@apollo/client/react";
import { ERROR_MESSAGES, ROLE_RANK, type Role } from "@team-billing/shared";
import type { ReactNode } from "react";
import { Navigate, useLocation, useParams } from "react-router";
import { describeError } from "../apollo/error-message";
import { PAGE_CODES } from "../apollo/error.link";
import { PageError, PageLoading } from "../components/page-state.component";
import { graphql } from "../gql";
import type { SessionUserFragment } from "../gql/graphql";
import { type RouteAccess, signInPath } from "../routes";

// The fields every part of the shell may read about the signed-in user;
// login and signUp select the same ones so they can seed the cache.
export const SessionUserFields = graphql(`
  fragment SessionUser on User {
    id
    name
    email
    plan
    isStaff
    emailVerified
  }
`);

export const MeQuery = graphql(`
  query Me {
    me {
      ...SessionUser
    }
  }
`);

const OrgMembershipQuery = graphql(`
  query OrgMembership($orgId: ID!) {
    org(id: $orgId) {
      id
      members {
        id
        role
        user {
          id
        }
      }
    }
  }
`);

/** The signed-in user, or null once we know nobody is signed in. */
export function useCurrentUser(): { user: SessionUserFragment | null | undefined; loading: boolean } {
  const { data, loading } = useQuery(MeQuery);
  return { user: data?.me, loading };
}

/** Renders `children` only for people the route's `access` admits. */
export function RouteGuard({ access, children }: { access: RouteAccess; children: ReactNode }) {
  if (access === "public") return children;
  return <SignedInGuard access={access}>{children}</SignedInGuard>;
}

function SignedInGuard({ access, children }: { access: Exclude<RouteAccess, "public">; children: ReactNode }) {
  const location = useLocation();
  const { data, loading, error, refetch } = useQuery(MeQuery, { context: { handles: PAGE_CODES } });
  if (loading && !data) return <PageLoading label="Checking your session…" />;
  if (error && !data) {
    return <PageError title="We couldn't check your session" message={describeError(error).message} onRetry={() => void refetch()} />;
  }
  const me = data?.me;
  if (!me) return <Navigate to={signInPath(location.pathname + location.search)} replace />;
  if (access === "staff" && !me.isStaff) return <Forbidden />;
  // MEMBER needs no extra check: the server answers NOT_FOUND to non-members.
  if (access === "ADMIN" || access === "OWNER") {
    return (
      <OrgRoleGate min={access} userId={me.id}>
        {children}
      </OrgRoleGate>
    );
  }
  return children;
}

function OrgRoleGate({ min, userId, children }: { min: Role; userId: string; children: ReactNode }) {
  const { orgId = "" } = useParams();
  const { data, loading, error, refetch } = useQuery(OrgMembershipQuery, { variables: { orgId }, context: { handles: PAGE_CODES } });
  if (loading && !data) return <PageLoading />;
  if (error && !data)
    return <PageError title="We couldn't load this org" message={describeError(error).message} onRetry={() => void refetch()} />;
  const role = data?.org?.members.find((m) => m.user.id === userId)?.role;
  if (!role) return <PageError title="Org not found" message="It doesn't exist, or you're not a member." />;
  if (ROLE_RANK[role] < ROLE_RANK[min]) return <Forbidden />;
  return children;
}

function Forbidden() {
  return <PageError title="No access" message={ERROR_MESSAGES.FORBIDDEN} />;
}
