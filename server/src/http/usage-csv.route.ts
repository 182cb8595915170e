import type { Request, Response } from "express";
import { GraphQLError } from "graphql";
import { streamUsageCsv } from "../analytics/usage-csv";
import type { Services } from "../services";
import { identify } from "./context";
import type { SessionCookie } from "./session-cookie";

/**
 * `GET /orgs/:orgId/usage.csv?from&to` with a session or an API key (USAGE_READ):
 * the same rules as `Org.usage` (a MEMBER gets their own rows; other orgs are 404).
 */
export function usageCsvRoute(services: Services, cookie: SessionCookie) {
  return async (req: Request, res: Response): Promise<void> => {
    const fail = (status: number, code: string, message: string): void => {
      res.status(status).json({ error: { code, message } });
    };
    try {
      const orgId = String(req.params.orgId);
      const actor = await identify(services, cookie, req);
      let memberId: string | null = null;
      if (actor.kind === "anonymous") return fail(401, "UNAUTHENTICATED", "Sign in, or send an API key.");
      if (actor.kind === "apiKey") {
        if (actor.apiKey.orgId !== orgId) return fail(404, "NOT_FOUND", "Org was not found.");
        if (!actor.apiKey.scopes.includes("USAGE_READ")) return fail(403, "FORBIDDEN", "This API key needs the USAGE_READ scope.");
      } else {
        const membership = await services.members.membershipOf(orgId, actor.user.id);
        if (!membership && !(actor.isStaff && (await services.orgs.exists(orgId)))) return fail(404, "NOT_FOUND", "Org was not found.");
        if (membership?.role === "MEMBER") memberId = membership.id;
      }
      const range = await services.usage.defaultRange(orgId);
      const parse = (name: string, fallback: Date) => {
        const raw = req.query[name];
        if (raw === undefined) return fallback;
        const date = new Date(String(raw));
        if (Number.isNaN(date.getTime()))
          throw new GraphQLError(`${name}: not an ISO-8601 time`, { extensions: { code: "BAD_USER_INPUT" } });
        return date;
      };
      const from = parse("from", range.from);
      const to = parse("to", range.to);
      if (to <= from) return fail(400, "BAD_USER_INPUT", "to: must be after from");
      await streamUsageCsv(services.usage.db, res, orgId, from, to, { memberId });
    } catch (error) {
      if (error instanceof GraphQLError && error.extensions.code) return fail(400, String(error.extensions.code), error.message);
      console.error("usage.csv failed", error);
      if (res.headersSent) res.destroy(error as Error);
      else fail(500, "INTERNAL_SERVER_ERROR", "Internal server error");
    }
  };
}
