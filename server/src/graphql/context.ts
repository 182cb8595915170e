import type { Actor, UserActor } from "../common/actor";
import type { RequestAccess } from "../common/org-access";
import type { Services } from "../container";
import { unauthenticated } from "../common/errors";

/** What every resolver receives. */
export interface GqlContext {
  services: Services;
  actor: Actor;
  ip: string;
  /** Sets or clears the session cookie on the response. */
  session: { set(token: string): void; clear(): void };
  /** The caller's access to orgs, decided by the one policy and cached for the request. */
  access: RequestAccess;
}

/** The signed-in user; resolvers behind @Authorized user rules may rely on it. */
export function userActor(ctx: GqlContext): UserActor {
  if (ctx.actor.kind !== "user") throw unauthenticated();
  return ctx.actor;
}
