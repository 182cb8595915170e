import { type Catalog, monthlyCreditsOfPersonalPlan, PERSONAL_PAID_PLANS, type Plan } from "@team-billing/shared";
import { type EntityManager, LessThanOrEqual } from "typeorm";
import type { Clock } from "../common/clock";
import type { Database } from "../db/database";
import { LedgerEntryEntity, PersonalBalanceEntity, UsageEventEntity, UserEntity } from "../entities";
import type { LedgerKind } from "../entities/ledger-entry.entity";
import { AppError } from "../common/errors";
import type { Actor } from "../common/actor";
import type { AuditService } from "../common/audit.service";
import { credits as inWords, person, planWords } from "../common/audit-words";
import { periodAt } from "./periods";
import { type CallOutcome, inputHash, keyConflict, refusal, resultOf, type Targets, type UsageCall } from "./usage-call";
import type { ChargeBatch } from "./usage-writer";

const NO_CONSENT =
  "This member has not allowed this org's API keys to spend their personal credits (Your membership → Personal credits); they can record their own usage when signed in.";

/**
 * Personal balances: in an org that is not on TEAM/ENTERPRISE, a member's model
 * call spends that member's own credits (STARTER/PRO, refilled monthly on the
 * plan's anniversary); without a paid plan it is BILLING_PLAN_REQUIRED.
 */
export class PersonalService {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly catalog: Catalog,
    private readonly audit: AuditService,
  ) {}

  async balanceOf(userId: string): Promise<number> {
    const row = await this.db.em().findOneBy(PersonalBalanceEntity, { userId });
    if (!row || !PERSONAL_PAID_PLANS.includes(row.plan)) return 0;
    if (row.periodEnd <= this.clock.now()) {
      await this.db.transaction(async (em) => {
        const locked = await this.lock(em, userId);
        if (locked) await this.roll(em, locked);
      });
      return (await this.db.em().findOneByOrFail(PersonalBalanceEntity, { userId })).balance;
    }
    return row.balance;
  }

  /**
   * Starts (or changes) a user's personal plan from `at`: the balance is set to the
   * plan's monthly credits for a period anchored there. FREE ends it (the rest is forfeited).
   */
  async setPlan(actor: Actor, userId: string, plan: Plan, at: Date = this.clock.now()): Promise<void> {
    // Called inside a transaction (checkout, downgrade), it joins it.
    await this.db.transaction(async (em) => {
      const user = await em.findOneByOrFail(UserEntity, { id: userId });
      const existing = await this.lock(em, userId);
      const credits = monthlyCreditsOfPersonalPlan(plan, this.catalog);
      const period = periodAt(at, 0);
      const entries: [LedgerKind, number][] = [];
      if (existing && existing.balance > 0) entries.push([plan === "FREE" ? "FORFEIT" : "EXPIRY", -existing.balance]);
      if (credits > 0) entries.push(["GRANT", credits]);
      await this.ledger(em, userId, existing?.balance ?? 0, entries, `plan:${plan}`);
      await em.save(PersonalBalanceEntity, {
        userId,
        plan,
        balance: credits,
        anchorAt: at,
        periodIndex: 0,
        periodStart: period.start,
        periodEnd: period.end,
      });
      await em.update(UserEntity, { id: userId }, { personalPlan: plan });
      await this.audit.record(em, actor, {
        orgId: null,
        action: "personal_plan.changed",
        summary: `${person(user)}'s personal plan changed: ${planWords(user.personalPlan)} → ${planWords(plan)}${credits > 0 ? `, with ${inWords(credits)} credits a month` : ""}.`,
        before: { user: user.email, plan: user.personalPlan },
        after: { plan },
      });
    });
  }

  /**
   * Decides calls in an org on personal plans, each against its member's own balance
   * (locked here), and adds the admitted ones to `charges`; the caller writes them
   * (CreditStore.recordCharges) in this transaction.
   */
  async chargeCalls(em: EntityManager, calls: UsageCall[], targets: Targets, charges: ChargeBatch): Promise<CallOutcome[]> {
    const outcomes: CallOutcome[] = [];
    // Each user's balance is locked and read once per batch; their later calls see what earlier ones took.
    const balances = new Map<string, PersonalBalanceEntity | null>();
    // Refilled at most once per batch: the batch's charges are written after, and their
    // ledger lines must follow the refill's (a refill between two of them would misorder them).
    const rolled = new Set<string>();
    for (const call of calls) {
      const invalid = targets.problem(call);
      if (invalid) {
        outcomes.push({ ok: false, error: invalid });
        continue;
      }
      const hash = inputHash(call);
      const prior = targets.seen.get(call.idempotencyKey);
      if (prior) {
        outcomes.push(prior.inputHash === hash ? { ok: true, result: resultOf(prior) } : { ok: false, error: keyConflict() });
        continue;
      }
      const userId = targets.userOf(call.memberId);
      if (!balances.has(userId)) balances.set(userId, await this.lock(em, userId));
      const balance = balances.get(userId) ?? null;
      if (!balance || !PERSONAL_PAID_PLANS.includes(balance.plan)) {
        outcomes.push({
          ok: false,
          error: new AppError(
            "BILLING_PLAN_REQUIRED",
            "This org is on personal plans: this member needs their own paid plan (Starter or Pro) to spend credits.",
            { reason: "PLAN_REQUIRED" },
          ),
        });
        continue;
      }
      // Under the balance lock, a call with this key that committed meanwhile is visible.
      const committed = await em.findOneBy(UsageEventEntity, { orgId: call.orgId, idempotencyKey: call.idempotencyKey });
      if (committed) {
        targets.seen.set(call.idempotencyKey, committed);
        outcomes.push(committed.inputHash === hash ? { ok: true, result: resultOf(committed) } : { ok: false, error: keyConflict() });
        continue;
      }
      // The balance is the user's own, shared by all their orgs: an org's API key spends
      // it only if the member allowed it; their own session always may.
      if (call.viaApiKey && !targets.member(call.memberId)?.personalCreditsAllowed) {
        outcomes.push({ ok: false, error: new AppError("BILLING_PLAN_REQUIRED", NO_CONSENT, { reason: "PERSONAL_CREDITS_NOT_ALLOWED" }) });
        continue;
      }
      if (!rolled.has(userId)) {
        await this.roll(em, balance);
        rolled.add(userId);
      }
      if (balance.balance < call.credits) {
        outcomes.push({
          ok: false,
          error: refusal(
            "BILLING_POOL_EXHAUSTED",
            balance.periodEnd,
            "This member's personal credits cannot cover this call until they refill.",
            "PERSONAL_CREDITS_EXHAUSTED",
          ),
        });
        continue;
      }
      balance.balance -= call.credits;
      const event = charges.addPersonal(call, balance, hash);
      targets.seen.set(call.idempotencyKey, event);
      outcomes.push({ ok: true, result: resultOf(event) });
    }
    return outcomes;
  }

  /** The refill job: personal balances whose month ended. */
  async rollAllDue(limit = 500): Promise<number> {
    const due = await this.db.manager.find(PersonalBalanceEntity, { where: { periodEnd: LessThanOrEqual(this.clock.now()) }, take: limit });
    for (const { userId } of due) {
      await this.db.transaction(async (em) => {
        const row = await this.lock(em, userId);
        if (row) await this.roll(em, row);
      });
    }
    return due.length;
  }

  private lock(em: EntityManager, userId: string): Promise<PersonalBalanceEntity | null> {
    return this.db.forUpdate(em.createQueryBuilder(PersonalBalanceEntity, "b").where("b.userId = :userId", { userId })).getOne();
  }

  /** Refills a locked balance on each anniversary that has passed: the rest expires, the plan's credits are granted. */
  private async roll(em: EntityManager, row: PersonalBalanceEntity): Promise<void> {
    const now = this.clock.now();
    if (row.periodEnd > now) return;
    const credits = PERSONAL_PAID_PLANS.includes(row.plan) ? monthlyCreditsOfPersonalPlan(row.plan, this.catalog) : 0;
    while (row.periodEnd <= now) {
      const next = periodAt(row.anchorAt, row.periodIndex + 1);
      const entries: [LedgerKind, number][] = [];
      if (row.balance > 0) entries.push(["EXPIRY", -row.balance]);
      if (credits > 0) entries.push(["GRANT", credits]);
      await this.ledger(em, row.userId, row.balance, entries, `period:${next.index}`);
      Object.assign(row, { balance: credits, periodIndex: next.index, periodStart: next.start, periodEnd: next.end });
    }
    await em.update(
      PersonalBalanceEntity,
      { userId: row.userId },
      { balance: row.balance, periodIndex: row.periodIndex, periodStart: row.periodStart, periodEnd: row.periodEnd },
    );
  }

  private async ledger(
    em: EntityManager,
    userId: string,
    opening: number,
    entries: [LedgerKind, number][],
    reference: string,
  ): Promise<void> {
    let balance = opening;
    const at = this.clock.now();
    const rows = entries.map(([kind, amount]) => {
      balance += amount;
      return {
        account: "USER" as const,
        accountId: userId,
        bucket: "PERSONAL" as const,
        kind,
        amount,
        balanceAfter: balance,
        reference,
        reason: null,
        actorEmail: null,
        at,
      };
    });
    if (rows.length) await em.insert(LedgerEntryEntity, rows);
  }
}
