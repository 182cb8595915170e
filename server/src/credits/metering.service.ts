import type { EntityManager } from "typeorm";
import type { Clock } from "../common/clock";
import { POOLED_PLANS } from "@team-billing/shared";
import { type Database, isUniqueViolation } from "../db/database";
import { isConnectionError, isTransient, serviceUnavailable } from "../db/transient-errors";
import { countUsageOutcomes, usageBatchCalls } from "../metrics/metrics";
import type { OrgEntity, PoolEntity } from "../entities";
import { AppError, badInput, forbidden, notFound } from "../common/errors";
import type { Actor } from "../common/actor";
import type { MemberService } from "../teams/member.service";
import { type AdmissionState, admitCharge } from "./admission";
import { Coalescer, Rejection } from "./coalescer";
import type { ChargeReads, CreditStore } from "./credit-store";
import type { PersonalService } from "./personal.service";
import type { PoolService } from "./pool.service";
import type { RefusedCallsService } from "./refused-calls.service";
import type { RefusedInBatch } from "./usage-signals";
import {
  type CallOutcome,
  checkCall,
  inputHash,
  keyConflict,
  refusal,
  resultOf,
  type Targets,
  type UsageCall,
  type UsageResult,
} from "./usage-call";
import { ChargeBatch } from "./usage-writer";

export const MAX_BATCH_CALLS = 500;

/**
 * Metering: every model call is checked against the pool, the member's cap and the
 * Space's cap, split top-up first, and written as one usage event with its ledger
 * entries, in one transaction. Calls for one org that arrive together share a
 * transaction (see Coalescer); the pool row lock keeps several processes exact.
 */
/** How many event-loop turns a batch may wait for more calls (see Coalescer). */
const GATHER_TURNS = 20;

export class MeteringService {
  private readonly coalescer: Coalescer<UsageCall, CallOutcome>;

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly store: CreditStore,
    private readonly pools: PoolService,
    private readonly personal: PersonalService,
    private readonly members: MemberService,
    /** Counts refused calls for the owner, after the charge's transaction. */
    private readonly refusals: RefusedCallsService,
    /** Off: one transaction per call, each waiting on the pool row lock (the benchmark's baseline). */
    private readonly coalesce = true,
  ) {
    // Gather the calls that are arriving before a batch starts: SQLite would otherwise run each alone
    // (its transaction never waits on I/O), and on MySQL a batch of the whole queue beats two halves.
    this.coalescer = new Coalescer((orgId, calls, since) => this.chargeBatch(orgId, calls, since), MAX_BATCH_CALLS, GATHER_TURNS);
  }

  async record(actor: Actor, input: UsageCall): Promise<UsageResult> {
    const call = { ...input, viaApiKey: actor.kind !== "user" };
    // The call's shape is checked at the edge (RecordUsageInput); here what needs the database.
    const problem = await this.actorProblem(actor, call);
    if (problem) throw problem;
    const outcome = this.coalesce ? await this.coalescer.submit(call.orgId, call) : await this.chargeOne(call);
    if (!outcome.ok) {
      await this.refusals.countRefused([{ call, error: outcome.error }]);
      throw outcome.error;
    }
    return outcome.result;
  }

  /** Up to 500 calls of one org; one outcome per call, in order. */
  async recordBatch(actor: Actor, orgId: string, calls: Omit<UsageCall, "orgId">[]): Promise<CallOutcome[]> {
    if (calls.length === 0 || calls.length > MAX_BATCH_CALLS) throw badInput("calls", `send 1 to ${MAX_BATCH_CALLS} calls`);
    const full = calls.map((c) => ({ ...c, orgId, viaApiKey: actor.kind !== "user" }));
    const checked = await Promise.all(full.map(async (c) => checkCall(c) ?? (await this.actorProblem(actor, c))));
    const admitted = full.filter((_, i) => checked[i] === null);
    // One call's failure (a bug it set off) answers that call alone; its error keeps the cause.
    const settled = await Promise.allSettled(admitted.map((call) => this.coalescer.submit(orgId, call)));
    const outcomes = settled.map((s): CallOutcome => {
      if (s.status === "fulfilled") return s.value;
      const error = s.reason instanceof AppError ? s.reason : new AppError("INTERNAL_SERVER_ERROR");
      return { ok: false, error };
    });
    const refused = admitted.flatMap((call, i) => {
      const outcome = outcomes[i];
      return outcome.ok ? [] : [{ call, error: outcome.error }];
    });
    if (refused.length > 0) await this.refusals.countRefused(refused);
    let next = 0;
    return checked.map((problem) => (problem ? { ok: false as const, error: problem } : outcomes[next++]));
  }

  /** A signed-in member records usage for themself; an org API key for any member. */
  private async actorProblem(actor: Actor, call: UsageCall) {
    if (actor.kind !== "user") return null;
    const own = await this.members.membershipOf(call.orgId, actor.user.id);
    if (!own) return notFound("Org");
    return own.id === call.memberId ? null : forbidden("You can record usage only as yourself; integrations use an org API key.");
  }

  private async chargeOne(call: UsageCall): Promise<CallOutcome> {
    const [outcome] = await this.chargeBatch(call.orgId, [call], Date.now());
    if (outcome instanceof Rejection) throw outcome.error;
    return outcome;
  }

  /**
   * One transaction for a batch of one org's calls (often of different callers). If it
   * fails (a unique key, contention past its retry budget, anything one call caused), the
   * calls run again one by one, so one call's failure never fails another's: a call that
   * still meets a busy database gets SERVICE_UNAVAILABLE, one that breaks gets its error.
   * The one-by-one runs share one more retry budget, so a database that is away costs a
   * batch about that budget, not a budget per call. The batch's budget runs from `since`,
   * when its longest waiting call arrived: a call queued behind a batch that met a dead node
   * is not given a whole budget more.
   */
  private async chargeBatch(orgId: string, calls: UsageCall[], since: number): Promise<(CallOutcome | Rejection)[]> {
    try {
      usageBatchCalls.observe(calls.length);
      return countUsageOutcomes(await this.chargeTogether(orgId, calls, since + this.db.retryBudget));
    } catch (error) {
      if (calls.length === 1 && !isUniqueViolation(error)) return [this.failed(error)];
      // The database is away (a dead or frozen node), not one call at fault: running the calls
      // one by one would spend a second budget on each queue behind them. Every call is told to retry.
      if (isAway(error)) return calls.map(() => this.failed(error));
    }
    const alone = { until: Date.now() + this.db.retryBudget, away: false };
    const outcomes: (CallOutcome | Rejection)[] = [];
    for (const call of calls) outcomes.push(await this.chargeAlone(orgId, call, alone));
    countUsageOutcomes(outcomes.filter((o): o is CallOutcome => !(o instanceof Rejection)));
    return outcomes;
  }

  /**
   * Past the shared budget a call still gets one try (a call that keeps failing must not
   * fail the rest), unless the connection itself failed: the database is away, not one call.
   */
  private async chargeAlone(orgId: string, call: UsageCall, alone: { until: number; away: boolean }): Promise<CallOutcome | Rejection> {
    for (let attempt = 1; ; attempt++) {
      if (alone.away) return this.failed(serviceUnavailable());
      try {
        const [outcome] = await this.chargeTogether(orgId, [call], alone.until);
        return outcome;
      } catch (error) {
        if (isAway(error)) alone.away = true;
        if (!isUniqueViolation(error)) return this.failed(error);
        // Two members of an org on personal plans used one key at the same moment: the
        // second run finds the first's event (a replay or a CONFLICT). A key the database
        // still calls taken after that is one this call cannot use.
        if (attempt >= 2) return { ok: false, error: keyConflict() };
      }
    }
  }

  /** A busy database is an outcome the caller retries on; anything else rejects that call alone. */
  private failed(error: unknown): CallOutcome | Rejection {
    if (!isTransient(error)) return new Rejection(error);
    return { ok: false, error: error instanceof AppError ? error : serviceUnavailable(error) };
  }

  /**
   * One transaction for the calls, `bundled`: on a single MySQL server its reads go in one
   * round trip and its writes in another (see CreditStore.lockForCharges and writeCharges), so
   * it holds the org's lock for four round trips, not twenty. SQLite and Galera run the same
   * statements one by one.
   */
  private chargeTogether(orgId: string, calls: UsageCall[], until?: number): Promise<CallOutcome[]> {
    return this.db.transaction(
      async (em) => {
        // The org's lock comes first, before any other read of its credits.
        const read = await this.store.lockForCharges(em, orgId, {
          memberIds: [...new Set(calls.map((c) => c.memberId))],
          spaceIds: [...new Set(calls.map((c) => c.spaceId))],
          keys: [...new Set(calls.map((c) => c.idempotencyKey))],
        });
        const { pool, org, state } = read;
        if (!org) return calls.map(() => ({ ok: false as const, error: notFound("Org") }));
        const targets = targetsOf(org, read);
        if (!pool || !state || org.orgPlan === null || !POOLED_PLANS.includes(org.orgPlan)) {
          const charges = ChargeBatch.forPersonal(this.clock.now());
          const outcomes = await this.personal.chargeCalls(em, calls, targets, charges);
          await this.store.recordCharges(em, charges);
          return outcomes;
        }
        return this.chargePool(em, org, pool, state, calls, targets);
      },
      { until, bundled: true },
    );
  }

  private async chargePool(
    em: EntityManager,
    org: OrgEntity,
    pool: PoolEntity,
    read: AdmissionState,
    calls: UsageCall[],
    targets: Targets,
  ): Promise<CallOutcome[]> {
    if (pool.spendBlockedAfter && pool.spendBlockedAfter <= this.clock.now()) {
      const error = new AppError(
        "BILLING_PLAN_REQUIRED",
        "The Team subscription is past due and its grace period has ended: the owner needs to pay the open invoice.",
        { reason: "PAYMENT_OVERDUE" },
      );
      return calls.map(() => ({ ok: false as const, error }));
    }
    // A new period (the first charge after its end rolls the pool) starts its counters afresh: read them again.
    const period = pool.periodIndex;
    await this.pools.rollInTransaction(em, pool);
    const state =
      pool.periodIndex === period
        ? read
        : await this.store.admissionState(em, pool, { memberIds: calls.map((c) => c.memberId), spaceIds: calls.map((c) => c.spaceId) });
    const charges = ChargeBatch.forPool(pool, state, this.clock.now(), org.softAlertThresholdPercent);
    const refused: RefusedInBatch[] = [];
    const outcomes = calls.map((call): CallOutcome => {
      const invalid = targets.problem(call);
      if (invalid) return { ok: false, error: invalid };
      const hash = inputHash(call);
      const prior = targets.seen.get(call.idempotencyKey);
      if (prior) return prior.inputHash === hash ? { ok: true, result: resultOf(prior) } : { ok: false, error: keyConflict() };
      const decision = admitCharge(state, call);
      if (!decision.ok) {
        refused.push({ refusal: decision.refusal, memberId: call.memberId, spaceId: call.spaceId });
        return { ok: false, error: refusal(decision.refusal, pool.periodEnd) };
      }
      const event = charges.addPool(call, decision, { userId: targets.userOf(call.memberId), inputHash: hash });
      targets.seen.set(call.idempotencyKey, event);
      return { ok: true, result: resultOf(event) };
    });
    await this.store.recordCharges(em, charges, refused);
    return outcomes;
  }
}

/** What the calls of a batch refer to (members, Spaces, earlier events), as `lockForCharges` read them. */
function targetsOf(org: OrgEntity, read: Pick<ChargeReads, "members" | "spaces" | "prior">): Targets {
  const memberById = new Map(read.members.map((m) => [m.id, m]));
  const spaceIdsFound = new Set(read.spaces.map((s) => s.id));
  return {
    seen: new Map(read.prior.map((e) => [e.idempotencyKey, e])),
    member: (id) => memberById.get(id),
    userOf: (id) => memberById.get(id)?.userId ?? "",
    problem: (call) => {
      if (!memberById.has(call.memberId)) return badInput("memberId", "is not an active member of this org");
      if (!spaceIdsFound.has(call.spaceId)) return badInput("spaceId", "is not a Space of this org");
      // After a downgrade from Team, org-scoped Spaces are the OWNER's alone.
      if (org.spacesOwnerOnly && memberById.get(call.memberId)?.role !== "OWNER") return badInput("spaceId", "is not open to this member");
      return null;
    },
  };
}

/** The connection itself failed (or a retry budget ran out on one that did): the database is away. */
const isAway = (error: unknown): boolean => isConnectionError(error) || isConnectionError((error as { cause?: unknown } | null)?.cause);
