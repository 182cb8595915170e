import { cardLabel } from "@team-billing/shared";
import type Stripe from "stripe";
import { type EntityManager, In } from "typeorm";
import type { Database } from "../db/database";
import { StripeCustomerEntity, SubscriptionEntity, UserEntity } from "../entities";
import { AppError, conflict, notFound } from "../common/errors";
import type { Actor, UserActor } from "../common/actor";
import type { AuditService } from "../common/audit.service";
import { actorWords } from "../common/audit-words";
import type { OrgService } from "../teams/org.service";
import type { CheckoutService } from "./checkout.service";
import type { StripeGateway } from "./stripe-gateway";
import { idOf, LIVE_STATUSES } from "./stripe-mirror";

/** The card that pays an org's invoices, as the billing page shows it. */
export interface PaymentMethodView {
  brand: string;
  last4: string;
  expMonth: number;
  expYear: number;
}

const SYSTEM: Actor = { kind: "anonymous" };
/** The `metadata.kind` of our setup-mode sessions (the card update). */
const KIND = "payment_method";
function viewOf(pm: Stripe.PaymentMethod | string | null | undefined): PaymentMethodView | null {
  if (!pm || typeof pm === "string" || !pm.card) return null;
  return { brand: pm.card.brand, last4: pm.card.last4, expMonth: pm.card.exp_month, expYear: pm.card.exp_year };
}

/**
 * The org's card. Stripe holds it: the first one is saved by the Team checkout (the
 * subscription's default); the OWNER replaces it on Stripe's hosted page (Checkout in setup
 * mode), and when that completes (webhook or return page, whichever comes first; the second
 * finds it done) it becomes the customer's and the subscription's default, audited once.
 */
export class PaymentMethodService {
  constructor(
    private readonly db: Database,
    private readonly gateway: StripeGateway,
    private readonly publicUrl: string,
    private readonly currency: string,
    private readonly orgs: OrgService,
    private readonly checkouts: CheckoutService,
    private readonly audit: AuditService,
    private readonly log: (message: string) => void,
  ) {}

  /** The default card (the customer's, else the live subscription's); null without one, or when Stripe does not answer. */
  async current(orgId: string): Promise<PaymentMethodView | null> {
    const customer = await this.db.manager.findOneBy(StripeCustomerEntity, { accountType: "ORG", accountId: orgId });
    if (!customer) return null;
    try {
      const { customerDefault, subscriptionDefault } = await this.defaults(customer.id, await this.liveSubscription(orgId), false);
      return viewOf(customerDefault ?? subscriptionDefault);
    } catch (error) {
      this.log(`payment method of org ${orgId} not read from Stripe: ${(error as Error).message}`);
      return null;
    }
  }

  /**
   * OWNER: Stripe's hosted page to save a new card. Needs a live subscription (there is
   * nothing to pay for otherwise: BILLING_PLAN_REQUIRED); the page returns to Billing.
   */
  async startUpdate(actor: UserActor, orgId: string): Promise<{ id: string; url: string }> {
    const org = await this.orgs.get(orgId, actor);
    if (!(await this.liveSubscription(orgId))) {
      throw new AppError("BILLING_PLAN_REQUIRED", "There is no subscription to pay for; the card is saved when you upgrade to Team.");
    }
    const billing = `${this.publicUrl}/orgs/${encodeURIComponent(orgId)}/billing`;
    const session = await this.gateway.stripe.checkout.sessions.create({
      mode: "setup",
      currency: this.currency,
      customer: await this.checkouts.customerFor(org),
      client_reference_id: orgId,
      metadata: { org_id: orgId, kind: KIND, started_by: actor.user.id, merchant_name: "Team Billing", org_name: org.name },
      setup_intent_data: { metadata: { org_id: orgId } },
      success_url: `${billing}?card=saved&session_id={CHECKOUT_SESSION_ID}`,
      cancel_url: `${billing}?card=cancelled`,
    });
    return { id: session.id, url: session.url as string };
  }

  /** Whether a `checkout.session.completed` is one of ours (the webhook routes it here). */
  static isCardUpdate(session: { mode?: string | null; metadata?: Record<string, string> | null }): boolean {
    return session.mode === "setup" && session.metadata?.kind === KIND;
  }

  /**
   * Applies a completed card update once: the saved card becomes the default. `orgId` (the
   * return page's door) must be the session's org, else NOT_FOUND; a session not complete yet
   * is a CONFLICT there.
   */
  async complete(sessionId: string, opts: { orgId?: string; actor?: UserActor } = {}): Promise<PaymentMethodView | null> {
    let session: Stripe.Checkout.Session;
    try {
      session = await this.gateway.stripe.checkout.sessions.retrieve(sessionId, { expand: ["setup_intent.payment_method"] });
    } catch (error) {
      // A session Stripe does not know is the return page's NOT_FOUND, like one of another org.
      if ((error as { code?: string }).code === "resource_missing" && opts.orgId !== undefined) throw notFound("Checkout session");
      throw error;
    }
    const orgId = session.metadata?.org_id;
    const customerId = idOf(session.customer as string | { id: string } | null);
    const owned =
      PaymentMethodService.isCardUpdate(session) &&
      orgId !== undefined &&
      (opts.orgId === undefined || opts.orgId === orgId) &&
      customerId !== null &&
      (await this.db.manager.existsBy(StripeCustomerEntity, { id: customerId, accountType: "ORG", accountId: orgId }));
    const intent = session.setup_intent as Stripe.SetupIntent | null;
    const pm = intent && typeof intent.payment_method !== "string" ? intent.payment_method : null;
    if (!owned || !orgId || !customerId || session.status !== "complete" || !pm) {
      if (opts.orgId !== undefined && !owned) throw notFound("Checkout session");
      if (opts.orgId !== undefined) throw conflict("Stripe hasn't saved this card yet; finish on Stripe's page first.");
      return null;
    }
    return this.db.exclusive(
      { entity: StripeCustomerEntity, id: customerId },
      () => this.makeDefault(orgId, customerId, pm),
      async (em, before) => {
        // `before` undefined: it was the default already (the other door came first).
        if (before !== undefined) {
          const actor = opts.actor ?? (await this.starter(em, session));
          const card = cardLabel(pm.card as { brand: string; last4: string });
          await this.audit.record(em, actor, {
            orgId,
            action: "payment_method.replaced",
            summary: before
              ? `${actorWords(actor)} replaced the card: ${cardLabel(before)} → ${card}.`
              : `${actorWords(actor)} saved a card for the org's payments: ${card}.`,
            before: before ? { card: cardLabel(before), expires: `${before.expMonth}/${before.expYear}` } : null,
            after: { card: cardLabel(pm.card as { brand: string; last4: string }), expires: `${pm.card?.exp_month}/${pm.card?.exp_year}` },
          });
        }
        return viewOf(pm);
      },
    );
  }

  /** Sets the defaults at Stripe (safe to repeat); answers the card replaced, or undefined when nothing changed. */
  private async makeDefault(orgId: string, customerId: string, pm: Stripe.PaymentMethod): Promise<PaymentMethodView | null | undefined> {
    const sub = await this.liveSubscription(orgId);
    const { customerDefault, subscriptionDefault } = await this.defaults(customerId, sub);
    const onCustomer = idOf(customerDefault) === pm.id;
    if (!onCustomer) await this.gateway.stripe.customers.update(customerId, { invoice_settings: { default_payment_method: pm.id } });
    if (sub && idOf(subscriptionDefault) !== pm.id)
      await this.gateway.stripe.subscriptions.update(sub.id, { default_payment_method: pm.id });
    return onCustomer ? undefined : viewOf(customerDefault ?? subscriptionDefault);
  }

  private async defaults(
    customerId: string,
    sub: SubscriptionEntity | null,
    both = true,
  ): Promise<{ customerDefault: Stripe.PaymentMethod | null; subscriptionDefault: Stripe.PaymentMethod | null }> {
    const customer = await this.gateway.stripe.customers.retrieve(customerId, { expand: ["invoice_settings.default_payment_method"] });
    const customerDefault = customer.deleted ? null : (customer.invoice_settings.default_payment_method as Stripe.PaymentMethod | null);
    // The customer's default wins; the subscription's is read when it is needed.
    if (!sub || (customerDefault && !both)) return { customerDefault, subscriptionDefault: null };
    const stripeSub = await this.gateway.stripe.subscriptions.retrieve(sub.id, { expand: ["default_payment_method"] });
    return { customerDefault, subscriptionDefault: stripeSub.default_payment_method as Stripe.PaymentMethod | null };
  }

  private liveSubscription(orgId: string): Promise<SubscriptionEntity | null> {
    return this.db.manager.findOne(SubscriptionEntity, {
      where: { accountType: "ORG", accountId: orgId, status: In(LIVE_STATUSES) },
      order: { startedAt: "DESC" },
    });
  }

  /** The OWNER who started the update (the webhook's door has no caller). */
  private async starter(em: EntityManager, session: Stripe.Checkout.Session): Promise<Actor> {
    const id = session.metadata?.started_by;
    const user = id ? await em.findOneBy(UserEntity, { id }) : null;
    return user ? { kind: "user", user, isStaff: false, sessionTokenHash: "" } : SYSTEM;
  }
}
