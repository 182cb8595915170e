import type Stripe from "stripe";
import type { Core } from "../core";
import { buildInvoiceItem } from "../objects/invoice";
import type { Period } from "./periods";
import { prorateChange } from "./proration";

/** Where proration items go: the store (with an `invoiceitem.created` event), or a preview. */
export type ProrationSink = (item: Stripe.InvoiceItem) => void;

export function storeProrations(core: Core): ProrationSink {
  return (item) => {
    core.store.invoiceItems.insert(item);
    core.emit("invoiceitem.created", item);
  };
}

/**
 * A pending invoice item for the rest of the period: `sign` −1 credits unused time on the
 * old item, +1 debits remaining time on the new one. Zero amounts are not created.
 */
export function createProrationItem(
  core: Core,
  sub: Stripe.Subscription,
  price: Stripe.Price,
  quantity: number,
  period: Period,
  prorationDate: number,
  sign: 1 | -1,
  description: string,
  subscriptionItem: string,
  sink: ProrationSink = storeProrations(core),
): Stripe.InvoiceItem | null {
  const line = { unitAmount: price.unit_amount ?? 0, quantity };
  const { credit, debit } = prorateChange(sign < 0 ? line : null, sign > 0 ? line : null, period, prorationDate);
  const amount = sign < 0 ? credit : debit;
  if (amount === 0) return null;
  const item = buildInvoiceItem({
    customer: sub.customer as string,
    amount,
    currency: price.currency,
    description,
    price,
    quantity,
    period: { start: prorationDate, end: period.end },
    subscription: sub.id,
    subscriptionItem,
    proration: true,
    credited: sign < 0 ? (core.store.lastBilledLine.get(subscriptionItem) ?? null) : null,
    now: core.now(),
  });
  sink(item);
  return item;
}
