import type { CapScope } from "@team-billing/shared";
import type { EntityManager } from "typeorm";
import { newId } from "../db/columns";
import { insertStatements, runStatements, type Statement, updateStatement } from "../db/statements";
import type { DatabaseKind } from "../db/data-source";
import { LedgerEntryEntity, PersonalBalanceEntity, PoolEntity, UsageEventEntity } from "../entities";
import type { LedgerBucket, LedgerKind } from "../entities/ledger-entry.entity";
import { type AdmissionState, type Counter, cloneCounters } from "./admission";
import { rollupStatements } from "./rollups";
import type { UsageCall } from "./usage-call";

/**
 * The one writer of usage: the usage_event rows, their ledger lines (pool or
 * personal), the rollups and the counters. Every path that charges a call (metering
 * on a pool, metering on personal plans, settling a hold) collects its charges in a
 * ChargeBatch and hands it to `CreditStore.recordCharges`, which writes it here in
 * a few bulk statements; nothing else inserts a usage event.
 */

export interface LedgerLine {
  bucket: Exclude<LedgerBucket, "PERSONAL">;
  kind: LedgerKind;
  amount: number;
  reference?: string | null;
  reason?: string | null;
  actorEmail?: string | null;
}

type LedgerRow = Omit<LedgerEntryEntity, "id">;

/** Who pays, and what they stood at before the batch (to write counters and balances after). */
type Account =
  | {
      source: "POOL";
      pool: PoolEntity;
      state: AdmissionState;
      before: Map<string, Counter>;
      opening: { topUp: number; monthly: number };
      thresholdPercent: number;
    }
  | { source: "PERSONAL"; balances: Map<string, PersonalBalanceEntity> };

/** The call's fields an event keeps. */
type Call = Pick<UsageCall, "orgId" | "memberId" | "spaceId" | "model" | "credits" | "idempotencyKey">;

/** An admitted call's split of the pool, as `admitCharge` decides it. */
export interface PoolSplit {
  fromTopUp: number;
  fromMonthly: number;
  remainingAfter: number;
}

/** The charges of one transaction, all to one pool or all to personal balances, written together. */
export class ChargeBatch {
  readonly events: UsageEventEntity[] = [];

  private constructor(
    readonly account: Account,
    readonly at: Date,
  ) {}

  /**
   * Charges to a locked pool. Made before any charge is admitted against `state`:
   * it keeps the counters and buckets as they were, to write only what changed and
   * to compute each ledger line's balance after.
   */
  static forPool(pool: PoolEntity, state: AdmissionState, at: Date, softAlertThresholdPercent: number): ChargeBatch {
    const opening = { topUp: pool.topUpBalance, monthly: pool.monthlyBalance };
    return new ChargeBatch(
      { source: "POOL", pool, state, before: cloneCounters(state.counters), opening, thresholdPercent: softAlertThresholdPercent },
      at,
    );
  }

  /** Charges to members' own balances (an org on personal plans). */
  static forPersonal(at: Date): ChargeBatch {
    return new ChargeBatch({ source: "PERSONAL", balances: new Map() }, at);
  }

  /** A call admitted against the pool's state; the event it becomes (not yet written). */
  addPool(call: Call, split: PoolSplit, by: { userId: string; inputHash: string; reservationId?: string | null }): UsageEventEntity {
    if (this.account.source !== "POOL") throw new Error("a pool charge in a batch of personal charges");
    return this.add(call, by.userId, by.inputHash, by.reservationId ?? null, {
      fromTopUp: split.fromTopUp,
      fromMonthly: split.fromMonthly,
      fromPersonal: 0,
      remainingAfter: split.remainingAfter,
    });
  }

  /** A call paid from `balance` (locked by the caller, which has already taken the credits off it). */
  addPersonal(call: Call, balance: PersonalBalanceEntity, inputHash: string): UsageEventEntity {
    if (this.account.source !== "PERSONAL") throw new Error("a personal charge in a batch of pool charges");
    this.account.balances.set(balance.userId, balance);
    return this.add(call, balance.userId, inputHash, null, {
      fromTopUp: 0,
      fromMonthly: 0,
      fromPersonal: call.credits,
      remainingAfter: balance.balance,
    });
  }

  private add(
    call: Call,
    userId: string,
    inputHash: string,
    reservationId: string | null,
    split: Pick<UsageEventEntity, "fromTopUp" | "fromMonthly" | "fromPersonal" | "remainingAfter">,
  ): UsageEventEntity {
    const event = Object.assign(new UsageEventEntity(), {
      id: newId(),
      orgId: call.orgId,
      memberId: call.memberId,
      spaceId: call.spaceId,
      userId,
      model: call.model,
      credits: call.credits,
      ...split,
      idempotencyKey: call.idempotencyKey,
      inputHash,
      reservationId,
      occurredAt: this.at,
    });
    this.events.push(event);
    return event;
  }
}

/**
 * Writes a batch in the caller's transaction (which holds the pool or balance locks):
 * the pool's buckets and counters (or the personal balances), one bulk insert of
 * events, the rollup upserts, one bulk insert of ledger lines: on a connection that takes
 * bundles (a charge's, see db/statements.ts) in one round trip. Only CreditStore calls it.
 */
export async function writeCharges(em: EntityManager, kind: DatabaseKind, batch: ChargeBatch): Promise<void> {
  const { account, events, at } = batch;
  if (events.length === 0) return;
  const statements: Statement[] = [];
  let ledger: LedgerRow[];
  if (account.source === "POOL") {
    statements.push(...counterStatements(em, kind, account.pool, account.state, account.before));
    ledger = orgLedgerRows(account.pool.orgId, account.opening, usageLines(events), at);
  } else {
    for (const b of account.balances.values())
      statements.push(updateStatement(em, PersonalBalanceEntity, { userId: b.userId }, { balance: b.balance }));
    ledger = events.map((e) => ({
      account: "USER" as const,
      accountId: e.userId,
      bucket: "PERSONAL" as const,
      kind: "USAGE" as const,
      amount: -e.credits,
      balanceAfter: e.remainingAfter,
      reference: e.id,
      reason: null,
      actorEmail: null,
      at,
    }));
  }
  statements.push(
    ...insertStatements(em, UsageEventEntity, events),
    ...rollupStatements(kind, events),
    ...insertStatements(em, LedgerEntryEntity, ledger),
  );
  await runStatements(em, statements);
}

/** A pool event's ledger lines: what it took from each bucket, top-up first. */
function usageLines(events: UsageEventEntity[]): LedgerLine[] {
  const lines: LedgerLine[] = [];
  for (const e of events) {
    if (e.fromTopUp) lines.push({ bucket: "TOP_UP", kind: "USAGE", amount: -e.fromTopUp, reference: e.id });
    if (e.fromMonthly) lines.push({ bucket: "MONTHLY", kind: "USAGE", amount: -e.fromMonthly, reference: e.id });
  }
  return lines;
}

/** An org's ledger rows, each one's balance after computed from the buckets' balances before them. */
export function orgLedgerRows(orgId: string, opening: { topUp: number; monthly: number }, lines: LedgerLine[], at: Date): LedgerRow[] {
  const balance = { TOP_UP: opening.topUp, MONTHLY: opening.monthly };
  return lines.map((line) => {
    balance[line.bucket] += line.amount;
    return {
      account: "ORG" as const,
      accountId: orgId,
      bucket: line.bucket,
      kind: line.kind,
      amount: line.amount,
      balanceAfter: balance[line.bucket],
      reference: line.reference ?? null,
      reason: line.reason ?? null,
      actorEmail: line.actorEmail ?? null,
      at,
    };
  });
}

/**
 * Writes back a locked pool's buckets (one UPDATE) and every counter that changed
 * (one multi-row upsert): for holds, releases and expiry (CreditStore.saveState).
 */
export async function saveCounters(
  em: EntityManager,
  kind: DatabaseKind,
  pool: PoolEntity,
  state: AdmissionState,
  before: Map<string, Counter>,
): Promise<void> {
  await runStatements(em, counterStatements(em, kind, pool, state, before));
}

/**
 * The statements that write back a locked pool's buckets and the counters that changed
 * (absolute values), after the last guard; applies the buckets to `pool`.
 */
function counterStatements(
  em: EntityManager,
  kind: DatabaseKind,
  pool: PoolEntity,
  state: AdmissionState,
  before: Map<string, Counter>,
): Statement[] {
  // The last guard: a write that would leave a bucket, the holds or a counter below
  // zero is a bug (a hold released twice, say); refuse it and let the transaction roll back.
  const { topUp, monthly, reserved } = state.buckets;
  const bad = [topUp, monthly, reserved].some((n) => n < 0) || [...state.counters.values()].some((c) => c.used < 0 || c.reserved < 0);
  if (bad) throw new Error(`credits of org ${pool.orgId} would go below zero (${JSON.stringify(state.buckets)}); nothing was written`);
  pool.topUpBalance = state.buckets.topUp;
  pool.monthlyBalance = state.buckets.monthly;
  pool.reserved = state.buckets.reserved;
  const statements = [
    updateStatement(
      em,
      PoolEntity,
      { orgId: pool.orgId },
      {
        topUpBalance: pool.topUpBalance,
        monthlyBalance: pool.monthlyBalance,
        reserved: pool.reserved,
        alertArmed: pool.alertArmed,
        alertsSent: pool.alertsSent,
      },
    ),
  ];
  const changed: [string, number, CapScope, string, number, number][] = [];
  for (const [key, counter] of state.counters) {
    const old = before.get(key);
    if (old ? old.used === counter.used && old.reserved === counter.reserved : counter.used === 0 && counter.reserved === 0) continue;
    const [scope, targetId] = key.split(":") as [CapScope, string];
    changed.push([pool.orgId, pool.periodIndex, scope, targetId, counter.used, counter.reserved]);
  }
  if (changed.length === 0) return statements;
  // Absolute values, not increments: the pool lock this transaction holds orders every writer of these rows.
  const insert = `INSERT INTO period_usage (orgId, periodIndex, scope, targetId, used, reserved) VALUES ${changed.map(() => "(?, ?, ?, ?, ?, ?)").join(", ")}`;
  const sql =
    kind === "mysql"
      ? `${insert} ON DUPLICATE KEY UPDATE used = VALUES(used), reserved = VALUES(reserved)`
      : `${insert} ON CONFLICT (orgId, periodIndex, scope, targetId) DO UPDATE SET used = excluded.used, reserved = excluded.reserved`;
  statements.push({ sql, params: changed.flat() });
  return statements;
}
