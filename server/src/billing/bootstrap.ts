import { type Catalog, catalogPrices } from "@team-billing/shared";
import type Stripe from "stripe";

export interface BootstrapReport {
  created: string[];
  kept: string[];
  replaced: string[];
}

/**
 * Makes a Stripe account sell our catalog: one product per name and one recurring
 * price per lookup key, created only when missing or different (a changed amount
 * gets a new price that takes over the lookup key, as Stripe prices are immutable).
 * Safe to run again: a second run changes nothing.
 */
export async function bootstrapStripe(stripe: Stripe, catalog: Catalog): Promise<BootstrapReport> {
  const report: BootstrapReport = { created: [], kept: [], replaced: [] };
  const products = new Map<string, Stripe.Product>();
  for await (const product of stripe.products.list({ limit: 100, active: true })) {
    const key = product.metadata?.team_billing_product;
    if (key) products.set(key, product);
  }
  for (const wanted of catalogPrices(catalog)) {
    const { data } = await stripe.prices.list({ lookup_keys: [wanted.lookupKey], active: true, limit: 1 });
    const existing = data[0];
    const same =
      existing &&
      existing.unit_amount === wanted.unitAmountCents &&
      existing.currency === catalog.currency &&
      existing.recurring?.interval === wanted.interval;
    if (same) {
      report.kept.push(wanted.lookupKey);
      continue;
    }
    let product = products.get(wanted.productName);
    if (!product) {
      product = await stripe.products.create(
        { name: wanted.productName, metadata: { team_billing_product: wanted.productName } },
        { idempotencyKey: `bootstrap-product-${wanted.productName}` },
      );
      products.set(wanted.productName, product);
    }
    await stripe.prices.create({
      product: product.id,
      currency: catalog.currency,
      unit_amount: wanted.unitAmountCents,
      recurring: { interval: wanted.interval },
      lookup_key: wanted.lookupKey,
      transfer_lookup_key: true,
      metadata: { team_billing_lookup_key: wanted.lookupKey },
    });
    (existing ? report.replaced : report.created).push(wanted.lookupKey);
  }
  return report;
}
