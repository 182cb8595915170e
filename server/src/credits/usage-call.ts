import { createHash } from "node:crypto";
import { ERROR_MESSAGES } from "@team-billing/shared";
import { validateSync } from "class-validator";
import { AppError, badInput } from "../common/errors";
import { CallCredits, IdempotencyKey, ModelName } from "../common/input-rules";
import type { MembershipEntity, UsageEventEntity } from "../entities";

/** One model call to charge, as recordUsage (and its batch form) receive it. */
export interface UsageCall {
  orgId: string;
  memberId: string;
  spaceId: string;
  model: string;
  credits: number;
  idempotencyKey: string;
  /**
   * Made with an org API key (not the member's own session). Batches mix callers, so
   * each call carries it: a key may spend a member's personal credits only with the
   * member's consent.
   */
  viaApiKey?: boolean;
}

export interface UsageResult {
  eventId: string;
  creditsCharged: number;
  fromTopUp: number;
  fromMonthly: number;
  poolRemaining: number;
}

export type CallOutcome = { ok: true; result: UsageResult } | { ok: false; error: AppError };

/**
 * Members, Spaces and earlier events a batch of calls refers to, read once per batch
 * (by metering) and used by both the pool and the personal path.
 */
export interface Targets {
  /** Events by idempotency key: the earlier ones, and those this batch adds. */
  seen: Map<string, UsageEventEntity>;
  member(id: string): MembershipEntity | undefined;
  userOf(memberId: string): string;
  problem(call: UsageCall): AppError | null;
}

/** How long a hold may last (ReserveCreditsInput.ttlSeconds). */
export const HOLD_TTL = { defaultSeconds: 600, minSeconds: 10, maxSeconds: 3600 };

/** The rules of one call that need no database, as RecordUsageInput and UsageCallInput declare them. */
class CallShape {
  @ModelName() model: string;
  @CallCredits() credits: number;
  @IdempotencyKey() idempotencyKey: string;
}

/**
 * Shape checks for calls that do not arrive as one validated argument: the items of a
 * batch (one bad call must not refuse the others) and a settled hold. A failing call
 * charges nothing.
 */
export function checkCall(call: UsageCall): AppError | null {
  const shape = Object.assign(new CallShape(), { model: call.model, credits: call.credits, idempotencyKey: call.idempotencyKey });
  const [first] = validateSync(shape);
  const message = first?.constraints ? Object.values(first.constraints)[0] : undefined;
  return first && message ? badInput(first.property, message) : null;
}

/** What makes two calls under one key the same call. */
export function inputHash(call: UsageCall): string {
  return createHash("sha256")
    .update(JSON.stringify([call.memberId, call.spaceId, call.model, call.credits]))
    .digest("hex");
}

export function resultOf(event: UsageEventEntity): UsageResult {
  return {
    eventId: event.id,
    creditsCharged: event.credits,
    fromTopUp: event.fromTopUp,
    fromMonthly: event.fromMonthly,
    poolRemaining: event.remainingAfter,
  };
}

type RefusalCode = "BILLING_POOL_EXHAUSTED" | "BILLING_MEMBER_CAP_REACHED" | "BILLING_SPACE_CAP_REACHED";

/** A billing refusal: `resetsAt` when waiting helps; `reason` where the code alone does not say which check refused. */
export function refusal(code: RefusalCode, resetsAt: Date | null, message: string = ERROR_MESSAGES[code], reason?: string): AppError {
  return new AppError(code, message, { ...(resetsAt ? { resetsAt: resetsAt.toISOString() } : {}), ...(reason ? { reason } : {}) });
}

export const keyConflict = () => new AppError("CONFLICT", "This idempotency key was already used for a different call; use a new key.");
