import { lazy, Suspense } from "react";
import { Navigate, type RouteObject, useParams, useRoutes } from "react-router";
import { PageLoading } from "./components/page-state.component";
import { AppShell } from "./layout/app-shell.layout";
import { ROUTES, teamSectionPath } from "./routes";
import { RouteGuard } from "./session/route.guard";
import { UnauthenticatedRedirect } from "./session/unauthenticated.redirect";

// Each page is its own chunk; the shell and the session check load up front.
const SignInPage = lazy(() => import("./pages/sign-in.page"));
const SignUpPage = lazy(() => import("./pages/sign-up.page"));
const HomePage = lazy(() => import("./pages/home.page"));
const AccountPage = lazy(() => import("./pages/account.page"));
const OrgHomePage = lazy(() => import("./pages/org-home.page"));
const TeamPage = lazy(() => import("./pages/team.page"));
const BillingPage = lazy(() => import("./pages/billing.page"));
const UsagePage = lazy(() => import("./pages/usage.page"));
const SupportPage = lazy(() => import("./pages/support.page"));
const SupportOrgPage = lazy(() => import("./pages/support-org.page"));
const CheckoutReturnPage = lazy(() => import("./pages/checkout-return.page"));
const AcceptInvitationPage = lazy(() => import("./pages/accept-invitation.page"));
const VerifyEmailPage = lazy(() => import("./pages/verify-email.page"));
const ForgotPasswordPage = lazy(() => import("./pages/forgot-password.page"));
const ResetPasswordPage = lazy(() => import("./pages/reset-password.page"));
const DevMailPage = lazy(() => import("./pages/dev-mail.page"));
const NotFoundPage = lazy(() => import("./pages/not-found.page"));

/** `/orgs/:orgId/settings/webhooks` (a mailed link) → Team settings, scrolled to that section. */
function TeamSectionRedirect() {
  const { orgId = "", section = "" } = useParams();
  return <Navigate to={teamSectionPath(orgId, section)} replace />;
}

export const appRoutes: RouteObject[] = [
  {
    path: ROUTES.signIn.path,
    element: (
      <RouteGuard access={ROUTES.signIn.access}>
        <SignInPage />
      </RouteGuard>
    ),
  },
  {
    path: ROUTES.signUp.path,
    element: (
      <RouteGuard access={ROUTES.signUp.access}>
        <SignUpPage />
      </RouteGuard>
    ),
  },
  {
    // Outside the shell: the page itself tells signed-out visitors how to accept.
    path: ROUTES.invite.path,
    element: (
      <RouteGuard access={ROUTES.invite.access}>
        <AcceptInvitationPage />
      </RouteGuard>
    ),
  },
  // The mails' links: they work signed in or not (the pages say what to do next).
  { path: ROUTES.verifyEmail.path, element: <VerifyEmailPage /> },
  { path: ROUTES.forgotPassword.path, element: <ForgotPasswordPage /> },
  { path: ROUTES.resetPassword.path, element: <ResetPasswordPage /> },
  {
    // Everything inside the shell needs a session; each route may ask for more.
    element: (
      <RouteGuard access="signed-in">
        <AppShell />
      </RouteGuard>
    ),
    children: [
      {
        path: ROUTES.home.path,
        element: (
          <RouteGuard access={ROUTES.home.access}>
            <HomePage />
          </RouteGuard>
        ),
      },
      {
        // Stripe's way back after a personal checkout too (`?checkout=success&session_id=…`).
        path: ROUTES.account.path,
        element: (
          <RouteGuard access={ROUTES.account.access}>
            <AccountPage />
          </RouteGuard>
        ),
      },
      {
        path: ROUTES.org.path,
        element: (
          <RouteGuard access={ROUTES.org.access}>
            <OrgHomePage />
          </RouteGuard>
        ),
      },
      {
        path: ROUTES.team.path,
        element: (
          <RouteGuard access={ROUTES.team.access}>
            <TeamPage />
          </RouteGuard>
        ),
      },
      {
        path: ROUTES.teamSection.path,
        element: (
          <RouteGuard access={ROUTES.teamSection.access}>
            <TeamSectionRedirect />
          </RouteGuard>
        ),
      },
      {
        path: ROUTES.billing.path,
        element: (
          <RouteGuard access={ROUTES.billing.access}>
            <BillingPage />
          </RouteGuard>
        ),
      },
      {
        path: ROUTES.usage.path,
        element: (
          <RouteGuard access={ROUTES.usage.access}>
            <UsagePage />
          </RouteGuard>
        ),
      },
      {
        path: ROUTES.support.path,
        element: (
          <RouteGuard access={ROUTES.support.access}>
            <SupportPage />
          </RouteGuard>
        ),
      },
      {
        path: ROUTES.supportOrg.path,
        element: (
          <RouteGuard access={ROUTES.supportOrg.access}>
            <SupportOrgPage />
          </RouteGuard>
        ),
      },
      {
        // Stripe's way back after checkout; signing in first comes back here with the same query.
        path: ROUTES.checkoutReturn.path,
        element: (
          <RouteGuard access={ROUTES.checkoutReturn.access}>
            <CheckoutReturnPage />
          </RouteGuard>
        ),
      },
      {
        path: ROUTES.devMail.path,
        element: (
          <RouteGuard access={ROUTES.devMail.access}>
            <DevMailPage />
          </RouteGuard>
        ),
      },
      { path: "*", element: <NotFoundPage /> },
    ],
  },
];

export function AppRoutes() {
  const element = useRoutes(appRoutes);
  return (
    <>
      <UnauthenticatedRedirect />
      <Suspense fallback={<PageLoading />}>{element}</Suspense>
    </>
  );
}
