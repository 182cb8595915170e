import Stripe from "stripe";
import type { Store, WebhookEndpointRow } from "./store";

/**
 * How events reach webhook endpoints. `immediate` sends each event as it happens; `queued`
 * holds them until `flush()`; `shuffled` also holds them and flushes in random order;
 * `duplicate` sends every event twice; `{ failFirst: n }` fails the first n attempts of every
 * delivery (nothing is sent) so that the retries can be watched.
 */
export type DeliveryMode = "immediate" | "queued" | "shuffled" | "duplicate" | { failFirst: number };

export interface RetryPolicy {
  /** Delay before the first retry; each later one doubles, up to `maxDelayMs`. */
  initialDelayMs: number;
  maxDelayMs: number;
  /** Attempts in all before a delivery is given up. */
  maxAttempts: number;
}

export const DEFAULT_RETRY: RetryPolicy = { initialDelayMs: 1_000, maxDelayMs: 3_600_000, maxAttempts: 12 };

export interface DeliveryAttempt {
  eventId: string;
  eventType: string;
  endpointId: string;
  url: string;
  attempt: number;
  ok: boolean;
  status: number | null;
  error: string | null;
  at: string;
}

interface Delivery {
  event: Stripe.Event;
  endpoint: WebhookEndpointRow;
  attempts: number;
  failuresToSimulate: number;
  state: "held" | "running" | "retrying" | "done" | "gave_up";
  timer?: NodeJS.Timeout;
}

const TIMEOUT_MS = 10_000;

export class WebhookDispatcher {
  private mode: DeliveryMode = "immediate";
  private deliveries: Delivery[] = [];
  private readonly inflight = new Set<Promise<void>>();
  private readonly chains = new Map<string, Promise<void>>();
  private readonly delivered = new Set<string>();
  readonly attempts: DeliveryAttempt[] = [];

  constructor(
    private readonly store: Store,
    private readonly retry: RetryPolicy,
    private readonly log: (msg: string) => void,
  ) {}

  setMode(mode: DeliveryMode): void {
    if (typeof mode === "object" && !(Number.isInteger(mode.failFirst) && mode.failFirst >= 0)) {
      throw new Error("failFirst must be a non-negative integer");
    }
    if (typeof mode === "string" && !["immediate", "queued", "shuffled", "duplicate"].includes(mode)) {
      throw new Error(`unknown delivery mode: ${mode}`);
    }
    this.mode = mode;
  }

  getMode(): DeliveryMode {
    return this.mode;
  }

  endpointsFor(type: string): WebhookEndpointRow[] {
    return this.store.webhookEndpoints
      .all()
      .filter((e) => e.status === "enabled" && (e.enabled_events.includes("*") || e.enabled_events.includes(type)));
  }

  enqueue(event: Stripe.Event, endpoints: WebhookEndpointRow[]): void {
    const mode = this.mode;
    const copies = mode === "duplicate" ? 2 : 1;
    const failures = typeof mode === "object" ? mode.failFirst : 0;
    const hold = mode === "queued" || mode === "shuffled";
    for (const endpoint of endpoints) {
      for (let i = 0; i < copies; i++) {
        const d: Delivery = {
          event,
          endpoint,
          attempts: 0,
          failuresToSimulate: failures,
          state: hold ? "held" : "running",
        };
        this.deliveries.push(d);
        if (!hold) this.run(d);
      }
    }
  }

  /** Sends everything held or waiting for a retry now (in random order in `shuffled` mode). */
  async flush(): Promise<void> {
    const pending = this.deliveries.filter((d) => d.state === "held" || d.state === "retrying");
    if (this.mode === "shuffled") shuffle(pending);
    for (const d of pending) {
      clearTimeout(d.timer);
      d.state = "running";
      this.run(d);
    }
    await this.settle();
  }

  /** Resolves once every attempt under way has finished (later retries are not awaited). */
  async settle(): Promise<void> {
    while (this.inflight.size > 0) await Promise.all([...this.inflight]);
  }

  pendingCount(): number {
    return this.deliveries.filter((d) => d.state === "held" || d.state === "retrying" || d.state === "running").length;
  }

  close(): void {
    for (const d of this.deliveries) clearTimeout(d.timer);
    this.deliveries = [];
  }

  // Attempts to one endpoint go one at a time, so it sees events in the order they were sent.
  private run(d: Delivery): void {
    const key = d.endpoint.id;
    const next = (this.chains.get(key) ?? Promise.resolve()).then(() => this.attempt(d));
    this.chains.set(key, next);
    this.inflight.add(next);
    void next.finally(() => this.inflight.delete(next));
  }

  private async attempt(d: Delivery): Promise<void> {
    if (d.state !== "running") return;
    d.attempts++;
    const base = {
      eventId: d.event.id,
      eventType: d.event.type,
      endpointId: d.endpoint.id,
      url: d.endpoint.url,
      attempt: d.attempts,
    };
    if (d.failuresToSimulate > 0) {
      d.failuresToSimulate--;
      this.record({ ...base, ok: false, status: null, error: "simulated failure (failFirst)" });
      this.scheduleRetry(d);
      return;
    }
    const payload = JSON.stringify(d.event, null, 2);
    // Signed by the SDK's own helper (`t=…,v1=…`). `t` is wall-clock time even when the emulator
    // clock has moved: receivers check it against their own clock (five minutes' tolerance).
    const header = Stripe.webhooks.generateTestHeaderString({
      payload,
      secret: d.endpoint.secret,
      timestamp: Math.floor(Date.now() / 1000),
    });
    try {
      const res = await fetch(d.endpoint.url, {
        method: "POST",
        headers: {
          "Content-Type": "application/json; charset=utf-8",
          "Stripe-Signature": header,
          "User-Agent": "Stripe/1.0 (+https://stripe.com/docs/webhooks)",
        },
        body: payload,
        redirect: "manual",
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      await res.arrayBuffer().catch(() => undefined);
      const ok = res.status >= 200 && res.status < 300;
      this.record({ ...base, ok, status: res.status, error: ok ? null : `HTTP ${res.status}` });
      if (ok) this.succeed(d);
      else this.scheduleRetry(d);
    } catch (e) {
      this.record({ ...base, ok: false, status: null, error: e instanceof Error ? e.message : String(e) });
      this.scheduleRetry(d);
    }
  }

  private succeed(d: Delivery): void {
    d.state = "done";
    this.deliveries = this.deliveries.filter((x) => x !== d);
    const key = `${d.event.id} ${d.endpoint.id}`;
    if (!this.delivered.has(key)) {
      this.delivered.add(key);
      d.event.pending_webhooks = Math.max(0, d.event.pending_webhooks - 1);
    }
  }

  private scheduleRetry(d: Delivery): void {
    if (d.attempts >= this.retry.maxAttempts) {
      d.state = "gave_up";
      this.deliveries = this.deliveries.filter((x) => x !== d);
      this.log(`webhook ${d.event.type} ${d.event.id} to ${d.endpoint.url}: gave up after ${d.attempts} attempts`);
      return;
    }
    const delay = Math.min(this.retry.initialDelayMs * 2 ** (d.attempts - 1), this.retry.maxDelayMs);
    d.state = "retrying";
    d.timer = setTimeout(() => {
      d.timer = undefined;
      if (d.state !== "retrying") return;
      d.state = "running";
      this.run(d);
    }, delay);
    d.timer.unref();
  }

  private record(attempt: Omit<DeliveryAttempt, "at">): void {
    this.attempts.push({ ...attempt, at: new Date().toISOString() });
  }
}

function shuffle<T>(items: T[]): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
}
