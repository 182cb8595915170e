import { type PriceLookupKey, type Catalog } from "@team-billing/shared";
import { type StripeEmulator, startStripeEmulator } from "@team-billing/stripe-emulator";
import Stripe from "stripe";
import { type Clock, OffsetClock } from "../common/clock";
import type { Config } from "../config";
import { stripeHost } from "./stripe-host";

/** Stripe's default is 80 s; a hung call must give up well before a lease or a user gives up. */

/**
 * Stripe's one door: the real API when STRIPE_SECRET_KEY is set, else the project's
 * emulator started in-process (the real SDK pointed at it). The SDK's pinned API
 * version is used as it is.
 */
export class StripeGateway {
  private readonly prices = new Map<string, Stripe.Price>();
  webhookSecret: string | undefined;

  private constructor(
    readonly stripe: Stripe,
    readonly emulator: StripeEmulator | null,
    webhookSecret: string | undefined,
  ) {
    this.webhookSecret = webhookSecret;
  }

  static async connect(config: Config, clock: Clock, log: (message: string) => void): Promise<StripeGateway> {
    if (config.stripeSecretKey) {
      return new StripeGateway(
        new Stripe(config.stripeSecretKey, { maxNetworkRetries: 2, timeout: config.stripeTimeoutMs, ...stripeHost(config.stripeApiUrl) }),
        null,
        config.stripeWebhookSecret,
      );
    }
    const emulator = await startStripeEmulator({
      port: config.stripeEmulatorPort,
      catalog: config.catalog as Catalog,
      startTime: clock.now(),
      stateFile: config.stripeEmulatorState,
      log,
    });
    // A restored emulator keeps the time dev tools had moved it to; our clock catches up, so the two agree again.
    const behind = emulator.now().getTime() - clock.now().getTime();
    if (behind > 1_000 && clock instanceof OffsetClock) clock.advance(behind);
    const stripe = new Stripe("sk_test_emulator", {
      host: emulator.host,
      port: emulator.port,
      protocol: "http",
      maxNetworkRetries: 0,
      timeout: config.stripeTimeoutMs,
    });
    return new StripeGateway(stripe, emulator, undefined);
  }

  /** With the emulator: where it sends our webhooks (known once the server listens). */
  registerWebhook(url: string): void {
    if (!this.emulator || this.webhookSecret) return;
    this.webhookSecret = this.emulator.addWebhookEndpoint(url).secret;
  }

  /** A price by lookup key (cached: prices never change under a key). */
  async price(lookupKey: PriceLookupKey): Promise<Stripe.Price> {
    const cached = this.prices.get(lookupKey);
    if (cached) return cached;
    const { data } = await this.stripe.prices.list({ lookup_keys: [lookupKey], active: true, limit: 1 });
    if (!data[0]) throw new Error(`no Stripe price with lookup key ${lookupKey}: run stripe:bootstrap`);
    this.prices.set(lookupKey, data[0]);
    return data[0];
  }

  async close(): Promise<void> {
    await this.emulator?.close();
  }
}
