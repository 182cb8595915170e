import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from "@apollo/client";
import { createErrorLink, type ErrorLinkOptions } from "./error.link";

/** The console's Apollo client: same-origin `/graphql`, authenticated by the session cookie. */
export function createApolloClient(options: ErrorLinkOptions): ApolloClient {
  return new ApolloClient({
    link: ApolloLink.from([
      createErrorLink(options),
      // The session is an httpOnly cookie set by signUp/login; never a token in JS.
      new HttpLink({ uri: "/graphql", credentials: "same-origin" }),
    ]),
    cache: new InMemoryCache(),
  });
}
