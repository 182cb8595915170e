import "reflect-metadata";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginCacheControlDisabled } from "@apollo/server/plugin/disabled";
import { type Clock, OffsetClock } from "./common/clock";
import type { Config } from "./config";
import { buildDataSource, databaseKind, isGalera } from "./db/data-source";
import { Database } from "./db/database";
import { migrate } from "./db/migrate";
import type { GqlContext } from "./graphql/context";
import { makeFormatError } from "./graphql/format-error";
import { parseOptions, queryLimitRules } from "./graphql/query-limits";
import { graphqlSchema } from "./graphql/schema";
import { buildHttpApp } from "./http/http-app";
import { HttpDrain } from "./http/http-drain";
import { readinessCheck } from "./http/readiness";
import { JobRunner } from "./jobs/job-runner";
import { LimiterStore } from "./limits/limiter-store";
import { operationLimitsPlugin } from "./limits/operation-limits";
import { metricsPlugin } from "./metrics/apollo-metrics.plugin";
import { appGauges } from "./metrics/app-gauges";
import { collectProcessMetrics, processRegistry } from "./metrics/metrics";
import { FileTransport, type MailTransport, SmtpTransport } from "./mail/mail.transport";
import { createServices, type ServiceOptions, type Services } from "./container";
import { StripeGateway } from "./billing/stripe-gateway";
import { Registry } from "prom-client";

export interface AppOptions {
  config: Config;
  clock?: Clock;
  /** Overrides the transport that SMTP_URL / DATA_DIR would choose. */
  mailTransport?: MailTransport;
  /** SQLite only: the database file (":memory:" for a throwaway one). */
  sqliteFile?: string;
  /** Start the job timers (tests drive jobs with `jobs.runNow()` instead). */
  runJobs?: boolean;
  log?: (message: string, error?: unknown) => void;
  services?: ServiceOptions;
}

export interface App {
  services: Services;
  db: Database;
  clock: Clock;
  jobs: JobRunner;
  /** Listens on `port` (0 = any free port) and resolves with the base URL. */
  listen(port?: number): Promise<string>;
  close(): Promise<void>;
}

/**
 * MySQL: connections for charges (Database's `bundled` transactions), beside the 20 of the main
 * pool. A batch holds one while it runs; batches of one org run one after another, so ten serve
 * ten busy orgs at once, and more orgs' calls wait and go in larger batches.
 */
const BUNDLE_POOL_SIZE = 10;

/** How long an idle keep-alive connection stays open (see `listen`). */
const KEEP_ALIVE_MS = 65_000;

/** Opens the database, runs migrations (MIGRATE_ON_START), and wires every part of the server. */
export async function createApp(options: AppOptions): Promise<App> {
  const { config } = options;
  const log = options.log ?? ((message: string, error?: unknown) => console.error(message, error ?? ""));
  const clock = options.clock ?? new OffsetClock();
  const settings = {
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    sqliteFile: options.sqliteFile,
    logQueries: config.logQueries,
    connectTimeoutMs: config.dbConnectTimeoutMs,
    queryTimeoutMs: config.dbQueryTimeoutMs,
    lockWaitTimeoutS: config.dbLockWaitTimeoutS,
  };
  const dataSource = buildDataSource(settings);
  await dataSource.initialize();
  const kind = databaseKind(config.databaseUrl);
  // Under the database-held lock: servers started together migrate once (db/migrate.ts).
  if (config.migrateOnStart) await migrate(dataSource, kind, config.dbMigrationTimeoutMs);
  // MySQL: charges run on connections of their own that take a transaction's reads (and its writes) in one round trip.
  // Not on Galera: there the cluster suite lost acknowledged credits with them (README, "Galera"); statements go one by one.
  const bundled = kind === "mysql" && !(await isGalera(dataSource));
  const bundles = bundled
    ? await buildDataSource({ ...settings, poolSize: BUNDLE_POOL_SIZE, multipleStatements: true }).initialize()
    : undefined;
  const db = new Database(dataSource, kind, config.txRetryBudgetMs, bundles);

  const transport =
    options.mailTransport ?? (config.smtpUrl ? new SmtpTransport(config.smtpUrl) : new FileTransport(join(config.dataDir, "mail")));
  const gateway = await StripeGateway.connect(config, clock, (m) => log(m));
  const jobs = new JobRunner(db, clock, (m) => log(m));
  const limits = LimiterStore.create(config.redisUrl, config.redisKeyPrefix);
  const services = createServices({ db, clock, config, transport, log: (m) => log(m), gateway, jobs, limits, options: options.services });

  jobs.register({ name: "sessions", everyMs: 3_600_000, run: () => services.auth.sweep() });
  jobs.register({
    name: "periods",
    everyMs: 60_000,
    run: async () => {
      await services.pools.rollAllDue();
      await services.personal.rollAllDue();
    },
  });
  jobs.register({ name: "reservations", everyMs: 15_000, run: async () => void (await services.reservations.expireDue()) });
  jobs.register({ name: "downgrades", everyMs: 60_000, run: async () => void (await services.downgrades.applyDue()) });
  jobs.register({ name: "seats", everyMs: 5_000, leaseMs: 120_000, run: async () => void (await services.seats.syncDue()) });
  // Re-reads live subscriptions, recent invoices and open checkouts from Stripe: a lost webhook heals.
  jobs.register({ name: "reconcile", everyMs: 3_600_000, leaseMs: 900_000, run: async () => void (await services.webhooks.reconcile()) });
  // Outbound webhooks due now (the outbox); after the jobs above, so `runNow()` sends what they caused.
  jobs.register({
    name: "webhooks",
    everyMs: 1_000,
    leaseMs: 300_000,
    run: async () => void (await services.webhookDeliveries.deliverDue()),
  });
  // Seals webhook signing secrets stored in plain text before sealing existed (once they are all sealed, a no-op read).
  jobs.register({
    name: "webhook-secrets",
    everyMs: 600_000,
    run: async () => void (await services.endpointSecrets.sealStored(db)),
  });
  // Last, so that `runNow()` sends what the jobs above queued (soft alerts).
  jobs.register({ name: "mail", everyMs: 2_000, run: async () => void (await services.mail.deliverDue()) });

  let httpServer: Server | undefined;
  const apollo = new ApolloServer<GqlContext>({
    schema: await graphqlSchema(),
    formatError: makeFormatError(log),
    includeStacktraceInErrorResponses: false,
    parseOptions,
    validationRules: queryLimitRules,
    introspection: true,
    // main.ts owns the signals: Apollo's own handler would re-raise SIGTERM and kill the process mid-drain.
    stopOnTerminationSignals: false,
    // No cache hints anywhere (every answer is an account's own; http-app.ts marks them no-store): Apollo's cache-control
    // plugin would otherwise wrap every field's resolver to collect hints, a cost on every field of every request.
    plugins: [operationLimitsPlugin(services.operations), metricsPlugin(), ApolloServerPluginCacheControlDisabled()],
  });
  await apollo.start();
  const drain = new HttpDrain();
  const gauges = appGauges(db, jobs, () => drain.inFlight);
  const operating = {
    ready: readinessCheck(db, jobs, options.runJobs === true, drain),
    metrics: async () => {
      collectProcessMetrics();
      return Registry.merge([processRegistry, gauges]);
    },
    metricsToken: config.metricsToken,
  };
  const httpApp = buildHttpApp(apollo, services, operating, drain);
  if (options.runJobs) jobs.start();

  return {
    services,
    db,
    clock,
    jobs,
    listen(port = config.port) {
      return new Promise((resolve, reject) => {
        // Express 5 hands a listen error (a port in use) to this callback, not to "error".
        httpServer = httpApp.listen(port, "0.0.0.0", (error?: Error) => {
          if (error) return reject(error);
          const address = httpServer?.address() as AddressInfo;
          const url = `http://127.0.0.1:${address.port}`;
          // With the emulator, Stripe's webhooks come straight back to this server.
          gateway.registerWebhook(`${url}/stripe/webhook`);
          resolve(url);
        });
        httpServer.on("error", reject);
        // Idle keep-alive connections stay open past a load balancer's or client's own idle
        // timeout (60 s at most for the usual ones), so they, not we, close them: a server that
        // closes first races the next request sent on that connection, which fails as a reset.
        httpServer.keepAliveTimeout = KEEP_ALIVE_MS;
        httpServer.headersTimeout = KEEP_ALIVE_MS + 1_000;
      });
    },
    /** Stops accepting, lets requests and job runs in flight finish (SHUTDOWN_TIMEOUT_MS), gives up job leases, closes. */
    async close() {
      await Promise.all([httpServer && drain.close(httpServer, config.shutdownTimeoutMs), jobs.stop(config.shutdownTimeoutMs)]);
      await apollo.stop();
      await gateway.close();
      await services.apiKeys.close();
      await limits.close();
      await bundles?.destroy();
      await dataSource.destroy();
    },
  };
}
