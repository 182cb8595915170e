import { useQuery } from "@apollo/client/react";
import { Suspense } from "react";
import { Link, Outlet } from "react-router";
import { INLINE_ERRORS } from "../apollo/error.link";
import { PageLoading } from "../components/page-state.component";
import { DevToolsEnabledQuery } from "../dev/dev-tools.query";
import { ROUTES } from "../routes";
import { CheckInboxNotice } from "../session/email-verification";
import { useCurrentUser } from "../session/route.guard";
import { OrgSwitcher } from "./org-switcher.component";
import { SignOutEverywhereButton } from "./sign-out-everywhere.button";
import { SignOutButton } from "./sign-out.button";

/** Says when the server runs with DEV_TOOLS, and leads to the mail it kept instead of sending. */
function DevToolsBanner() {
  // Inline: a failed probe just means no banner.
  const { data } = useQuery(DevToolsEnabledQuery, { context: INLINE_ERRORS });
  if (!data?.devToolsEnabled) return null;
  return (
    <section className="callout callout--neutral shell__banner" aria-label="Dev tools">
      <p>
        <strong>Dev tools are on:</strong> this is a trial server; its clock can move, and its outgoing mail is readable here.{" "}
        <Link to={ROUTES.devMail.path}>Open the dev mail</Link>
      </p>
    </section>
  );
}

/** The signed-in frame: header with org switcher and sign out, then the page. */
export function AppShell() {
  const { user } = useCurrentUser();
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="shell__header">
        <div className="shell__bar">
          <Link to={ROUTES.home.path} className="brand">
            Team Billing
          </Link>
          <nav className="shell__nav" aria-label="Orgs">
            <OrgSwitcher />
          </nav>
          <div className="shell__user">
            {/* Support staff only; the route refuses everyone else too. */}
            {user?.isStaff && (
              <Link to={ROUTES.support.path} className="button button--quiet">
                Support
              </Link>
            )}
            {user && (
              <details className="user-menu">
                <summary className="shell__user-name" title={user.email}>
                  {user.name}
                </summary>
                <div className="user-menu__body">
                  <p className="muted">{user.email}</p>
                  <SignOutEverywhereButton />
                </div>
              </details>
            )}
            <SignOutButton />
          </div>
        </div>
      </header>
      <DevToolsBanner />
      {user && !user.emailVerified && (
        <div className="shell__banner">
          <CheckInboxNotice email={user.email} why="Until then you can't accept invitations." />
        </div>
      )}
      <main id="main" className="shell__main" tabIndex={-1}>
        {/* Pages load lazily; the header stays put meanwhile. */}
        <Suspense fallback={<PageLoading />}>
          <Outlet />
        </Suspense>
      </main>
    </div>
  );
}
