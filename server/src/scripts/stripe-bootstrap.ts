import Stripe from "stripe";
import { loadConfig } from "../config";
import { bootstrapStripe } from "../billing/bootstrap";
import { stripeHost } from "../billing/stripe-host";

/**
 * `pnpm stripe:bootstrap`: creates our products and prices (by lookup key) in the
 * Stripe account of STRIPE_SECRET_KEY. Idempotent. STRIPE_API_URL points it at
 * another API host (e.g. a standalone emulator).
 */
(async () => {
  const config = loadConfig();
  if (!config.stripeSecretKey) {
    console.error("Set STRIPE_SECRET_KEY (a test-mode key: sk_test_...) to bootstrap a Stripe account.");
    process.exit(2);
  }
  const stripe = new Stripe(config.stripeSecretKey, stripeHost(config.stripeApiUrl));
  const report = await bootstrapStripe(stripe, config.catalog);
  console.log(
    `created: ${report.created.join(", ") || "none"}\nreplaced: ${report.replaced.join(", ") || "none"}\nkept: ${report.kept.join(", ") || "none"}`,
  );
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
