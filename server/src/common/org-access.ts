import { type ApiKeyScope, ROLE_RANK, type Role } from "@team-billing/shared";
import type { ApiKeyEntity, MembershipEntity } from "../entities";
import { forbidden, notFound, unauthenticated } from "./errors";
import type { Actor } from "./actor";

/**
 * The rules an operation names; any one that matches lets the caller in.
 * - "USER": any signed-in user. "STAFF": support staff.
 * - "OWNER" / "ADMIN" / "MEMBER": an active member of the org with at least that role.
 * - "STAFF_READ": support staff may read this (any org, member or not).
 * - "SCOPE:X": an API key of the org holding scope X.
 */
export type Rule = Role | "USER" | "STAFF" | "STAFF_READ" | `SCOPE:${ApiKeyScope}`;

/** What a caller is to one org, checked: the one thing services trust about who may do what there. */
export interface OrgScope {
  orgId: string;
  actor: Actor;
  /** The caller's role as an active member; null for staff who are not members, and for API keys. */
  role: Role | null;
  memberId: string | null;
  /** Support staff (read access to every org). */
  staff: boolean;
  apiKey: ApiKeyEntity | null;
}

/**
 * The one authorization policy: turns (caller, org) into a checked scope. GraphQL's auth
 * checker and every HTTP route use it. An org the caller cannot see answers NOT_FOUND;
 * one it can see but may not change answers FORBIDDEN. It reads memberships and orgs
 * through the two methods it needs (MemberService and OrgService, given by the container),
 * so common/ imports nothing from teams/.
 */
export class OrgAccess {
  constructor(
    private readonly members: { membershipOf(orgId: string, userId: string): Promise<MembershipEntity | null> },
    private readonly orgs: { exists(orgId: string): Promise<boolean> },
  ) {}

  /** A per-request view (memberships read once per org and request). */
  forRequest(actor: Actor): RequestAccess {
    return new RequestAccess(this, actor);
  }

  /** What the caller is to the org; null when they may not see it at all. */
  async resolve(actor: Actor, orgId: string): Promise<OrgScope | null> {
    const base = { orgId, actor, role: null, memberId: null, staff: false, apiKey: null };
    if (actor.kind === "apiKey") return actor.apiKey.orgId === orgId ? { ...base, apiKey: actor.apiKey } : null;
    if (actor.kind !== "user") return null;
    const membership = await this.members.membershipOf(orgId, actor.user.id);
    if (membership) return { ...base, role: membership.role, memberId: membership.id, staff: actor.isStaff };
    if (actor.isStaff && (await this.orgs.exists(orgId))) return { ...base, staff: true };
    return null;
  }

  /** Checks `rules` against a resolved scope (null: cannot see the org). */
  check(actor: Actor, scope: OrgScope | null, rules: readonly Rule[]): OrgScope {
    if (actor.kind === "anonymous") throw unauthenticated();
    if (!scope) throw notFound("Org");
    if (scope.apiKey) {
      const scopes = rules.filter((r) => r.startsWith("SCOPE:")).map((r) => r.slice(6) as ApiKeyScope);
      if (scopes.some((s) => scope.apiKey?.scopes.includes(s))) return scope;
      throw forbidden(
        scopes.length > 0 ? `This API key needs the ${scopes.join(" or ")} scope.` : "API keys cannot do this; sign in as a member.",
      );
    }
    const needed = rules.filter((r): r is Role => r in ROLE_RANK).map((r) => ROLE_RANK[r]);
    if (scope.role && needed.length > 0 && ROLE_RANK[scope.role] >= Math.min(...needed)) return scope;
    if (scope.staff && rules.includes("STAFF_READ")) return scope;
    if (!scope.role) throw forbidden("Support staff have read-only access to orgs they are not members of.");
    throw forbidden(roleMessage(rules));
  }
}

/** One request's access decisions, cached per org. */
export class RequestAccess {
  private readonly scopes = new Map<string, Promise<OrgScope | null>>();
  /** A user this request proved to be (signed up, signed in or verified just now) before its cookie existed. */
  private provenUserId: string | null = null;

  constructor(
    private readonly access: OrgAccess,
    readonly actor: Actor,
  ) {}

  /** What the caller is to the org (null: cannot see it). */
  scope(orgId: string): Promise<OrgScope | null> {
    let cached = this.scopes.get(orgId);
    if (!cached) {
      cached = this.access.resolve(this.actor, orgId);
      this.scopes.set(orgId, cached);
    }
    return cached;
  }

  /** The checked scope, or NOT_FOUND / FORBIDDEN / UNAUTHENTICATED. */
  async require(orgId: string, rules: readonly Rule[]): Promise<OrgScope> {
    if (this.actor.kind === "anonymous") throw unauthenticated();
    return this.access.check(this.actor, await this.scope(orgId), rules);
  }

  /** True when the caller is staff, or an active member of the org with at least `role`: for fields shown to some callers only. */
  async hasRole(orgId: string, role: Role): Promise<boolean> {
    const scope = await this.scope(orgId);
    return scope?.role !== null && scope?.role !== undefined && ROLE_RANK[scope.role] >= ROLE_RANK[role];
  }

  /** After signUp, login or verifyEmail: the answer is the caller's own account. */
  provedToBe(userId: string): void {
    this.provenUserId = userId;
  }

  get isStaff(): boolean {
    return this.actor.kind === "user" && this.actor.isStaff;
  }

  /** Personal fields of a user (balance, plan, staff flag, verification): the user themself and staff only. */
  assertSelfOrStaff(userId: string): void {
    if (this.provenUserId === userId) return;
    if (this.actor.kind === "user" && (this.actor.user.id === userId || this.actor.isStaff)) return;
    throw forbidden("Only the user themself (and support staff) can see this.");
  }
}

/** A signed-in member acts only as themself; an org API key (USAGE_WRITE) may act for any member. */
export function assertActsAs(scope: OrgScope, memberId: string, what: string): void {
  if (scope.apiKey || scope.memberId === memberId) return;
  throw forbidden(`You can ${what} only as yourself; integrations use an org API key.`);
}

/** A MEMBER sees only their own usage: their membership id replaces any member filter. Others see the whole org. */
export function narrowToOwnUsage<F extends { memberId?: string | null }>(scope: OrgScope, filters: F): F {
  return scope.role === "MEMBER" && !scope.staff ? { ...filters, memberId: scope.memberId } : filters;
}

/** OWNER/ADMIN (and staff, and keys) see every cap; a MEMBER their own and the Spaces'. */
export function seesCap(scope: OrgScope, cap: { scope: string; targetId: string }): boolean {
  if (scope.role !== "MEMBER" || scope.staff) return true;
  return cap.scope === "SPACE" || cap.targetId === scope.memberId;
}

function roleMessage(rules: readonly Rule[]): string {
  if (rules.includes("OWNER") && !rules.includes("ADMIN")) return "Only the org's owner can do this.";
  if (rules.includes("ADMIN")) return "Only the org's owner or an admin can do this.";
  return "Your role does not allow this.";
}
