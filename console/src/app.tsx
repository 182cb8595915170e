import type { ApolloClient } from "@apollo/client";
import { ApolloProvider } from "@apollo/client/react";
import { StrictMode } from "react";
import { BrowserRouter } from "react-router";
import { AppRoutes } from "./app.routes";
import { NotificationCenter, NotifierProvider } from "./notifications/notification-center.component";
import type { Notifier } from "./notifications/notifier";

export function App({ client, notifier }: { client: ApolloClient; notifier: Notifier }) {
  return (
    <StrictMode>
      <ApolloProvider client={client}>
        <NotifierProvider notifier={notifier}>
          <BrowserRouter>
            <AppRoutes />
            <NotificationCenter />
          </BrowserRouter>
        </NotifierProvider>
      </ApolloProvider>
    </StrictMode>
  );
}
