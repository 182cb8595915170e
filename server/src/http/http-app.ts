import { existsSync } from "node:fs";
import { join } from "node:path";
import type { ApolloServer } from "@apollo/server";
import { expressMiddleware } from "@as-integrations/express5";
import express, { type Express } from "express";
import type { GqlContext } from "../graphql/context";
import type { Services } from "../services";
import { contextBuilder } from "./context";
import { usageCsvRoute } from "./usage-csv.route";
import { SessionCookie } from "./session-cookie";

/** One process serves GraphQL, the Stripe webhook, and the built console. */
export function buildHttpApp(apollo: ApolloServer<GqlContext>, services: Services): Express {
  const { config } = services;
  const app = express();
  app.disable("x-powered-by");
  app.use((_req, res, next) => {
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.setHeader("Referrer-Policy", "same-origin");
    res.setHeader("X-Frame-Options", "DENY");
    next();
  });

  app.get("/healthz", (_req, res) => {
    res.json({ ok: true, time: services.clock.now().toISOString() });
  });

  // The raw body: Stripe's signature covers the exact bytes.
  app.post("/stripe/webhook", express.raw({ type: "*/*", limit: "1mb" }), async (req, res) => {
    const reply = await services.webhooks.handle(req.body as Buffer, req.header("stripe-signature"));
    res.status(reply.status).json(reply.body);
  });

  const cookie = new SessionCookie(config.sessionSecret, config.publicUrl.startsWith("https:"));
  app.get("/orgs/:orgId/usage.csv", usageCsvRoute(services, cookie));
  app.use("/graphql", express.json({ limit: "1mb" }), expressMiddleware(apollo, { context: contextBuilder(services, cookie) }));

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
  return app;
}
