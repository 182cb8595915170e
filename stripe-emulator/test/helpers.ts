import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import Stripe from "stripe";
import { type StripeEmulator, type StripeEmulatorOptions, startStripeEmulator } from "../src/index";

export const DAY = 86_400;
export const at = (iso: string): number => Date.parse(iso) / 1000;
export const iso = (unix: number): string => new Date(unix * 1000).toISOString();

export interface Harness {
  emulator: StripeEmulator;
  stripe: Stripe;
  close(): Promise<void>;
}

/** A frozen-clock emulator on a random port and the real SDK pointed at it. */
export async function startHarness(opts: StripeEmulatorOptions = {}): Promise<Harness> {
  const emulator = await startStripeEmulator({ port: 0, freezeClock: true, ...opts });
  const stripe = new Stripe("sk_test_emulator", {
    host: emulator.host,
    port: emulator.port,
    protocol: "http",
    maxNetworkRetries: 0,
  });
  return { emulator, stripe, close: () => emulator.close() };
}

export async function priceId(stripe: Stripe, lookupKey: string): Promise<string> {
  const { data } = await stripe.prices.list({ lookup_keys: [lookupKey] });
  if (!data[0]) throw new Error(`no price ${lookupKey}`);
  return data[0].id;
}

/** A subscription made through the hosted checkout, paid: what the server does for Team. */
export async function checkoutSubscription(
  h: Harness,
  items: { lookupKey: string; quantity: number }[],
  extra: Partial<Stripe.Checkout.SessionCreateParams> = {},
): Promise<{ session: Stripe.Checkout.Session; subscription: Stripe.Subscription }> {
  const lineItems = [];
  for (const i of items) lineItems.push({ price: await priceId(h.stripe, i.lookupKey), quantity: i.quantity });
  const session = await h.stripe.checkout.sessions.create({
    mode: "subscription",
    line_items: lineItems,
    customer_email: "owner@example.com",
    success_url: "http://app.test/billing/success?session_id={CHECKOUT_SESSION_ID}",
    cancel_url: "http://app.test/billing",
    ...extra,
  });
  await h.emulator.payCheckoutSession(session.id);
  const done = await h.stripe.checkout.sessions.retrieve(session.id, { expand: ["subscription"] });
  return { session: done, subscription: done.subscription as Stripe.Subscription };
}

export interface Received {
  event: Stripe.Event;
  raw: string;
  signature: string;
}

/** A real local HTTP endpoint that verifies every delivery with stripe.webhooks.constructEvent. */
export class WebhookReceiver {
  readonly received: Received[] = [];
  readonly rejected: string[] = [];
  /** Answer this status to the next N requests (then 200). */
  failNext = 0;
  private server: Server | undefined;
  private waiters: (() => void)[] = [];
  private readonly verifier = new Stripe("sk_test_verifier");

  constructor(public secret = "whsec_receiver_secret") {}

  get url(): string {
    const address = this.server?.address() as AddressInfo | undefined;
    return `http://127.0.0.1:${address?.port}/webhook`;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      void this.handle(req).then((status) => {
        res.writeHead(status).end();
        for (const w of this.waiters.splice(0)) w();
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, "127.0.0.1", resolve));
    return this;
  }

  private async handle(req: IncomingMessage): Promise<number> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString("utf8");
    if (this.failNext > 0) {
      this.failNext--;
      return 500;
    }
    const signature = String(req.headers["stripe-signature"] ?? "");
    try {
      const event = this.verifier.webhooks.constructEvent(raw, signature, this.secret);
      this.received.push({ event, raw, signature });
      return 200;
    } catch (e) {
      this.rejected.push(e instanceof Error ? e.message : String(e));
      return 400;
    }
  }

  types(): string[] {
    return this.received.map((r) => r.event.type);
  }

  /** Resolves once `predicate` holds (checked after every request), or fails after `ms`. */
  async waitFor(predicate: () => boolean, ms = 5000): Promise<void> {
    const deadline = Date.now() + ms;
    while (!predicate()) {
      if (Date.now() > deadline) throw new Error(`timed out; received: ${this.types().join(", ")}`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 50);
      });
    }
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.server?.close(() => resolve());
      this.server?.closeAllConnections();
    });
  }
}

/** Polls until `predicate` holds, or fails after `ms`. */
export async function waitUntil(predicate: () => boolean, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export interface WireError {
  type: string;
  code?: string;
  message: string;
  param?: string;
}

/** The `error` of Stripe's error envelope, read off a raw response. */
export async function errorOf(res: Response): Promise<WireError> {
  return ((await res.json()) as { error: WireError }).error;
}
