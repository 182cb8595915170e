import { type Catalog, catalogPrices } from "@team-billing/shared";
import type { Core } from "./core";
import { createPrice, createProduct } from "./resources/catalog";

/** Creates our catalog's products and prices (with lookup keys), as the bootstrap command would in Stripe. */
export function seedCatalog(core: Core, catalog: Catalog): void {
  const products = new Map<string, string>();
  for (const entry of catalogPrices(catalog)) {
    let product = products.get(entry.productName);
    if (!product) {
      product = createProduct(core, { name: entry.productName }, false).id;
      products.set(entry.productName, product);
    }
    createPrice(
      core,
      {
        currency: catalog.currency,
        unit_amount: entry.unitAmountCents,
        product,
        recurring: { interval: entry.interval },
        lookup_key: entry.lookupKey,
      },
      false,
    );
  }
}
