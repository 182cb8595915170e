import { type BillingInterval, type Catalog, PRICE_LOOKUP_KEYS, topUpPriceCents, topUpProblem } from "@team-billing/shared";
import type Stripe from "stripe";
import { type EntityManager, In } from "typeorm";
import type { Clock } from "../clock";
import type { PersonalService } from "../credits/personal.service";
import type { PoolService } from "../credits/pool.service";
import type { Database } from "../db/database";
import { CheckoutRecordEntity, OrgEntity, StripeCustomerEntity, SubscriptionEntity, UserEntity } from "../entities";
import { AppError, badInput, conflict, notFound } from "../errors";
import type { UserActor } from "../services/actor";
import type { RequestAccess } from "../services/org-access";
import type { AuditService } from "../services/audit.service";
import type { OrgService } from "../services/org.service";
import type { StripeGateway } from "./stripe-gateway";
import { LIVE_STATUSES, subscriptionRow } from "./stripe-mirror";
import type { SubscriptionService } from "./subscription.service";

const SYSTEM = { kind: "anonymous" } as const;

/**
 * Checkouts: Team upgrades and top-ups. Completing one has two doors, the success
 * page (`completeCheckout`) and the `checkout.session.completed` webhook; both run
 * `syncCheckout`, which re-fetches the session and applies it once.
 */
export class CheckoutService {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly gateway: StripeGateway,
    private readonly catalog: Catalog,
    private readonly publicUrl: string,
    private readonly orgs: OrgService,
    private readonly pools: PoolService,
    private readonly audit: AuditService,
    private readonly subscriptions: SubscriptionService,
    private readonly personal: PersonalService,
  ) {}

  async startTeamCheckout(actor: UserActor, orgId: string, interval: BillingInterval): Promise<{ id: string; url: string }> {
    const live = await this.db.manager.findOneBy(SubscriptionEntity, { accountType: "ORG", accountId: orgId, status: In(LIVE_STATUSES) });
    if (live) throw conflict(`This org already has a subscription (${live.status}); change it from Billing instead.`);
    const org = await this.orgs.get(orgId);
    const seats = await this.orgs.seats(orgId);
    const keys =
      interval === "YEARLY"
        ? [PRICE_LOOKUP_KEYS.TEAM_BASE_YEARLY, PRICE_LOOKUP_KEYS.TEAM_SEAT_YEARLY]
        : [PRICE_LOOKUP_KEYS.TEAM_BASE_MONTHLY, PRICE_LOOKUP_KEYS.TEAM_SEAT_MONTHLY];
    const [base, seat] = await Promise.all(keys.map((k) => this.gateway.price(k)));
    const session = await this.gateway.stripe.checkout.sessions.create({
      mode: "subscription",
      customer: await this.customerFor(org),
      client_reference_id: orgId,
      metadata: { org_id: orgId, kind: "team" },
      subscription_data: { metadata: { org_id: orgId } },
      line_items: [
        { price: base.id, quantity: 1 },
        { price: seat.id, quantity: seats },
      ],
      success_url: `${this.publicUrl}/billing?checkout=success&session_id={CHECKOUT_SESSION_ID}`,
      cancel_url: `${this.publicUrl}/billing?checkout=cancelled&org=${orgId}`,
    });
    await this.record(session, "TEAM", { type: "ORG", id: orgId }, actor, 0, "TEAM");
    return { id: session.id, url: session.url as string };
  }

  async startTopUpCheckout(actor: UserActor, orgId: string, credits: number): Promise<{ id: string; url: string }> {
    const problem = topUpProblem(credits, this.catalog);
    if (problem) throw badInput("credits", problem);
    const org = await this.orgs.get(orgId);
    if (!org.orgPlan) throw new AppError("BILLING_PLAN_REQUIRED", "Top-ups add to a Team or Enterprise pool; upgrade first.");
    await this.pools.assertRoomFor(orgId, credits); // balances must fit GraphQL's Int
    const session = await this.gateway.stripe.checkout.sessions.create({
      mode: "payment",
      customer: await this.customerFor(org),
      client_reference_id: orgId,
      metadata: { org_id: orgId, kind: "top_up", credits: String(credits) },
      invoice_creation: { enabled: true },
      line_items: [
        {
          quantity: 1,
          price_data: {
            currency: this.catalog.currency,
            unit_amount: topUpPriceCents(credits, this.catalog),
            product_data: { name: `${credits.toLocaleString("en-US")} credits (top-up)` },
          },
        },
      ],
      success_url: `${this.publicUrl}/billing?checkout=success&session_id={CHECKOUT_SESSION_ID}`,
      cancel_url: `${this.publicUrl}/billing?checkout=cancelled&org=${orgId}`,
    });
    await this.record(session, "TOP_UP", { type: "ORG", id: orgId }, actor, credits, null);
    return { id: session.id, url: session.url as string };
  }

  /** The success page's door: only someone who can see the org may complete its checkout. */
  async completeForCaller(sessionId: string, access: RequestAccess): Promise<OrgEntity> {
    const record = await this.db.manager.findOneBy(CheckoutRecordEntity, { sessionId });
    if (record?.accountType !== "ORG" || (await access.scope(record.accountId))?.role == null) throw notFound("Checkout session");
    const done = await this.syncCheckout(sessionId);
    if (!done) throw conflict("This checkout is not paid yet.");
    return this.orgs.get(record.accountId);
  }

  /**
   * Applies a completed checkout once: TEAM puts the org on Team with its pool
   * reseeded (top-ups kept) and mirrors the subscription; TOP_UP credits the pool.
   * Returns false while the session is not complete. `markEvent` lets the webhook
   * store its event id in the same transaction.
   */
  async syncCheckout(sessionId: string, markEvent?: (em: EntityManager) => Promise<boolean>): Promise<boolean> {
    const session = await this.gateway.stripe.checkout.sessions.retrieve(sessionId, { expand: ["subscription"] });
    const complete = session.status === "complete" && (session.mode !== "payment" || session.payment_status === "paid");
    const sub = session.subscription && typeof session.subscription !== "string" ? subscriptionRow(session.subscription) : null;
    return this.db.transaction(async (em) => {
      if (markEvent && !(await markEvent(em))) return true; // a duplicate event: already applied
      if (!complete) return false;
      const record = await this.db
        .forUpdate(em.createQueryBuilder(CheckoutRecordEntity, "c").where("c.sessionId = :sessionId", { sessionId }))
        .getOne();
      if (!record) return false; // not a session we started
      if (record.completedAt) return true;
      if (record.kind === "TEAM") {
        if (!sub) throw new Error(`checkout ${sessionId} completed without a subscription we sell`);
        await this.subscriptions.upsert(em, "ORG", record.accountId, sub);
        await this.pools.activatePlan(SYSTEM, record.accountId, {
          plan: "TEAM",
          interval: sub.interval,
          at: this.clock.now(),
          reference: sessionId,
        });
      } else if (record.kind === "PERSONAL") {
        if (!sub) throw new Error(`checkout ${sessionId} completed without a subscription we sell`);
        await this.subscriptions.upsert(em, "USER", record.accountId, sub);
        await this.personal.setPlan(SYSTEM, record.accountId, sub.plan, this.clock.now());
      } else if (record.kind === "TOP_UP") {
        await this.pools.creditTopUp(em, record.accountId, record.credits, sessionId);
        await this.audit.record(em, SYSTEM, {
          orgId: record.accountId,
          action: "top_up.credited",
          after: { credits: record.credits, checkout: sessionId },
        });
      }
      await em.update(CheckoutRecordEntity, { sessionId }, { completedAt: this.clock.now() });
      return true;
    });
  }

  /** Notes a checkout we started (its completion is applied once, by `syncCheckout`). */
  async record(
    session: Stripe.Checkout.Session,
    kind: CheckoutRecordEntity["kind"],
    account: { type: "ORG" | "USER"; id: string },
    actor: UserActor,
    credits: number,
    plan: string | null,
  ) {
    await this.db.transaction(async (em) => {
      await em.insert(CheckoutRecordEntity, {
        sessionId: session.id,
        kind,
        accountType: account.type,
        accountId: account.id,
        startedByUserId: actor.user.id,
        credits,
        plan,
        createdAt: this.clock.now(),
        completedAt: null,
      });
      await this.audit.record(em, actor, {
        orgId: account.type === "ORG" ? account.id : null,
        action: `checkout.${kind.toLowerCase()}_started`,
        after: { session: session.id, credits: credits || undefined, plan: plan ?? undefined },
      });
    });
  }

  async customerFor(org: OrgEntity): Promise<string> {
    const existing = await this.db.manager.findOneBy(StripeCustomerEntity, { accountType: "ORG", accountId: org.id });
    if (existing) return existing.id;
    const owner: UserEntity = await this.orgs.owner(org.id);
    const customer = await this.gateway.stripe.customers.create(
      { name: org.name, email: org.billingEmail ?? owner.email, metadata: { org_id: org.id } },
      { idempotencyKey: `customer-org-${org.id}` },
    );
    await this.db.transaction((em) =>
      em
        .createQueryBuilder()
        .insert()
        .into(StripeCustomerEntity)
        .values({ id: customer.id, accountType: "ORG", accountId: org.id, createdAt: this.clock.now() })
        .orIgnore()
        .execute(),
    );
    return customer.id;
  }
}
