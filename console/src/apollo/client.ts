import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from "@apollo/client";
import { relayStylePagination } from "@apollo/client/utilities";
import { createAuditLogLink } from "./audit-log.link";
import { createErrorLink, type ErrorLinkOptions } from "./error.link";

/**
 * The console's cache. An org has one pool and one current subscription, and
 * neither has an id: pages that read different fields of them merge into the
 * org's one object instead of replacing each other's. The audit log is paged:
 * one list per filter, older pages appended by `fetchMore`.
 */
export function createCache(): InMemoryCache {
  return new InMemoryCache({
    typePolicies: {
      Pool: { merge: true },
      Subscription: { merge: true },
      Org: {
        fields: {
          auditEntries: relayStylePagination(["actionPrefix"]),
        },
      },
    },
  });
}

/** The console's links in front of the one that talks to the API (HttpLink here, a MockLink in tests). */
export function createConsoleLink(options: ErrorLinkOptions, terminating: ApolloLink): ApolloLink {
  return ApolloLink.from([createErrorLink(options), createAuditLogLink(), terminating]);
}

/** The console's Apollo client: same-origin `/graphql`, authenticated by the session cookie. */
export function createApolloClient(options: ErrorLinkOptions): ApolloClient {
  return new ApolloClient({
    // The session is an httpOnly cookie set by signUp/login; never a token in JS.
    link: createConsoleLink(options, new HttpLink({ uri: "/graphql", credentials: "same-origin" })),
    cache: createCache(),
  });
}
