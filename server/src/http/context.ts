import type { Request, Response } from "express";
import { GraphQLError } from "graphql";
import type { GqlContext } from "../graphql/context";
import type { Services } from "../services";
import type { Actor } from "../services/actor";
import { RateLimiter } from "./rate-limit";
import type { SessionCookie } from "./session-cookie";

/** Builds each request's GraphQL context: who is calling, and how to set the cookie. */
export function contextBuilder(services: Services, cookie: SessionCookie) {
  const { config } = services;
  const keys = new RateLimiter(config.rateLimitKeyPerSecond, config.rateLimitKeyPerSecond * 10);
  const users = new RateLimiter(config.rateLimitUserPerSecond, config.rateLimitUserPerSecond * 10);
  return async ({ req, res }: { req: Request; res: Response }): Promise<GqlContext> => {
    const actor = await identify(services, cookie, req);
    const limited =
      actor.kind === "apiKey" ? keys.take(actor.apiKey.id) : actor.kind === "user" ? users.take(actor.user.id) : { ok: true as const };
    if (!limited.ok) {
      res.setHeader("Retry-After", String(limited.retryAfterSeconds));
      throw new GraphQLError(`Too many requests; try again in ${limited.retryAfterSeconds} s.`, {
        extensions: { code: "RATE_LIMITED", retryAfter: limited.retryAfterSeconds, http: { status: 429 } },
      });
    }
    return {
      services,
      actor,
      ip: req.ip ?? req.socket.remoteAddress ?? "unknown",
      session: { set: (token) => cookie.set(res, token), clear: () => cookie.clear(res) },
      memberships: new Map(),
    };
  };
}

export async function identify(services: Services, cookie: SessionCookie, req: Request): Promise<Actor> {
  const authorization = req.headers.authorization;
  if (authorization) {
    const [scheme, secret] = authorization.split(" ");
    const apiKey = scheme === "Bearer" && secret ? await services.apiKeys.authenticate(secret.trim()) : null;
    if (!apiKey) {
      throw new GraphQLError("The API key is not valid or was revoked.", {
        extensions: { code: "UNAUTHENTICATED", http: { status: 401 } },
      });
    }
    return { kind: "apiKey", apiKey };
  }
  const token = cookie.read(req);
  const session = token ? await services.auth.userForSession(token) : null;
  if (!session) return { kind: "anonymous" };
  return { kind: "user", user: session.user, isStaff: services.auth.isStaff(session.user), sessionTokenHash: session.tokenHash };
}
