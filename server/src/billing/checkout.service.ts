import { type BillingInterval, type Catalog, PRICE_LOOKUP_KEYS, topUpPriceCents, topUpProblem } from "@team-billing/shared";
import type Stripe from "stripe";
import { type EntityManager, In, IsNull, MoreThan } from "typeorm";
import type { Clock } from "../common/clock";
import type { PersonalService } from "../credits/personal.service";
import type { PoolService } from "../credits/pool.service";
import type { Database } from "../db/database";
import { CheckoutRecordEntity, MembershipEntity, OrgEntity, StripeCustomerEntity, SubscriptionEntity, UserEntity } from "../entities";
import type { MailService } from "../mail/mail.service";
import { AppError, badInput, conflict, notFound } from "../common/errors";
import type { UserActor } from "../common/actor";
import type { RequestAccess } from "../common/org-access";
import type { AuditService } from "../common/audit.service";
import { checkoutWords, credits as inWords, money, person } from "../common/audit-words";
import type { OrgService } from "../teams/org.service";
import type { StripeGateway } from "./stripe-gateway";
import { idOf, LIVE_STATUSES, subscriptionRow } from "./stripe-mirror";
import type { SubscriptionService } from "./subscription.service";

const SYSTEM = { kind: "anonymous" } as const;
const KIND_OF_METADATA: Record<string, CheckoutRecordEntity["kind"]> = { team: "TEAM", top_up: "TOP_UP", personal: "PERSONAL" };
/** Sessions live 24 h at Stripe; older open records need no expiring. */
const SESSION_LIFETIME_MS = 25 * 3_600_000;

/** Thrown inside `syncCheckout`'s transaction (rolling it back) when a second Team subscription was paid for. */
class DuplicateSubscription extends Error {
  constructor(readonly subscription: Stripe.Subscription) {
    super(`subscription ${subscription.id} duplicates the org's live one`);
  }
}

/** `sessions.retrieve` with the subscription expanded. */
type Session = Stripe.Checkout.Session;

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
    private readonly mail: MailService,
  ) {}

  async startTeamCheckout(actor: UserActor, orgId: string, interval: BillingInterval): Promise<{ id: string; url: string }> {
    const live = await this.db.manager.findOneBy(SubscriptionEntity, { accountType: "ORG", accountId: orgId, status: In(LIVE_STATUSES) });
    if (live) throw conflict(`This org already has a subscription (${live.status}); change it from Billing instead.`);
    // A deleted org's OWNER still holds its membership row (one OWNER always): nothing is sold to it.
    const org = await this.orgs.get(orgId, actor);
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
      // The metadata is enough to rebuild our record if it was never written (see `lockedRecord`).
      metadata: { org_id: orgId, kind: "team", started_by: actor.user.id },
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
      metadata: { org_id: orgId, kind: "top_up", credits: String(credits), started_by: actor.user.id },
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
    const account = await this.accountOf(sessionId);
    if (account?.type !== "ORG" || (await access.scope(account.id))?.role == null) throw notFound("Checkout session");
    const done = await this.syncCheckout(sessionId);
    if (!done) throw conflict("This checkout is not paid yet.");
    return this.orgs.get(account.id);
  }

  /**
   * Whose checkout this is: our record's account, or (record missing: the process died
   * between creating the session and writing the record) the one its metadata names.
   */
  async accountOf(sessionId: string): Promise<{ type: "ORG" | "USER"; id: string } | null> {
    const record = await this.db.manager.findOneBy(CheckoutRecordEntity, { sessionId });
    if (record) return { type: record.accountType as "ORG" | "USER", id: record.accountId };
    let session: Session;
    try {
      session = await this.gateway.stripe.checkout.sessions.retrieve(sessionId);
    } catch {
      return null; // not a session Stripe knows: the same answer as one of another org
    }
    const built = recordFromMetadata(session);
    return built ? { type: built.accountType as "ORG" | "USER", id: built.accountId } : null;
  }

  /**
   * Applies a paid checkout once: TEAM puts the org on Team with its pool reseeded (top-ups
   * kept) and mirrors the subscription; TOP_UP credits the pool. Returns false while the
   * session is not paid (a bank debit not settled yet: `checkout.session.async_payment_succeeded`
   * runs this again). A webhook runs it through `WebhookService.once`, which stores
   * the event's id in this transaction.
   *
   * One live subscription per org: a Team checkout paid while the org already has a live
   * Team subscription (two checkouts opened, both paid) is cancelled at Stripe and its
   * payment refunded, before the record is marked complete (audited, the OWNER emailed);
   * the pool is not reseeded again. Both Stripe calls carry idempotency keys, so a crash
   * in between is finished by the next delivery of the event. When a Team checkout
   * completes, the org's other open Team checkouts are expired at Stripe.
   */
  async syncCheckout(sessionId: string): Promise<boolean> {
    let refunded: { subscription: string; amountCents: number } | null = null;
    for (;;) {
      const session = await this.gateway.stripe.checkout.sessions.retrieve(sessionId, { expand: ["subscription"] });
      const paid = session.status === "complete" && (session.payment_status === "paid" || session.payment_status === "no_payment_required");
      const subscription = session.subscription && typeof session.subscription !== "string" ? session.subscription : null;
      const sub = subscription ? subscriptionRow(subscription) : null;
      let outcome: { done: boolean; expireOthersOf?: string };
      try {
        outcome = await this.db.transaction(async (em) => {
          if (!paid) return { done: false };
          const record = await this.lockedRecord(em, session);
          if (!record) return { done: false }; // not a session we started
          if (record.completedAt) return { done: true };
          if (record.kind === "TEAM") {
            if (!sub || !subscription) throw new Error(`checkout ${sessionId} completed without a subscription we sell`);
            // The org's row orders two completions of one org: the second sees the first's subscription.
            await this.db.forUpdate(em.createQueryBuilder(OrgEntity, "o").where("o.id = :id", { id: record.accountId })).getOne();
            const live = await em.findOne(SubscriptionEntity, {
              where: { accountType: "ORG", accountId: record.accountId, status: In(LIVE_STATUSES) },
              order: { startedAt: "ASC" },
            });
            if (live && live.id !== sub.id) {
              if (refunded?.subscription !== sub.id) throw new DuplicateSubscription(subscription); // rolls back; refund first
              await this.duplicateRefunded(em, record, live, subscription, refunded.amountCents);
              return { done: true };
            }
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
            const pool = await this.pools.creditTopUp(em, record.accountId, record.credits, sessionId);
            const buyer = record.startedByUserId ? await em.findOneBy(UserEntity, { id: record.startedByUserId }) : null;
            await this.audit.record(em, SYSTEM, {
              orgId: record.accountId,
              action: "top_up.credited",
              summary: `The top-up of ${inWords(record.credits)} credits${buyer ? ` bought by ${person(buyer)}` : ""} was paid and added: the pool holds ${inWords(pool.topUpBalance)} top-up credits now.`,
              after: { credits: record.credits, checkout: sessionId },
            });
          }
          await em.update(CheckoutRecordEntity, { sessionId }, { completedAt: this.clock.now() });
          return { done: true, expireOthersOf: record.kind === "TEAM" ? record.accountId : undefined };
        });
      } catch (error) {
        if (!(error instanceof DuplicateSubscription) || refunded?.subscription === sub?.id) throw error;
        refunded = { subscription: error.subscription.id, amountCents: await this.cancelAndRefund(error.subscription) };
        continue; // then record it, in a transaction that checks again
      }
      if (outcome.expireOthersOf) await this.expireOpenTeamCheckouts(outcome.expireOthersOf, sessionId);
      return outcome.done;
    }
  }

  /**
   * `checkout.session.async_payment_failed`: the bank debit bounced. Nothing was credited
   * (the session never became paid); we audit it and tell the buyer (the org's OWNER).
   */
  async asyncPaymentFailed(sessionId: string): Promise<void> {
    const session = await this.gateway.stripe.checkout.sessions.retrieve(sessionId);
    await this.db.transaction(async (em) => {
      const record = await this.lockedRecord(em, session);
      if (!record || record.completedAt) return;
      const orgId = record.accountType === "ORG" ? record.accountId : null;
      const what =
        record.kind === "TOP_UP" ? `${record.credits.toLocaleString("en-US")} credits (top-up)` : `the ${record.plan ?? record.kind} plan`;
      await this.audit.record(em, SYSTEM, {
        orgId,
        action: "checkout.payment_failed",
        summary: `The bank debit for ${checkoutWords(record.kind, record.credits, record.plan)} failed; nothing was added or charged.`,
        after: { session: sessionId, kind: record.kind, credits: record.credits || undefined, plan: record.plan ?? undefined },
      });
      const to = await this.buyerOf(em, record);
      if (to)
        await this.mail.enqueue(em, {
          to: to.email,
          kind: "checkout_payment_failed",
          dedupeKey: `checkout-failed:${sessionId}`,
          subject: "Your bank debit did not go through",
          text:
            `Hello ${to.name},\n\nThe bank debit for ${what} failed, so nothing was added or charged.\n` +
            `You can start a new checkout from Billing and pay by card or another account.\n`,
        });
    });
  }

  /**
   * Our record of the session, locked; rebuilt from the session's metadata when missing
   * (the process died between creating the session and recording it). Null: not ours.
   */
  private async lockedRecord(em: EntityManager, session: Session): Promise<CheckoutRecordEntity | null> {
    const find = () =>
      this.db.forUpdate(em.createQueryBuilder(CheckoutRecordEntity, "c").where("c.sessionId = :id", { id: session.id })).getOne();
    const found = await find();
    if (found) return found;
    const built = recordFromMetadata(session);
    if (!built) return null;
    const entity = built.accountType === "ORG" ? OrgEntity : UserEntity;
    if (!(await em.existsBy(entity, { id: built.accountId }))) return null;
    await em
      .createQueryBuilder()
      .insert()
      .into(CheckoutRecordEntity)
      .values({ ...built, createdAt: new Date(session.created * 1000), completedAt: null })
      .orIgnore()
      .execute();
    await this.audit.record(em, SYSTEM, {
      orgId: built.accountType === "ORG" ? built.accountId : null,
      action: "checkout.record_rebuilt",
      summary: `A checkout for ${checkoutWords(built.kind, built.credits, built.plan)} was recovered from Stripe's records (our record of it had not been saved).`,
      after: { session: session.id, kind: built.kind, credits: built.credits || undefined },
    });
    return find();
  }

  /** Cancels a duplicate subscription at once and refunds what its first invoice took; returns the cents refunded. */
  private async cancelAndRefund(sub: Stripe.Subscription): Promise<number> {
    const stripe = this.gateway.stripe;
    if (sub.status !== "canceled") await stripe.subscriptions.cancel(sub.id, {}, { idempotencyKey: `duplicate-cancel:${sub.id}` });
    const invoiceId = idOf(sub.latest_invoice as string | { id: string } | null);
    if (!invoiceId) return 0;
    let cents = 0;
    const payments = await stripe.invoicePayments.list({ invoice: invoiceId, limit: 10 });
    for (const payment of payments.data) {
      const intent = idOf(payment.payment?.payment_intent as string | { id: string } | null | undefined);
      if (!intent || payment.status !== "paid") continue;
      try {
        const refund = await stripe.refunds.create(
          { payment_intent: intent, metadata: { reason: "duplicate_subscription" } },
          { idempotencyKey: `duplicate-refund:${intent}` },
        );
        cents += refund.amount;
      } catch (error) {
        // Refunded already (an earlier try whose idempotency key has lapsed): done.
        if ((error as { code?: string }).code !== "charge_already_refunded") throw error;
        cents += payment.amount_paid ?? 0;
      }
    }
    return cents;
  }

  private async duplicateRefunded(
    em: EntityManager,
    record: CheckoutRecordEntity,
    live: SubscriptionEntity,
    duplicate: Stripe.Subscription,
    amountCents: number,
  ): Promise<void> {
    const orgId = record.accountId;
    await em.update(CheckoutRecordEntity, { sessionId: record.sessionId }, { completedAt: this.clock.now() });
    await this.audit.record(em, SYSTEM, {
      orgId,
      action: "subscription.duplicate_refunded",
      summary: `A second Team subscription was paid for while the org already had one: it was cancelled at once and its ${money(amountCents, this.catalog.currency)} refunded; the first subscription is unchanged.`,
      before: { subscription: live.id },
      after: { duplicate: duplicate.id, checkout: record.sessionId, status: "canceled", refunded: true, amountCents },
    });
    const org = await em.findOneByOrFail(OrgEntity, { id: orgId });
    const owner = await this.ownerOf(em, orgId);
    if (owner)
      await this.mail.enqueue(em, {
        to: owner.email,
        kind: "subscription_duplicate_refunded",
        dedupeKey: `duplicate-refunded:${duplicate.id}`,
        subject: `${org.name}: a second Team subscription was cancelled and refunded`,
        text:
          `Hello ${owner.name},\n\n${org.name} already had a Team subscription when another Team checkout was paid.\n` +
          `An org has one subscription, so we cancelled the second one (${duplicate.id}) at once and refunded its payment in full.\n` +
          `Your existing subscription (${live.id}) is unchanged. The refund shows on your statement in a few days.\n`,
      });
  }

  /** Best effort: a session that completed or expired meanwhile answers an error, and is left alone. */
  private async expireOpenTeamCheckouts(orgId: string, except: string): Promise<void> {
    const open = await this.db.manager.find(CheckoutRecordEntity, {
      where: {
        accountType: "ORG",
        accountId: orgId,
        kind: "TEAM",
        completedAt: IsNull(),
        createdAt: MoreThan(new Date(this.clock.now().getTime() - SESSION_LIFETIME_MS)),
      },
    });
    for (const record of open.filter((r) => r.sessionId !== except)) {
      try {
        await this.gateway.stripe.checkout.sessions.expire(record.sessionId);
      } catch {
        // Paid meanwhile (then its completion refunds it) or already expired.
      }
    }
  }

  private async ownerOf(em: EntityManager, orgId: string): Promise<UserEntity | null> {
    return em
      .createQueryBuilder(UserEntity, "u")
      .innerJoin(MembershipEntity, "m", "m.userId = u.id")
      .where("m.orgId = :orgId AND m.role = 'OWNER'", { orgId })
      .getOne();
  }

  private async buyerOf(em: EntityManager, record: CheckoutRecordEntity): Promise<UserEntity | null> {
    return record.accountType === "ORG" ? this.ownerOf(em, record.accountId) : em.findOneBy(UserEntity, { id: record.accountId });
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
        summary: `${person(actor.user)} opened Stripe's checkout for ${checkoutWords(kind, credits, plan)}; nothing changes unless it is paid.`,
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

/** The record a session's metadata describes (we set it when creating the session); null when it is not ours. */
function recordFromMetadata(session: Stripe.Checkout.Session): Omit<CheckoutRecordEntity, "createdAt" | "completedAt"> | null {
  const meta = session.metadata ?? {};
  const kind = KIND_OF_METADATA[meta.kind ?? ""];
  if (!kind) return null;
  const account = kind === "PERSONAL" ? { type: "USER" as const, id: meta.user_id } : { type: "ORG" as const, id: meta.org_id };
  if (!account.id) return null;
  const credits = kind === "TOP_UP" ? Number(meta.credits) : 0;
  if (kind === "TOP_UP" && !(Number.isSafeInteger(credits) && credits > 0)) return null;
  return {
    sessionId: session.id,
    kind,
    accountType: account.type,
    accountId: account.id,
    startedByUserId: meta.started_by ?? (kind === "PERSONAL" ? account.id : ""),
    credits,
    plan: kind === "TEAM" ? "TEAM" : kind === "PERSONAL" ? (meta.plan ?? null) : null,
  };
}
