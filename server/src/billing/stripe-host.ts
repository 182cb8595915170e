import type Stripe from "stripe";

/** SDK options that point it at another API host (STRIPE_API_URL), e.g. a standalone emulator. */
export function stripeHost(apiUrl: string | undefined): Stripe.StripeConfig {
  if (!apiUrl) return {};
  const url = new URL(apiUrl);
  return {
    host: url.hostname,
    port: Number(url.port || (url.protocol === "https:" ? 443 : 80)),
    protocol: url.protocol === "http:" ? "http" : "https",
  };
}
