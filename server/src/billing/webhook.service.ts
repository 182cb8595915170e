import type Stripe from "stripe";
import { type EntityManager, In, IsNull, MoreThan } from "typeorm";
import type { Clock } from "../common/clock";
import type { Database } from "../db/database";
import { isUniqueViolation } from "../db/database";
import { CheckoutRecordEntity, StripeCustomerEntity, StripeEventEntity, SubscriptionEntity } from "../entities";
import type { BillingService } from "./billing.service";
import type { CheckoutService } from "./checkout.service";
import { PaymentMethodService } from "./payment-method.service";
import type { SubscriptionService } from "./subscription.service";
import type { StripeGateway } from "./stripe-gateway";
import { idOf, LIVE_STATUSES, subscriptionRow } from "./stripe-mirror";

/** How far back the reconciliation re-reads invoices (a month and some). */
const RECONCILE_INVOICE_DAYS = 35;

export interface WebhookReply {
  status: number;
  body: Record<string, unknown>;
}

/**
 * `POST /stripe/webhook`: the signature is checked on the raw body; a bad one
 * answers 400 and changes nothing. Each event's id is stored in the transaction of
 * its effect (`once`), so a redelivery does nothing; handlers re-fetch the object from
 * Stripe, so events may arrive in any order.
 */
export class WebhookService {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly gateway: StripeGateway,
    private readonly checkouts: CheckoutService,
    private readonly subscriptions: SubscriptionService,
    private readonly billing: BillingService,
    private readonly log: (message: string) => void,
    private readonly paymentMethods?: PaymentMethodService,
  ) {}

  async handle(rawBody: Buffer, signature: string | undefined): Promise<WebhookReply> {
    const secret = this.gateway.webhookSecret;
    if (!secret) return { status: 400, body: { error: "STRIPE_WEBHOOK_SECRET is not configured" } };
    let event: Stripe.Event;
    try {
      event = this.gateway.stripe.webhooks.constructEvent(rawBody, signature ?? "", secret);
    } catch (error) {
      return { status: 400, body: { error: `signature check failed: ${(error as Error).message}` } };
    }
    try {
      await this.apply(event);
      return { status: 200, body: { received: true } };
    } catch (error) {
      if (isUniqueViolation(error)) return { status: 200, body: { received: true, duplicate: true } };
      this.log(`stripe webhook ${event.id} (${event.type}) failed; Stripe will retry: ${(error as Error).stack ?? error}`);
      return { status: 500, body: { error: "processing failed; retry" } };
    }
  }

  private async apply(event: Stripe.Event): Promise<void> {
    if (await this.db.manager.existsBy(StripeEventEntity, { id: event.id })) return;
    const object = event.data.object as { id: string; object: string };
    if (event.type === "checkout.session.completed" && this.paymentMethods && PaymentMethodService.isCardUpdate(event.data.object)) {
      // The OWNER's card update (Checkout in setup mode): the saved card becomes the default.
      const paymentMethods = this.paymentMethods;
      return this.once(event, () => paymentMethods.complete(object.id));
    }
    switch (event.type) {
      case "checkout.session.completed":
      // A bank debit completes the session unpaid (nothing credited), then settles:
      case "checkout.session.async_payment_succeeded":
        return this.once(event, () => this.checkouts.syncCheckout(object.id));
      case "checkout.session.async_payment_failed":
        return this.once(event, () => this.checkouts.asyncPaymentFailed(object.id));
      case "customer.subscription.created":
      case "customer.subscription.updated":
      case "customer.subscription.deleted":
        return this.once(event, () => this.syncSubscription(object.id));
      case "invoice.created":
      case "invoice.finalized":
      case "invoice.voided":
        return this.once(event, () => this.billing.syncInvoice(object.id, idOf((object as Stripe.Invoice).customer) as string));
      case "invoice.paid":
      case "invoice.payment_failed": {
        const outcome = event.type === "invoice.paid" ? "paid" : "payment_failed";
        return this.once(event, () => this.billing.syncInvoice(object.id, idOf((object as Stripe.Invoice).customer) as string, outcome));
      }
      default:
        // Acknowledged: nothing of ours depends on it.
        return this.once(event, async () => undefined);
    }
  }

  /**
   * Applies an event's effect once. Its `stripe_event` row is inserted first thing in the
   * effect's own transaction (the first one `effect` commits), so the effect and the row
   * commit together; an effect that writes nothing stores the row alone. A redelivery
   * that finds the row already there rolls back and changes nothing.
   */
  async once(event: Stripe.Event, effect: () => Promise<unknown>): Promise<void> {
    try {
      const { ran } = await this.db.withFirst((em) => this.markProcessed(em, event), effect);
      if (!ran) await this.db.transaction((em) => this.markProcessed(em, event));
    } catch (error) {
      if (!(error instanceof AlreadyApplied)) throw error;
    }
  }

  /**
   * Re-fetches a subscription and updates our mirror of it (only subscriptions we already
   * know), holding the mirror row from the fetch to the write: a change we make at Stripe
   * meanwhile (a downgrade cancelled, say) waits, so an older copy never lands last.
   */
  async syncSubscription(subscriptionId: string): Promise<void> {
    await this.db.exclusive(
      { entity: SubscriptionEntity, id: subscriptionId },
      () => this.gateway.stripe.subscriptions.retrieve(subscriptionId),
      async (em, sub) => {
        const known = await em.findOneBy(SubscriptionEntity, { id: subscriptionId });
        const row = subscriptionRow(sub);
        // A subscription we have not seen yet is mirrored when its checkout completes.
        if (!known || !row) return;
        await this.subscriptions.upsert(em, known.accountType, known.accountId, row);
      },
    );
  }

  /**
   * The hourly reconciliation (job "reconcile"): re-reads from Stripe every live
   * subscription we mirror, the invoices of the last 35 days and the checkouts still open
   * from the last day, and applies them through the same sync code as the webhooks. So a
   * webhook that never arrived (Stripe gave up, an outage, a lost event) heals within the
   * hour: a subscription cancelled at Stripe takes the org off Team, a paid checkout is
   * credited. One failure is logged and does not stop the rest.
   */
  async reconcile(): Promise<{ subscriptions: number; invoices: number; checkouts: number; failed: number }> {
    const done = { subscriptions: 0, invoices: 0, checkouts: 0, failed: 0 };
    const attempt = async (what: string, fn: () => Promise<unknown>) => {
      try {
        await fn();
        return true;
      } catch (error) {
        done.failed++;
        this.log(`reconcile: ${what} failed (retried next hour): ${(error as Error).stack ?? error}`);
        return false;
      }
    };
    const live = await this.db.manager.find(SubscriptionEntity, { where: { status: In(LIVE_STATUSES) }, select: { id: true } });
    for (const { id } of live) if (await attempt(`subscription ${id}`, () => this.syncSubscription(id))) done.subscriptions++;

    const since = Math.floor(this.clock.now().getTime() / 1000) - RECONCILE_INVOICE_DAYS * 86_400;
    const known = new Map<string, boolean>();
    await attempt("listing invoices", async () => {
      // Newest first: stop at the first one older than the window.
      for await (const invoice of this.gateway.stripe.invoices.list({ limit: 100 })) {
        if (invoice.created < since) break;
        const customer = idOf(invoice.customer);
        if (!customer || !invoice.id) continue;
        if (!known.has(customer)) known.set(customer, await this.db.manager.existsBy(StripeCustomerEntity, { id: customer }));
        if (!known.get(customer)) continue;
        const invoiceId = invoice.id;
        if (await attempt(`invoice ${invoiceId}`, () => this.billing.syncInvoice(invoiceId, customer))) done.invoices++;
      }
    });

    const open = await this.db.manager.find(CheckoutRecordEntity, {
      where: { completedAt: IsNull(), createdAt: MoreThan(new Date(this.clock.now().getTime() - 25 * 3_600_000)) },
      select: { sessionId: true },
    });
    for (const { sessionId } of open)
      if (await attempt(`checkout ${sessionId}`, () => this.checkouts.syncCheckout(sessionId))) done.checkouts++;
    return done;
  }

  private async markProcessed(em: EntityManager, event: Stripe.Event): Promise<void> {
    if (await em.existsBy(StripeEventEntity, { id: event.id })) throw new AlreadyApplied();
    await em.insert(StripeEventEntity, { id: event.id, type: event.type, processedAt: this.clock.now() });
  }
}

/** Thrown in an event's transaction (rolling it back) when the event was applied already. */
class AlreadyApplied extends Error {}
