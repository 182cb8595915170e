import { createHash } from "node:crypto";
import { hasUnsafeCharacters, LIMITS } from "@team-billing/shared";
import type { MembershipEntity, UsageEventEntity } from "../entities";
import { AppError, badInput } from "../common/errors";

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

/** Shape checks that need no database; a failing call charges nothing. */
export function checkCall(call: UsageCall): AppError | null {
  const model = call.model.trim();
  if (model.length === 0) return badInput("model", "must not be empty");
  if (call.model.length > LIMITS.modelMax) return badInput("model", `must be at most ${LIMITS.modelMax} characters`);
  // Control characters, bidi overrides and zero-width marks hide or reorder what a report or CSV shows.
  if (hasUnsafeCharacters(call.model)) {
    return badInput("model", "must not contain control, bidi-override or zero-width characters");
  }
  if (!Number.isSafeInteger(call.credits) || call.credits < 1 || call.credits > LIMITS.creditsPerCallMax) {
    return badInput("credits", `must be a whole number from 1 to ${LIMITS.creditsPerCallMax.toLocaleString("en-US")}`);
  }
  if (call.idempotencyKey.length < 1 || call.idempotencyKey.length > LIMITS.idempotencyKeyMax) {
    return badInput("idempotencyKey", `must be 1 to ${LIMITS.idempotencyKeyMax} characters`);
  }
  return null;
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

export const REFUSAL_MESSAGES = {
  BILLING_POOL_EXHAUSTED: "The org's credit pool cannot cover this call until it refills or is topped up.",
  BILLING_MEMBER_CAP_REACHED: "This member has reached their monthly cap.",
  BILLING_SPACE_CAP_REACHED: "This Space has reached its monthly cap.",
} as const;

/** A billing refusal: `resetsAt` when waiting helps; `reason` where the code alone does not say which check refused. */
export function refusal(
  code: keyof typeof REFUSAL_MESSAGES,
  resetsAt: Date | null,
  message: string = REFUSAL_MESSAGES[code],
  reason?: string,
): AppError {
  return new AppError(code, message, { ...(resetsAt ? { resetsAt: resetsAt.toISOString() } : {}), ...(reason ? { reason } : {}) });
}

export const keyConflict = () => new AppError("CONFLICT", "This idempotency key was already used for a different call; use a new key.");
