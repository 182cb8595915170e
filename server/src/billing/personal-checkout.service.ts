import { PRICE_LOOKUP_KEYS } from "@team-billing/shared";
import { In } from "typeorm";
import type { Clock } from "../common/clock";
import type { Database } from "../db/database";
import { StripeCustomerEntity, SubscriptionEntity, UserEntity } from "../entities";
import { conflict, notFound } from "../common/errors";
import type { UserActor } from "../common/actor";
import type { CheckoutService } from "./checkout.service";
import type { StripeGateway } from "./stripe-gateway";
import { LIVE_STATUSES, subscriptionRow } from "./stripe-mirror";
import type { SubscriptionService } from "./subscription.service";

const PERSONAL_PRICES = { STARTER: PRICE_LOOKUP_KEYS.STARTER_MONTHLY, PRO: PRICE_LOOKUP_KEYS.PRO_MONTHLY } as const;

/**
 * Personal plans (STARTER, PRO): a user's own subscription, bought through
 * checkout; the balance refills monthly on its anniversary. Cancelling ends it at
 * the period end, when Stripe ends the subscription and the user is FREE again.
 */
export class PersonalCheckoutService {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly gateway: StripeGateway,
    private readonly publicUrl: string,
    private readonly checkouts: CheckoutService,
    private readonly subscriptions: SubscriptionService,
  ) {}

  /** `plan` is STARTER or PRO (PersonalPlanArgs). */
  async start(actor: UserActor, plan: "STARTER" | "PRO"): Promise<{ id: string; url: string }> {
    if (await this.liveSubscription(actor.user.id)) throw conflict("You already have a personal plan; cancel it before choosing another.");
    const price = await this.gateway.price(PERSONAL_PRICES[plan]);
    const session = await this.gateway.stripe.checkout.sessions.create({
      mode: "subscription",
      customer: await this.customerFor(actor.user),
      client_reference_id: actor.user.id,
      metadata: { user_id: actor.user.id, kind: "personal", plan },
      subscription_data: { metadata: { user_id: actor.user.id } },
      line_items: [{ price: price.id, quantity: 1 }],
      success_url: `${this.publicUrl}/account?checkout=success&session_id={CHECKOUT_SESSION_ID}`,
      cancel_url: `${this.publicUrl}/account?checkout=cancelled`,
    });
    await this.checkouts.record(session, "PERSONAL", { type: "USER", id: actor.user.id }, actor, 0, plan);
    return { id: session.id, url: session.url as string };
  }

  /** The personal success page's door (the webhook runs the same sync). */
  async complete(actor: UserActor, sessionId: string): Promise<UserEntity> {
    const account = await this.checkouts.accountOf(sessionId);
    if (account?.type !== "USER" || account.id !== actor.user.id) throw notFound("Checkout session");
    if (!(await this.checkouts.syncCheckout(sessionId))) throw conflict("This checkout is not paid yet.");
    return this.db.manager.findOneByOrFail(UserEntity, { id: actor.user.id });
  }

  /** Ends the personal plan at the end of the period already paid for. */
  async cancel(actor: UserActor): Promise<SubscriptionEntity> {
    const live = await this.liveSubscription(actor.user.id);
    if (!live) throw conflict("You have no personal plan to cancel.");
    return this.db.exclusive(
      { entity: SubscriptionEntity, id: live.id },
      () => this.gateway.stripe.subscriptions.update(live.id, { cancel_at_period_end: true }),
      async (em, sub) => {
        const row = subscriptionRow(sub);
        if (row) await this.subscriptions.upsert(em, "USER", actor.user.id, row);
        return em.findOneByOrFail(SubscriptionEntity, { id: live.id });
      },
    );
  }

  liveSubscription(userId: string): Promise<SubscriptionEntity | null> {
    return this.db.manager.findOne(SubscriptionEntity, {
      where: { accountType: "USER", accountId: userId, status: In(LIVE_STATUSES) },
      order: { startedAt: "DESC" },
    });
  }

  private async customerFor(user: UserEntity): Promise<string> {
    const existing = await this.db.manager.findOneBy(StripeCustomerEntity, { accountType: "USER", accountId: user.id });
    if (existing) return existing.id;
    const customer = await this.gateway.stripe.customers.create(
      { name: user.name, email: user.email, metadata: { user_id: user.id } },
      { idempotencyKey: `customer-user-${user.id}` },
    );
    await this.db.transaction((em) =>
      em
        .createQueryBuilder()
        .insert()
        .into(StripeCustomerEntity)
        .values({ id: customer.id, accountType: "USER", accountId: user.id, createdAt: this.clock.now() })
        .orIgnore()
        .execute(),
    );
    return customer.id;
  }
}
