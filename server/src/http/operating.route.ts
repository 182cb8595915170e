import { timingSafeEqual } from "node:crypto";
import type { Express, Request } from "express";
import type { Registry } from "prom-client";

export interface ReadyReport {
  ok: boolean;
  /** Each check that failed, with why (never SQL or a stack). */
  failed?: Record<string, string>;
}

export interface Operating {
  ready(): Promise<ReadyReport>;
  metrics(): Promise<Registry>;
  /** `/metrics` from anywhere with this Bearer token; unset: loopback only. */
  metricsToken: string | undefined;
}

/** `/readyz` (may this process take traffic?) and `/metrics` (Prometheus text format). */
export function operatingRoutes(app: Express, operating: Operating): void {
  app.get("/readyz", async (_req, res) => {
    const report = await operating.ready();
    res.setHeader("Cache-Control", "no-store");
    res.status(report.ok ? 200 : 503).json(report);
  });

  app.get("/metrics", async (req, res) => {
    if (!metricsAllowed(req, operating.metricsToken)) {
      // GraphQL's error shape, as every HTTP error (http-app's sendError, not imported: no cycle).
      const message = "Metrics are served to loopback, or with the METRICS_TOKEN bearer token.";
      return void res.status(403).json({ errors: [{ message, extensions: { code: "FORBIDDEN" } }] });
    }
    const registry = await operating.metrics();
    res.setHeader("Cache-Control", "no-store");
    res.type(registry.contentType).send(await registry.metrics());
  });
}

function metricsAllowed(req: Request, token: string | undefined): boolean {
  if (token) {
    const given = Buffer.from(/^Bearer (.+)$/i.exec(req.header("authorization") ?? "")?.[1] ?? "");
    const wanted = Buffer.from(token);
    return given.length === wanted.length && timingSafeEqual(given, wanted);
  }
  // The socket, not req.ip: a proxy on this host forwards the world from loopback, so a
  // forwarded request is refused too.
  const address = req.socket.remoteAddress ?? "";
  const loopback = address === "::1" || address.startsWith("127.") || address.startsWith("::ffff:127.");
  return loopback && !req.header("x-forwarded-for") && !req.header("forwarded");
}
