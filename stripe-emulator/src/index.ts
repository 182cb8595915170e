import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { DEFAULT_CATALOG } from "@team-billing/shared";
import { createRequestHandler } from "./app";
import { completeCheckout, settleCheckout } from "./billing/checkout";
import { nextDue, processUntil } from "./billing/scheduler";
import { EmulatorClock } from "./clock";
import type { StripeEmulator, StripeEmulatorOptions } from "./emulator.types";
import { API_VERSION, Core } from "./core";
import { createWebhookEndpoint } from "./resources/events-and-webhooks";
import { allRoutes } from "./resources";
import { compile } from "./routes";
import { seedCatalog } from "./seed";
import { loadState, saveState } from "./state-file";
import { ApiServer } from "./server";
import { DEFAULT_RETRY } from "./webhooks";

export type { StripeEmulator, StripeEmulatorOptions } from "./emulator.types";
export type { DeliveryAttempt, DeliveryMode, RetryPolicy } from "./webhooks";
export type { PaymentMethodKind } from "./store";
export { API_VERSION } from "./core";

const TICK_MS = 1_000;

export async function startStripeEmulator(opts: StripeEmulatorOptions = {}): Promise<StripeEmulator> {
  const host = opts.host ?? "127.0.0.1";
  const log = opts.log ?? (() => undefined);
  const clock = new EmulatorClock(opts.startTime ?? new Date(), opts.freezeClock ?? false);
  const core = new Core(clock, { ...DEFAULT_RETRY, ...opts.webhookRetry }, log);
  const stateFile = opts.stateFile;
  const restored = stateFile !== undefined && loadState(core, stateFile);
  if (!restored && opts.catalog !== false) seedCatalog(core, opts.catalog ?? DEFAULT_CATALOG);
  if (stateFile !== undefined) {
    core.persist = () => saveState(core, stateFile);
    core.persist();
  }
  const api = new ApiServer(core, compile(allRoutes));

  // With a flowing clock, what falls due is processed as time passes (and before each request).
  const catchUp = () => {
    const due = nextDue(core);
    if (due !== undefined && due <= core.now()) {
      processUntil(core, clock.nowMs());
      core.persist();
    }
  };

  let port = 0;
  let ticker: NodeJS.Timeout | undefined;
  const emulator: StripeEmulator = {
    get url() {
      return `http://${host}:${port}`;
    },
    host,
    get port() {
      return port;
    },
    now: () => new Date(clock.nowMs()),
    async advanceClock(to) {
      if (to.getTime() < clock.nowMs()) {
        throw new Error(`cannot move the clock back (now ${new Date(clock.nowMs()).toISOString()})`);
      }
      processUntil(core, to.getTime());
      core.persist();
      await core.webhooks.settle();
    },
    addWebhookEndpoint(url, o = {}) {
      const existing =
        o.secret === undefined && o.events === undefined
          ? core.store.webhookEndpoints.all().find((e) => e.url === url && e.status === "enabled" && e.enabled_events.includes("*"))
          : undefined;
      const row = existing ?? createWebhookEndpoint(core, { url, enabledEvents: o.events ?? ["*"], secret: o.secret });
      core.persist();
      return { id: row.id, secret: row.secret };
    },
    setDeliveryMode: (mode) => core.webhooks.setMode(mode),
    deliveryMode: () => core.webhooks.getMode(),
    flushWebhooks: () => core.webhooks.flush(),
    pendingWebhooks: () => core.webhooks.pendingCount(),
    webhookAttempts: () => [...core.webhooks.attempts],
    setCardDeclines(customerId, declines) {
      core.store.customers.find(customerId, "customer");
      if (declines) core.store.decliningCustomers.add(customerId);
      else core.store.decliningCustomers.delete(customerId);
      core.persist();
    },
    failNextRequests(count, pathPrefix = "/v1/") {
      core.outage = { requests: Math.max(0, Math.floor(count)), prefix: pathPrefix };
    },
    setLatency(latencyMs, seconds) {
      if (!Number.isFinite(latencyMs) || latencyMs < 0) throw new Error(`invalid latency: ${latencyMs} ms`);
      core.latency =
        latencyMs === 0
          ? { latencyMs: 0, untilMs: null }
          : { latencyMs: Math.floor(latencyMs), untilMs: seconds === undefined ? null : Date.now() + seconds * 1000 };
    },
    latency() {
      const latencyMs = core.currentLatencyMs();
      const { untilMs } = core.latency;
      return { latencyMs, until: latencyMs > 0 && untilMs !== null ? new Date(untilMs) : null };
    },
    async payCheckoutSession(id, o = {}) {
      const location = completeCheckout(core, core.store.sessions.find(id, "session"), o.email, o.method);
      core.persist();
      await core.webhooks.settle();
      return location;
    },
    async settleCheckoutPayment(id, o) {
      settleCheckout(core, core.store.sessions.find(id, "session"), o.succeed);
      core.persist();
      await core.webhooks.settle();
    },
    cancelCheckoutSession(id) {
      const session = core.store.sessions.find(id, "session");
      return session.cancel_url ?? `${core.publicUrl}/checkout/${session.id}`;
    },
    async close() {
      clearInterval(ticker);
      core.persist();
      core.webhooks.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };

  const server = createServer(createRequestHandler(core, api, emulator, catchUp));
  await listen(server, opts.port ?? 12111, host);
  port = (server.address() as AddressInfo).port;
  core.publicUrl = (opts.publicUrl ?? emulator.url).replace(/\/+$/, "");
  if (!clock.frozen) {
    ticker = setInterval(catchUp, TICK_MS);
    ticker.unref();
  }
  log(
    `Stripe emulator listening on http://${host}:${port} (API version ${API_VERSION})` +
      (stateFile ? `; state ${restored ? "restored from" : "kept in"} ${stateFile}` : ""),
  );
  return emulator;
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
}
