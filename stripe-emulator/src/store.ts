import type Stripe from "stripe";
import { notFound } from "./errors";

/** One kind of object, kept in creation order (lists answer newest first). */
export class Table<T extends { id: string }> {
  private readonly rows = new Map<string, T>();

  constructor(readonly what: string) {}

  insert(row: T): T {
    this.rows.set(row.id, row);
    return row;
  }

  get(id: string): T | undefined {
    return this.rows.get(id);
  }

  /** The row, or Stripe's 404 `resource_missing` naming the parameter that held the id. */
  find(id: string, param = "id"): T {
    const row = this.rows.get(id);
    if (!row) throw notFound(this.what, id, param);
    return row;
  }

  delete(id: string): boolean {
    return this.rows.delete(id);
  }

  /** Oldest first. */
  all(): T[] {
    return [...this.rows.values()];
  }

  /** Newest first, the order of Stripe's list endpoints. */
  newestFirst(filter: (row: T) => boolean = () => true): T[] {
    return this.all().filter(filter).reverse();
  }
}

export interface WebhookEndpointRow extends Stripe.WebhookEndpoint {
  secret: string;
}

/** Facts the emulator keeps beside the Stripe objects. */
export interface SessionExtras {
  lineItems: Stripe.LineItem[];
  subscriptionMetadata: Record<string, string>;
  subscriptionDescription: string | null;
  paymentIntentMetadata: Record<string, string>;
  paymentIntentDescription: string | null;
  /** How the session was paid: "bank_debit" is asynchronous (settled later through the control). */
  paymentMethod?: PaymentMethodKind;
  /** Setup mode: the SetupIntent's metadata and description (`setup_intent_data`). */
  setupIntentMetadata?: Record<string, string>;
  setupIntentDescription?: string | null;
}

/** The two ways the hosted page pays: a card (settles at once) or a bank debit (settles later). */
export type PaymentMethodKind = "card" | "bank_debit";

export class Store {
  readonly customers: Table<Stripe.Customer> = new Table<Stripe.Customer>("customer");
  readonly taxIds: Table<Stripe.TaxId> = new Table<Stripe.TaxId>("tax_id");
  readonly products: Table<Stripe.Product> = new Table<Stripe.Product>("product");
  readonly prices: Table<Stripe.Price> = new Table<Stripe.Price>("price");
  readonly sessions: Table<Stripe.Checkout.Session> = new Table<Stripe.Checkout.Session>("checkout.session");
  readonly subscriptions: Table<Stripe.Subscription> = new Table<Stripe.Subscription>("subscription");
  readonly schedules: Table<Stripe.SubscriptionSchedule> = new Table<Stripe.SubscriptionSchedule>("subscription_schedule");
  readonly invoices: Table<Stripe.Invoice> = new Table<Stripe.Invoice>("invoice");
  readonly invoiceItems: Table<Stripe.InvoiceItem> = new Table<Stripe.InvoiceItem>("invoiceitem");
  readonly paymentIntents: Table<Stripe.PaymentIntent> = new Table<Stripe.PaymentIntent>("payment_intent");
  readonly invoicePayments: Table<Stripe.InvoicePayment> = new Table<Stripe.InvoicePayment>("invoice_payment");
  readonly charges: Table<Stripe.Charge> = new Table<Stripe.Charge>("charge");
  readonly refunds: Table<Stripe.Refund> = new Table<Stripe.Refund>("refund");
  readonly paymentMethods: Table<Stripe.PaymentMethod> = new Table<Stripe.PaymentMethod>("payment_method");
  readonly setupIntents: Table<Stripe.SetupIntent> = new Table<Stripe.SetupIntent>("setup_intent");
  readonly events: Table<Stripe.Event> = new Table<Stripe.Event>("event");
  readonly webhookEndpoints: Table<WebhookEndpointRow> = new Table<WebhookEndpointRow>("webhook_endpoint");

  readonly sessionExtras = new Map<string, SessionExtras>();
  /** Prices made inline (`price_data`): real but left out of `GET /v1/prices`, as in Stripe. */
  readonly inlinePrices = new Set<string>();
  /** Deleted customers still answer `GET` with `{ deleted: true }`. */
  readonly deletedCustomers = new Set<string>();
  /** Customers whose card is set to decline. */
  readonly decliningCustomers = new Set<string>();
  /** subscription item id → the invoice line that last billed it (for credited proration items). */
  readonly lastBilledLine = new Map<string, { invoice: string; line: string }>();

  subscriptionItem(id: string): { subscription: Stripe.Subscription; item: Stripe.SubscriptionItem } | undefined {
    for (const subscription of this.subscriptions.all()) {
      const item = subscription.items.data.find((i) => i.id === id);
      if (item) return { subscription, item };
    }
    return undefined;
  }

  /** Every table by name (the state file's sections). */
  tables(): Record<string, Table<{ id: string }>> {
    return {
      customers: this.customers,
      taxIds: this.taxIds,
      products: this.products,
      prices: this.prices,
      sessions: this.sessions,
      subscriptions: this.subscriptions,
      schedules: this.schedules,
      invoices: this.invoices,
      invoiceItems: this.invoiceItems,
      paymentIntents: this.paymentIntents,
      invoicePayments: this.invoicePayments,
      charges: this.charges,
      refunds: this.refunds,
      paymentMethods: this.paymentMethods,
      setupIntents: this.setupIntents,
      events: this.events,
      webhookEndpoints: this.webhookEndpoints,
    } as Record<string, Table<{ id: string }>>;
  }

  /** Finds any stored object by id, for `expand[]`. */
  byId(id: string): { id: string } | undefined {
    const prefix = id.slice(0, id.indexOf("_") + 1);
    const table = (
      {
        cus_: this.customers,
        txi_: this.taxIds,
        prod_: this.products,
        price_: this.prices,
        cs_: this.sessions,
        sub_: id.startsWith("sub_sched_") ? this.schedules : this.subscriptions,
        in_: this.invoices,
        ii_: this.invoiceItems,
        pi_: this.paymentIntents,
        inpay_: this.invoicePayments,
        ch_: this.charges,
        re_: this.refunds,
        pm_: this.paymentMethods,
        seti_: this.setupIntents,
        evt_: this.events,
        we_: this.webhookEndpoints,
      } as Record<string, Table<{ id: string }> | undefined>
    )[prefix];
    return table?.get(id);
  }
}
