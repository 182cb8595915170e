import Stripe from "stripe";
import type { EmulatorClock } from "./clock";
import { IdempotencyStore } from "./idempotency";
import { newId } from "./ids";
import { Store } from "./store";
import { type RetryPolicy, WebhookDispatcher } from "./webhooks";

/** The API version the installed SDK pins; every object is shaped for it. */
export const API_VERSION: string = Stripe.API_VERSION;

/** The emulator's state and services, shared by every endpoint and by the clock. */
export class Core {
  readonly store = new Store();
  readonly idempotency = new IdempotencyStore();
  readonly webhooks: WebhookDispatcher;
  /** Called after every change, before it is answered (writes the state file when there is one). */
  persist: () => void = () => undefined;
  publicUrl = "";
  /** The API request being handled, recorded in the `request` field of the events it causes. */
  request: { id: string; idempotencyKey: string | null } | null = null;
  /** How many coming API requests (to paths starting with `prefix`) fail with a 500 api_error: an outage, for tests. */
  outage = { requests: 0, prefix: "/v1/" };
  /**
   * A slow Stripe: every API answer is held back `latencyMs` (wall-clock) until `untilMs`
   * (wall-clock epoch ms; null = until switched off).
   */
  latency: { latencyMs: number; untilMs: number | null } = { latencyMs: 0, untilMs: null };

  /** The delay to put on an API answer now (0 once the slow spell is over). */
  currentLatencyMs(): number {
    const { latencyMs, untilMs } = this.latency;
    if (latencyMs === 0) return 0;
    if (untilMs !== null && Date.now() >= untilMs) {
      this.latency = { latencyMs: 0, untilMs: null };
      return 0;
    }
    return latencyMs;
  }

  constructor(
    readonly clock: EmulatorClock,
    retry: RetryPolicy,
    readonly log: (msg: string) => void,
  ) {
    this.webhooks = new WebhookDispatcher(this.store, retry, log);
  }

  now(): number {
    return this.clock.now();
  }

  /** Records an event with a snapshot of `object` and hands it to the webhook dispatcher. */
  emit(type: Stripe.Event.Type, object: { id: string; object: string }, previous?: Record<string, unknown>): Stripe.Event {
    const endpoints = this.webhooks.endpointsFor(type);
    const event = {
      id: newId("evt"),
      object: "event",
      api_version: API_VERSION,
      created: this.now(),
      data: previous ? { object: snapshot(object), previous_attributes: snapshot(previous) } : { object: snapshot(object) },
      livemode: false,
      pending_webhooks: endpoints.length,
      request: { id: this.request?.id ?? null, idempotency_key: this.request?.idempotencyKey ?? null },
      type,
    } satisfies Stripe.EventBase;
    // The union of typed events cannot be built generically; the base shape is checked above.
    const stored = this.store.events.insert(event as Stripe.Event);
    this.webhooks.enqueue(stored, endpoints);
    return stored;
  }
}

export function snapshot<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/**
 * The attributes of `before` that differ in `after`, with their old values: Stripe's
 * `data.previous_attributes` of `*.updated` events.
 */
export function previousAttributes(before: object, after: object): Record<string, unknown> {
  const prev: Record<string, unknown> = {};
  const a = before as Record<string, unknown>;
  const b = snapshot(after) as Record<string, unknown>;
  for (const key of Object.keys(a)) {
    if (JSON.stringify(a[key]) !== JSON.stringify(b[key])) prev[key] = a[key];
  }
  return prev;
}
