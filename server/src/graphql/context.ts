import type { MembershipEntity } from "../entities";
import type { Actor, UserActor } from "../services/actor";
import type { Services } from "../services";
import { unauthenticated } from "../errors";

/** What every resolver receives. */
export interface GqlContext {
  services: Services;
  actor: Actor;
  ip: string;
  /** Sets or clears the session cookie on the response. */
  session: { set(token: string): void; clear(): void };
  /** Per-request cache of the caller's membership per org (the auth checker fills it). */
  memberships: Map<string, Promise<MembershipEntity | null>>;
}

/** The signed-in user; resolvers behind @Authorized user rules may rely on it. */
export function userActor(ctx: GqlContext): UserActor {
  if (ctx.actor.kind !== "user") throw unauthenticated();
  return ctx.actor;
}
