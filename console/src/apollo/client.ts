import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from "@apollo/client";
import { cursorPagination } from "./cursor-pagination";
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
          auditEntries: cursorPagination(["actionPrefix"]),
        },
      },
    },
  });
}

/** The console's Apollo client: same-origin `/graphql`, authenticated by the session cookie. */
export function createApolloClient(options: ErrorLinkOptions): ApolloClient {
  return new ApolloClient({
    link: ApolloLink.from([
      createErrorLink(options),
      // The session is an httpOnly cookie set by signUp/login; never a token in JS.
      new HttpLink({ uri: "/graphql", credentials: "same-origin" }),
    ]),
    cache: createCache(),
  });
}
