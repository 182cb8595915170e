import type { Request, Response } from "express";
import { AppError } from "../common/errors";
import type { GqlContext } from "../graphql/context";
import type { Services } from "../container";
import type { Actor } from "../common/actor";
import type { SessionCookie } from "./session-cookie";

/** Builds each request's GraphQL context: who is calling, their access, and how to set the cookie. */
export function contextBuilder(services: Services, cookie: SessionCookie) {
  return async ({ req, res }: { req: Request; res: Response }): Promise<GqlContext> => {
    const actor = await identify(services, cookie, req);
    return {
      services,
      actor,
      ip: clientAddress(req),
      session: { set: (token) => cookie.set(res, token), clear: () => cookie.clear(res) },
      access: services.access.forRequest(actor),
    };
  };
}

/** The client's address: the socket's, or X-Forwarded-For's as far as TRUST_PROXY trusts it (Express's `trust proxy`). */
export const clientAddress = (req: Request): string => req.ip ?? req.socket.remoteAddress ?? "unknown";

/**
 * Who calls: an org API key (`Authorization: Bearer tbk_...`), a signed-in user (the
 * session cookie), or nobody. Other authorization schemes (a proxy's Basic auth, say)
 * are not ours and are ignored; an unknown or revoked key answers 401.
 */
export async function identify(services: Services, cookie: SessionCookie, req: Request): Promise<Actor> {
  const [scheme, secret] = (req.headers.authorization ?? "").trim().split(/\s+/, 2);
  if (scheme?.toLowerCase() === "bearer") {
    const apiKey = secret ? await services.apiKeys.authenticate(secret) : null;
    if (!apiKey) throw new AppError("UNAUTHENTICATED", "The API key is not valid or was revoked.", { http: { status: 401 } });
    return { kind: "apiKey", apiKey };
  }
  const token = cookie.read(req);
  const session = token ? await services.auth.userForSession(token) : null;
  if (!session) return { kind: "anonymous" };
  return { kind: "user", user: session.user, isStaff: services.auth.isStaff(session.user), sessionTokenHash: session.tokenHash };
}
