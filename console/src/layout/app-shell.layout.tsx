import { Suspense } from "react";
import { Link, Outlet } from "react-router";
import { PageLoading } from "../components/page-state.component";
import { ROUTES } from "../routes";
import { useCurrentUser } from "../session/route.guard";
import { OrgSwitcher } from "./org-switcher.component";
import { SignOutButton } from "./sign-out.button";

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
              <span className="shell__user-name" title={user.email}>
                {user.name}
              </span>
            )}
            <SignOutButton />
          </div>
        </div>
      </header>
      <main id="main" className="shell__main" tabIndex={-1}>
        {/* Pages load lazily; the header stays put meanwhile. */}
        <Suspense fallback={<PageLoading />}>
          <Outlet />
        </Suspense>
      </main>
    </div>
  );
}
