import { useQuery } from "@apollo/client/react";
import { Suspense, useEffect } from "react";
import { Link, Outlet, useLocation } from "react-router";
import { PAGE_CODES } from "../apollo/error.link";
import { PageLoading } from "../components/page-state.component";
import { DevToolsEnabledQuery } from "../dev/dev-tools.query";
import { ROUTES } from "../routes";
import { CheckInboxNotice } from "../session/email-verification";
import { useCurrentUser } from "../session/route.guard";
import { OrgSwitcher } from "./org-switcher.component";
import { SignOutEverywhereButton } from "./sign-out-everywhere.button";
import { SignOutButton } from "./sign-out.button";
import { syncServerClock, useServerPublicUrl } from "./server-clock";

/** Says when the server runs with DEV_TOOLS, and leads to the mail it kept instead of sending. */
function DevToolsBanner() {
  // Inline: a failed probe just means no banner.
  const { data } = useQuery(DevToolsEnabledQuery, { context: { handles: PAGE_CODES } });
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

/**
 * The origin the server's own links lead to (checkout returns, mailed links): its PUBLIC_URL
 * when `/healthz` names it; otherwise, on a loopback IP, the server's default PUBLIC_URL
 * (`http://localhost:<port>`), which is the case this guards against. Null: not known.
 */
export function expectedOrigin(publicUrl: string | null, here: Pick<Location, "protocol" | "hostname" | "port">): string | null {
  if (publicUrl) {
    try {
      return new URL(publicUrl).origin;
    } catch {
      return null;
    }
  }
  if (here.hostname === "127.0.0.1" || here.hostname === "[::1]" || here.hostname === "::1") {
    return `${here.protocol}//localhost${here.port ? `:${here.port}` : ""}`;
  }
  return null;
}

/** Cookies are per origin: warn before a checkout or a mailed link lands where this browser is signed out. */
function OriginBanner() {
  const publicUrl = useServerPublicUrl();
  const { pathname, search } = useLocation();
  const expected = expectedOrigin(publicUrl, window.location);
  if (!expected || expected === window.location.origin) return null;
  return (
    <section className="callout callout--warning shell__banner" aria-label="Different address">
      <p>
        <strong>
          You opened the console at {window.location.origin}, but this server's links lead to {expected}.
        </strong>{" "}
        After a checkout, and from emailed links, you would land there signed out.{" "}
        <a href={`${expected}${pathname}${search}`}>Open the console at {expected}</a> and sign in there before you pay.
      </p>
    </section>
  );
}

/** The signed-in frame: header with org switcher and sign out, then the page. */
export function AppShell() {
  const { user } = useCurrentUser();
  // The server's time (dev tools move it) and PUBLIC_URL, once per visit.
  useEffect(() => {
    void syncServerClock();
  }, []);
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
                  {/* The menu is a <details>: close it, the page changes under it. */}
                  <Link
                    to={ROUTES.account.path}
                    className="button button--quiet"
                    onClick={(event) => event.currentTarget.closest("details")?.removeAttribute("open")}
                  >
                    Your account and plan
                  </Link>
                  <SignOutEverywhereButton />
                </div>
              </details>
            )}
            <SignOutButton />
          </div>
        </div>
      </header>
      <OriginBanner />
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
