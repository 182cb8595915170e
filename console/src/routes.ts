import type { Role } from "@team-billing/shared";
import { generatePath, matchPath } from "react-router";

/**
 * Who may see a route.
 * - `public`: anyone, signed in or not.
 * - `signed-in`: any signed-in user.
 * - a Role: a member of the route's `:orgId` org with at least that role
 *   (OWNER ⊃ ADMIN ⊃ MEMBER).
 * - `staff`: support staff (the deployment's STAFF_EMAILS).
 * The server enforces the same rules; this only keeps people off pages
 * they could not use.
 */
export type RouteAccess = "public" | "signed-in" | Role | "staff";

export interface RouteDef {
  path: string;
  access: RouteAccess;
  /** Document title while the route is shown. */
  title: string;
}

export const ROUTES = {
  signIn: { path: "/signin", access: "public", title: "Sign in" },
  signUp: { path: "/signup", access: "public", title: "Create your account" },
  // The links of the verification and password-reset mails (PUBLIC_URL/verify-email/<token>, /reset-password/<token>).
  verifyEmail: { path: "/verify-email/:token", access: "public", title: "Verify your email" },
  forgotPassword: { path: "/forgot-password", access: "public", title: "Reset your password" },
  resetPassword: { path: "/reset-password/:token", access: "public", title: "Choose a new password" },
  home: { path: "/", access: "signed-in", title: "Your orgs" },
  // The personal plan (Starter, Pro) and its credits, and the account itself; also where personal checkout returns.
  account: { path: "/account", access: "signed-in", title: "Your account" },
  org: { path: "/orgs/:orgId", access: "MEMBER", title: "Org" },
  // MEMBERs see the team read-only; the page shows management controls by `org.myRole`.
  team: { path: "/orgs/:orgId/team", access: "MEMBER", title: "Team settings" },
  // Mailed links to one of Team settings' sections (the disabled-webhook mail's …/settings/webhooks): they land on it.
  teamSection: { path: "/orgs/:orgId/settings/:section", access: "MEMBER", title: "Team settings" },
  // Everyone in the org sees the plan and the pool; the page offers changes to the OWNER only.
  billing: { path: "/orgs/:orgId/billing", access: "MEMBER", title: "Billing" },
  // A MEMBER sees only their own usage (the server narrows it); OWNER and ADMIN the whole org.
  usage: { path: "/orgs/:orgId/usage", access: "MEMBER", title: "Org usage" },
  // Support staff: find any org, read it, grant or remove credits.
  support: { path: "/support", access: "staff", title: "Support" },
  supportOrg: { path: "/support/orgs/:orgId", access: "staff", title: "Support" },
  // Dev tools only: the outgoing mail, so a trial needs no SMTP server (the server refuses it otherwise).
  devMail: { path: "/dev/mail", access: "signed-in", title: "Dev mail" },
  // Where Stripe sends the browser back after checkout (the server's success and cancel URLs).
  checkoutReturn: { path: "/billing", access: "signed-in", title: "Finishing checkout" },
  // Anyone may open an invitation link; accepting it needs a session (the page says so).
  invite: { path: "/invite/:token", access: "public", title: "Accept invitation" },
} as const satisfies Record<string, RouteDef>;

/** Any page of one org (its home and the sections under it). */
export const ORG_SCOPE_PATH = `${ROUTES.org.path}/*`;

export function orgPath(orgId: string): string {
  return generatePath(ROUTES.org.path, { orgId });
}

export function teamPath(orgId: string): string {
  return generatePath(ROUTES.team.path, { orgId });
}

/** One section of Team settings (its id: "webhooks", "alerts", "cap-requests"...). */
export function teamSectionPath(orgId: string, section: string): string {
  return `${teamPath(orgId)}#${encodeURIComponent(section)}`;
}

export function usagePath(orgId: string): string {
  return generatePath(ROUTES.usage.path, { orgId });
}

/** The org's usage events of a range as CSV (the server's endpoint; the session cookie authorizes it). */
export function usageCsvUrl(orgId: string, from: string, to: string): string {
  return `/orgs/${encodeURIComponent(orgId)}/usage.csv?${new URLSearchParams({ from, to })}`;
}

export function supportPath(query?: string): string {
  return query ? `${ROUTES.support.path}?${new URLSearchParams({ q: query })}` : ROUTES.support.path;
}

export function supportOrgPath(orgId: string): string {
  return generatePath(ROUTES.supportOrg.path, { orgId });
}

/** The same section of another org (its home when `pathname` is no org section), for the org switcher. */
export function sameSectionPath(pathname: string, orgId: string): string {
  for (const route of [ROUTES.team, ROUTES.billing, ROUTES.usage]) {
    if (matchPath(route.path, pathname)) return generatePath(route.path, { orgId });
  }
  return orgPath(orgId);
}

/** Team settings' "Your membership" section of an org (where its personal-credits consent is set). */
export function membershipPath(orgId: string): string {
  return `${teamPath(orgId)}#membership`;
}

/** What the billing page says it has just done, set by the checkout return page. */
export type BillingOutcome = "upgraded" | "topped-up" | "paid" | "cancelled";

const OUTCOME_PARAMS: Record<BillingOutcome, Record<string, string>> = {
  upgraded: { upgraded: "1" },
  "topped-up": { "topped-up": "1" },
  // A checkout this tab did not start (or forgot): paid, but of which kind is unknown.
  paid: { checkout: "paid" },
  cancelled: { checkout: "cancelled" },
};

export function billingPath(orgId: string, outcome?: BillingOutcome): string {
  const path = generatePath(ROUTES.billing.path, { orgId });
  return outcome ? `${path}?${new URLSearchParams(OUTCOME_PARAMS[outcome])}` : path;
}

/** The outcome a billing URL announces, if any. */
export function billingOutcome(search: URLSearchParams): BillingOutcome | null {
  if (search.get("upgraded") === "1") return "upgraded";
  if (search.get("topped-up") === "1") return "topped-up";
  if (search.get("checkout") === "paid") return "paid";
  if (search.get("checkout") === "cancelled") return "cancelled";
  return null;
}

/** Where to go after signing in: only same-origin paths, never `//evil.example`. */
export function safeNextPath(next: string | null): string {
  if (!next?.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return ROUTES.home.path;
  return next;
}

export function signInPath(next?: string | null): string {
  return withNext(ROUTES.signIn.path, next);
}

export function signUpPath(next?: string | null): string {
  return withNext(ROUTES.signUp.path, next);
}

function withNext(path: string, next: string | null | undefined): string {
  if (!next || next === ROUTES.home.path) return path;
  return `${path}?${new URLSearchParams({ next })}`;
}

/** True on pages anyone may see (sign in, sign up, invitation links). */
export function isPublicPath(pathname: string): boolean {
  return Object.values(ROUTES).some((r) => r.access === "public" && matchPath(r.path, pathname) !== null);
}
