import { existsSync } from "node:fs";
import { join } from "node:path";
import type { ApolloServer } from "@apollo/server";
import { expressMiddleware } from "@as-integrations/express5";
import express, { type ErrorRequestHandler, type Express, type Response } from "express";
import type { GqlContext } from "../graphql/context";
import type { Services } from "../container";
import { contextBuilder } from "./context";
import type { HttpDrain } from "./http-drain";
import { type Operating, operatingRoutes } from "./operating.route";
import { usageCsvRoute } from "./usage-csv.route";
import { SessionCookie } from "./session-cookie";

/** One process serves GraphQL, the Stripe webhook, and the built console. */
export function buildHttpApp(apollo: ApolloServer<GqlContext>, services: Services, operating: Operating, drain: HttpDrain): Express {
  const { config } = services;
  const app = express();
  app.use(drain.track);
  app.disable("x-powered-by");
  // Behind TRUST_PROXY load balancers, req.ip is the client's (X-Forwarded-For), for rate limits.
  if (config.trustProxy > 0) app.set("trust proxy", config.trustProxy);
  app.use((_req, res, next) => {
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.setHeader("Referrer-Policy", "same-origin");
    res.setHeader("X-Frame-Options", "DENY");
    next();
  });

  app.get("/healthz", (_req, res) => {
    // publicUrl: where checkout returns and mailed links lead; the console warns when opened elsewhere.
    res.json({ ok: true, time: services.clock.now().toISOString(), publicUrl: config.publicUrl });
  });
  operatingRoutes(app, operating);

  // The raw body: Stripe's signature covers the exact bytes.
  app.post("/stripe/webhook", express.raw({ type: "*/*", limit: "1mb" }), async (req, res) => {
    const reply = await services.webhooks.handle(req.body as Buffer, req.header("stripe-signature"));
    res.status(reply.status).json(reply.body);
  });

  const cookie = new SessionCookie(config.sessionSecret, config.publicUrl.startsWith("https:"));
  app.get("/orgs/:orgId/usage.csv", usageCsvRoute(services, cookie));
  app.use(
    "/graphql",
    (_req, res, next) => {
      // Every answer is one account's own: never kept by a browser or a proxy (GET queries included).
      res.setHeader("Cache-Control", "no-store");
      next();
    },
    express.json({ limit: "1mb" }),
    expressMiddleware(apollo, { context: contextBuilder(services, cookie) }),
  );

  if (existsSync(join(config.consoleDir, "index.html"))) {
    // Vite's hashed assets never change; everything else is revalidated.
    app.use(
      express.static(config.consoleDir, {
        index: false,
        setHeaders: (res, path) =>
          res.setHeader("Cache-Control", path.includes("/assets/") ? "public, max-age=31536000, immutable" : "no-cache"),
      }),
    );
    // Client-side routes: every other GET that accepts HTML gets the app shell.
    app.get(/.*/, (req, res, next) => {
      if (!req.accepts("html")) return next();
      res.setHeader("Cache-Control", "no-cache");
      res.sendFile(join(config.consoleDir, "index.html"));
    });
  } else {
    app.get("/", (_req, res) => {
      res.type("text").send("Team Billing API: POST /graphql. The console is not built (run `pnpm build`).");
    });
  }
  app.use((req, res) => sendError(res, 404, "NOT_FOUND", `There is nothing at ${req.method} ${req.path}.`));
  app.use(jsonErrors);
  return app;
}

/** Every HTTP error answers in GraphQL's shape, never with a stack, a path or SQL. */
export function sendError(res: Response, status: number, code: string, message: string, extensions: Record<string, unknown> = {}): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.status(status).json({ errors: [{ message, extensions: { ...extensions, code } }] });
}

/** Body-parser failures (bad JSON, too large) and anything unexpected, as JSON. */
const jsonErrors: ErrorRequestHandler = (error: { type?: string; status?: number }, _req, res, _next) => {
  if (error.type === "entity.parse.failed") return sendError(res, 400, "BAD_REQUEST", "The request body is not valid JSON.");
  if (error.type === "entity.too.large") return sendError(res, 413, "BAD_REQUEST", "The request body is larger than 1 MB.");
  if (typeof error.status === "number" && error.status >= 400 && error.status < 500) {
    return sendError(res, error.status, "BAD_REQUEST", "The request could not be read.");
  }
  console.error("http request failed", error);
  return sendError(res, 500, "INTERNAL_SERVER_ERROR", "Internal server error");
};
