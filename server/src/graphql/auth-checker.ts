import { type GraphQLResolveInfo } from "graphql";
import { type AuthCheckerFn, createParameterDecorator, Extensions } from "type-graphql";
import { forbidden, unauthenticated } from "../common/errors";
import type { OrgScope, Rule } from "../common/org-access";
import type { GqlContext } from "./context";

export type { Rule } from "../common/org-access";

/**
 * Where a field finds the org it acts on, declared on the field (never guessed):
 * an argument (`orgId`, `id`, `input.orgId`), or the parent object (`root.orgId`).
 * Fields of `Org` itself act on their parent, with nothing to declare.
 */
export type OrgPath = "orgId" | "id" | "input.orgId" | "root.orgId";

/** Names the org of an `@Authorized` field (see OrgPath). */
export const OrgFrom = (path: OrgPath) => Extensions({ org: path });

export function orgIdOf(info: GraphQLResolveInfo, root: unknown, args: Record<string, unknown>): string | undefined {
  const path = info.parentType.getFields()[info.fieldName]?.extensions?.org as OrgPath | undefined;
  const value =
    path === "orgId"
      ? args.orgId
      : path === "id"
        ? args.id
        : path === "input.orgId"
          ? (args.input as { orgId?: unknown } | undefined)?.orgId
          : path === "root.orgId"
            ? (root as { orgId?: unknown } | undefined)?.orgId
            : info.parentType.name === "Org"
              ? (root as { id?: unknown } | undefined)?.id
              : undefined;
  return typeof value === "string" ? value : undefined;
}

/**
 * `@Authorized(...)` goes through here: the org the field names, and the caller's
 * checked scope there, come from the one policy (OrgAccess). The scope is cached for
 * the request, so `@Scope()` hands the resolver the very scope checked here.
 */
export const authChecker: AuthCheckerFn<GqlContext, Rule> = async ({ root, args, context, info }, rules) => {
  const { actor } = context;
  if (actor.kind === "anonymous") throw unauthenticated();
  if (actor.kind === "user" && rules.includes("USER")) return true;
  const orgId = orgIdOf(info, root, args);
  if (actor.kind === "user" && actor.isStaff && rules.includes("STAFF")) {
    // Staff actions on an org: the org must exist (NOT_FOUND otherwise), membership not needed.
    if (orgId !== undefined) await context.access.require(orgId, ["STAFF_READ"]);
    return true;
  }
  if (orgId === undefined) {
    if (actor.kind === "apiKey") throw forbidden("API keys act only on their own org's data.");
    throw forbidden();
  }
  await context.access.require(orgId, rules);
  return true;
};

/** The caller's checked scope in the field's org (declare the org with `@OrgFrom`, and the rules with `@Authorized`). */
export const Scope = () =>
  createParameterDecorator<GqlContext>(async ({ root, args, context, info }): Promise<OrgScope> => {
    const orgId = orgIdOf(info, root, args);
    const scope = orgId === undefined ? null : await context.access.scope(orgId);
    if (!scope) throw new Error(`${info.parentType.name}.${info.fieldName}: @Scope() needs an @Authorized field with its org declared`);
    return scope;
  });
