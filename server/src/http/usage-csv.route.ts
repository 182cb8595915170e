import type { Request, Response } from "express";
import { GraphQLError } from "graphql";
import { exportUsageCsv } from "../analytics/usage-csv";
import type { Services } from "../container";
import { rateLimited } from "../common/errors";
import { narrowToOwnUsage } from "../common/org-access";
import { clientAddress, identify } from "./context";
import type { SessionCookie } from "./session-cookie";

const STATUS: Record<string, number> = { UNAUTHENTICATED: 401, FORBIDDEN: 403, NOT_FOUND: 404, RATE_LIMITED: 429 };

/**
 * `GET /orgs/:orgId/usage.csv?from&to` with a session or an API key (USAGE_READ):
 * the same rules as `Org.usage` (a MEMBER gets their own rows; other orgs are 404).
 * Every error answers `{ errors: [{ message, extensions: { code, field? } }] }`.
 */
export function usageCsvRoute(services: Services, cookie: SessionCookie) {
  return async (req: Request, res: Response): Promise<void> => {
    // Errors in GraphQL's shape, so one client-side reader handles both.
    const fail = (status: number, code: string, message: string, extensions: Record<string, unknown> = {}): void => {
      res.status(status).json({ errors: [{ message, extensions: { ...extensions, code } }] });
    };
    try {
      const orgId = String(req.params.orgId);
      const actor = await identify(services, cookie, req);
      if (actor.kind === "anonymous") return fail(401, "UNAUTHENTICATED", "Sign in, or send an API key.");
      // The same policy and rules as `Org.usage`, and the same rate limit as any operation.
      const scope = await services.access.forRequest(actor).require(orgId, ["MEMBER", "STAFF_READ", "SCOPE:USAGE_READ"]);
      const wait = await services.operations.take(actor, clientAddress(req), 1);
      if (wait !== null) {
        res.setHeader("Retry-After", String(wait));
        throw rateLimited(wait);
      }
      await exportUsageCsv(services.usage, req, res, orgId, narrowToOwnUsage(scope, {}));
    } catch (error) {
      const started = res.headersSent || res.destroyed;
      if (error instanceof GraphQLError && error.extensions.code && !started) {
        const code = String(error.extensions.code);
        return fail(STATUS[code] ?? 400, code, error.message, error.extensions);
      }
      console.error("usage.csv failed", error);
      // Mid-stream: a cut connection, never a CSV that looks complete.
      if (started) res.destroy(error as Error);
      else fail(500, "INTERNAL_SERVER_ERROR", "Internal server error");
    }
  };
}
