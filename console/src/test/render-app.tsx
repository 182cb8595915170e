import { MockLink } from "@apollo/client/testing";
import { MockedProvider } from "@apollo/client/testing/react";
import { render } from "@testing-library/react";
import { MemoryRouter } from "react-router";
import { createCache, createConsoleLink } from "../apollo/client";
import { AppRoutes } from "../app.routes";
import { NotificationCenter, NotifierProvider } from "../notifications/notification-center.component";
import { createNotifier } from "../notifications/notifier";
import { UNAUTHENTICATED_EVENT } from "../session/unauthenticated.redirect";

/**
 * Renders the whole console at `path` with the real MockedProvider. The link is
 * the app's own links in front of a MockLink, as in main.tsx in front of
 * HttpLink, so errors reach the screen exactly as they would in the browser.
 */
export function renderApp(path: string, mocks: ReadonlyArray<MockLink.MockedResponse>) {
  const notifier = createNotifier();
  const link = createConsoleLink(
    { notify: notifier.notify, onUnauthenticated: () => window.dispatchEvent(new Event(UNAUTHENTICATED_EVENT)) },
    new MockLink(mocks, { defaultOptions: { delay: 0 } }),
  );
  // Returned so tests can check what the app kept (e.g. never an API key's secret).
  const cache = createCache();
  const view = render(
    <MockedProvider link={link} cache={cache}>
      <NotifierProvider notifier={notifier}>
        <MemoryRouter initialEntries={[path]}>
          <AppRoutes />
          <NotificationCenter />
        </MemoryRouter>
      </NotifierProvider>
    </MockedProvider>,
  );
  return { ...view, cache };
}
