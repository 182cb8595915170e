import { type ApiKeyScope, ROLE_RANK, type Role } from "@team-billing/shared";
import type { AuthCheckerFn } from "type-graphql";
import { OrgEntity } from "../entities";
import { forbidden, notFound, unauthenticated } from "../errors";
import type { GqlContext } from "./context";

/**
 * The rules `@Authorized(...)` takes; any one that matches lets the caller in.
 * - "USER": any signed-in user.
 * - "OWNER" / "ADMIN" / "MEMBER": an active member of the org with at least that role.
 * - "STAFF": support staff (any org). "STAFF_READ": staff may read this org field.
 * - "SCOPE:X": an API key of the org holding scope X.
 * The org comes from the `orgId` argument, `input.orgId`, the parent object, or
 * the `id` argument of a root field (`org(id:)`).
 * An org the caller cannot see answers NOT_FOUND; one it can see but may not
 * change answers FORBIDDEN.
 */
export type Rule = Role | "USER" | "STAFF" | "STAFF_READ" | `SCOPE:${ApiKeyScope}`;

export const authChecker: AuthCheckerFn<GqlContext, Rule> = async ({ root, args, context }, rules) => {
  const { actor } = context;
  if (actor.kind === "anonymous") throw unauthenticated();
  const orgId = orgIdOf(root, args);

  if (actor.kind === "apiKey") {
    if (orgId === undefined) throw forbidden("API keys act only on their own org's data.");
    if (orgId !== actor.apiKey.orgId) throw notFound("Org");
    const scopes = rules.filter((r) => r.startsWith("SCOPE:")).map((r) => r.slice(6) as ApiKeyScope);
    if (scopes.some((s) => actor.apiKey.scopes.includes(s))) return true;
    throw forbidden(
      scopes.length > 0 ? `This API key needs the ${scopes.join(" or ")} scope.` : "API keys cannot do this; sign in as a member.",
    );
  }

  if (rules.includes("USER")) return true;
  if (rules.includes("STAFF") && actor.isStaff) return true;
  if (orgId === undefined) throw forbidden();

  const membership = await membershipOf(context, orgId);
  if (!membership) {
    if (actor.isStaff && (await context.services.orgs.exists(orgId))) {
      if (rules.includes("STAFF_READ")) return true;
      throw forbidden("Support staff have read-only access to orgs they are not members of.");
    }
    throw notFound("Org");
  }
  const needed = rules.filter((r): r is Role => r in ROLE_RANK).map((r) => ROLE_RANK[r]);
  if (needed.length > 0 && ROLE_RANK[membership.role] >= Math.min(...needed)) return true;
  throw forbidden(roleMessage(rules));
};

function roleMessage(rules: Rule[]): string {
  if (rules.includes("OWNER") && !rules.includes("ADMIN")) return "Only the org's owner can do this.";
  if (rules.includes("ADMIN")) return "Only the org's owner or an admin can do this.";
  return "Your role does not allow this.";
}

function orgIdOf(root: unknown, args: Record<string, unknown>): string | undefined {
  if (typeof args.orgId === "string") return args.orgId;
  const input = args.input as { orgId?: unknown } | undefined;
  if (typeof input?.orgId === "string") return input.orgId;
  if (root instanceof OrgEntity) return root.id;
  // Top-level `org(id:)`: the only root field whose org is named `id`.
  if (root === undefined && typeof args.id === "string") return args.id;
  const parentOrgId = (root as { orgId?: unknown } | undefined)?.orgId;
  return typeof parentOrgId === "string" ? parentOrgId : undefined;
}

export function membershipOf(context: GqlContext, orgId: string) {
  if (context.actor.kind !== "user") return Promise.resolve(null);
  let cached = context.memberships.get(orgId);
  if (!cached) {
    cached = context.services.members.membershipOf(orgId, context.actor.user.id);
    context.memberships.set(orgId, cached);
  }
  return cached;
}

/**
 * For fields that are visible to some callers and null for others (not an error):
 * true when the caller is staff, or a member of the org with at least `role`.
 */
export async function callerHasRole(context: GqlContext, orgId: string, role: Role): Promise<boolean> {
  if (context.actor.kind !== "user") return false;
  if (context.actor.isStaff) return true;
  const membership = await membershipOf(context, orgId);
  return membership !== null && ROLE_RANK[membership.role] >= ROLE_RANK[role];
}

/**
 * Usage a caller may see: OWNER, ADMIN, staff and API keys see the whole org; a
 * MEMBER sees only their own (their membership id replaces any member filter).
 */
export async function usageScope<F extends { memberId?: string | null }>(context: GqlContext, orgId: string, filters: F): Promise<F> {
  if (context.actor.kind !== "user" || context.actor.isStaff) return filters;
  const membership = await membershipOf(context, orgId);
  if (membership && membership.role === "MEMBER") return { ...filters, memberId: membership.id };
  return filters;
}
