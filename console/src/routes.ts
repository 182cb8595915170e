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
  home: { path: "/", access: "signed-in", title: "Your orgs" },
  org: { path: "/orgs/:orgId", access: "MEMBER", title: "Org" },
} as const satisfies Record<string, RouteDef>;

export function orgPath(orgId: string): string {
  return generatePath(ROUTES.org.path, { orgId });
}

/** Where to go after signing in: only same-origin paths, never `//evil.example`. */
export function safeNextPath(next: string | null): string {
  if (!next?.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return ROUTES.home.path;
  return next;
}

export function signInPath(next?: string): string {
  if (!next || next === ROUTES.home.path) return ROUTES.signIn.path;
  return `${ROUTES.signIn.path}?${new URLSearchParams({ next })}`;
}

/** True on pages anyone may see (sign in, sign up). */
export function isPublicPath(pathname: string): boolean {
  return Object.values(ROUTES).some((r) => r.access === "public" && matchPath(r.path, pathname) !== null);
}
