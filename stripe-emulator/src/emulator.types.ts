import type { Catalog } from "@team-billing/shared";
import type { PaymentMethodKind } from "./store";
import type { DeliveryAttempt, DeliveryMode, RetryPolicy } from "./webhooks";

// The emulator's public types, apart from index.ts so that app.ts and control.ts need not import it (no cycle).

export interface StripeEmulatorOptions {
  /** 0 = a random free port; default 12111. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Seeds products and prices with lookup keys; default DEFAULT_CATALOG; `false` seeds nothing. */
  catalog?: Catalog | false;
  /** The emulator clock's starting time; default now. */
  startTime?: Date;
  /** Frozen: only `advanceClock` moves time (tests). Default false: time flows from `startTime`. */
  freezeClock?: boolean;
  /** Base of hosted URLs (checkout page, invoices); default http://host:port. */
  publicUrl?: string;
  /**
   * A JSON file that keeps the state across restarts: loaded at start when it exists (the
   * catalog is then not seeded again), rewritten after every change. Default: memory only.
   */
  stateFile?: string;
  /** Webhook retry timing; default: 1 s doubling to at most 1 h, 12 attempts. */
  webhookRetry?: Partial<RetryPolicy>;
  log?: (msg: string) => void;
}

export interface StripeEmulator {
  readonly url: string;
  readonly host: string;
  readonly port: number;
  now(): Date;
  /** Moves the clock forward and processes everything due in order; resolves once the resulting webhooks were attempted (in immediate mode). */
  advanceClock(to: Date): Promise<void>;
  /** Registers an endpoint; without a `secret`, an enabled endpoint already at `url` (for every event) is given back instead. */
  addWebhookEndpoint(url: string, opts?: { secret?: string; events?: string[] }): { id: string; secret: string };
  setDeliveryMode(mode: DeliveryMode): void;
  deliveryMode(): DeliveryMode;
  /** Delivers what is queued (and retries waiting for their time) now. */
  flushWebhooks(): Promise<void>;
  /** Deliveries not yet succeeded or given up. */
  pendingWebhooks(): number;
  /** Every webhook delivery attempt so far, oldest first. */
  webhookAttempts(): DeliveryAttempt[];
  setCardDeclines(customerId: string, declines: boolean): void;
  /** The next `count` API requests (to paths starting with `pathPrefix`) answer 500 api_error, as in a Stripe outage. */
  failNextRequests(count: number, pathPrefix?: string): void;
  /**
   * A slow Stripe: every API answer comes `latencyMs` late (wall-clock), for `seconds` or until
   * `setLatency(0)`. Requests still take effect at once; only the answer waits.
   */
  setLatency(latencyMs: number, seconds?: number): void;
  /** The latency in force: `{ latencyMs: 0, until: null }` when Stripe is not slow. */
  latency(): { latencyMs: number; until: Date | null };
  /**
   * Pays a checkout session as the hosted page's "Pay" button would (`method` "card", the
   * default) or its "Bank debit" button ("bank_debit": completes the session `unpaid`, to be
   * settled with `settleCheckoutPayment`); returns the redirect URL.
   */
  payCheckoutSession(id: string, opts?: { email?: string; method?: PaymentMethodKind }): Promise<string>;
  /**
   * A bank debit started on the checkout page settles: `checkout.session.async_payment_succeeded`
   * (session `paid`; in subscription mode the first invoice paid and the subscription active) or
   * `checkout.session.async_payment_failed`. Resolves once the webhooks were attempted (immediate mode).
   */
  settleCheckoutPayment(id: string, opts: { succeed: boolean }): Promise<void>;
  /** What the "Cancel" button does: returns the cancel URL (the session stays open). */
  cancelCheckoutSession(id: string): string;
  close(): Promise<void>;
}
