import { Counter, collectDefaultMetrics, Histogram, Registry } from "prom-client";

/**
 * The process's counters and histograms, one set per process (several apps in one test
 * process add up). What is read at scrape time from one app's database (job lag, outbox
 * depth, the pool) is in `app-gauges.ts`, in a registry of that app's own.
 */
export const processRegistry = new Registry();

export const requestSeconds = new Histogram({
  name: "team_billing_graphql_request_duration_seconds",
  help: "GraphQL request latency by operation name (anonymous: none given; other: past the label cap)",
  labelNames: ["operation"],
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [processRegistry],
});

export const usageOutcomes = new Counter({
  name: "team_billing_record_usage_total",
  help: "recordUsage calls charged: admitted, or refused by error code",
  labelNames: ["outcome"],
  registers: [processRegistry],
});

export const usageBatchCalls = new Histogram({
  name: "team_billing_usage_batch_calls",
  help: "recordUsage calls charged together in one transaction (calls of one org that arrived together)",
  buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256, 500],
  registers: [processRegistry],
});

export const transactionRetries = new Counter({
  name: "team_billing_transaction_retries_total",
  help: "Database transactions run again, by the error that caused it (deadlock, lock wait timeout, busy)",
  labelNames: ["error"],
  registers: [processRegistry],
});

let defaults = false;
/** Node's process metrics (CPU, heap, event loop lag), from the first app that serves `/metrics`. */
export function collectProcessMetrics(): void {
  if (defaults) return;
  defaults = true;
  collectDefaultMetrics({ register: processRegistry, prefix: "team_billing_" });
}

/** The one line metering calls: counts each charged call's outcome, and hands the outcomes on. */
export function countUsageOutcomes<T extends { ok: true } | { ok: false; error: { code: string } }>(outcomes: T[]): T[] {
  for (const outcome of outcomes) usageOutcomes.inc({ outcome: outcome.ok ? "admitted" : outcome.error.code });
  return outcomes;
}

/** The one line the transaction retry loop calls. */
export function countRetry(error: unknown): void {
  const e = error as { errno?: number; code?: string; driverError?: { errno?: number; code?: string } };
  transactionRetries.inc({ error: String(e?.driverError?.code ?? e?.code ?? e?.driverError?.errno ?? e?.errno ?? "unknown") });
}
