import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from "@apollo/client";
import { relayStylePagination } from "@apollo/client/utilities";
import { createAuditLogLink } from "./audit-log.link";
import { createErrorLink, type ErrorLinkOptions } from "./error.link";

/** The id under which `Org.usageAlerts` lists the org's soft alert (the POOL alert for OWNERs). */
export const SOFT_ALERT_ID = "soft-alert";

/**
 * The console's cache. An org has one pool and one current subscription, and
 * neither has an id: pages that read different fields of them merge into the
 * org's one object instead of replacing each other's. The audit log, the webhook
 * delivery log and the usage events are paged: one list per filter, older pages
 * appended by `fetchMore`. Every org lists its soft alert under the same id
 * ("soft-alert"), so that one stays inside its org's list instead of being shared.
 */
export function createCache(): InMemoryCache {
  return new InMemoryCache({
    typePolicies: {
      Pool: { merge: true },
      Subscription: { merge: true },
      UsageAlert: { keyFields: (alert) => (alert.id === SOFT_ALERT_ID ? false : ["id"]) },
      Org: {
        fields: {
          auditEntries: relayStylePagination(["actionPrefix"]),
          webhookDeliveries: relayStylePagination(false),
          usageEvents: relayStylePagination(["memberId", "spaceId", "model"]),
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
