import type Stripe from "stripe";
import { formatDay, formatMoney } from "../money";
import type { Store } from "../store";
import { productId } from "../objects/invoice";

/** Stripe's line descriptions, e.g. `3 × Team seat (at $12.00 / month)`. */
export function productName(store: Store, price: Stripe.Price): string {
  return store.products.get(productId(price))?.name ?? price.nickname ?? "Item";
}

export function recurringLine(store: Store, price: Stripe.Price, quantity: number): string {
  const r = price.recurring;
  const every = r ? (r.interval_count === 1 ? r.interval : `every ${r.interval_count} ${r.interval}s`) : "";
  const at = formatMoney(price.unit_amount ?? 0, price.currency);
  return `${quantity} × ${productName(store, price)} (at ${at}${every ? ` / ${every}` : ""})`;
}

export function unusedTimeLine(store: Store, price: Stripe.Price, quantity: number, from: number): string {
  return `Unused time on ${quantity} × ${productName(store, price)} after ${formatDay(from)}`;
}

export function remainingTimeLine(store: Store, price: Stripe.Price, quantity: number, from: number): string {
  return `Remaining time on ${quantity} × ${productName(store, price)} after ${formatDay(from)}`;
}
