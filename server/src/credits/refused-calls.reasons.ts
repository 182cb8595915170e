import type { AppError } from "../common/errors";

/** Why a call was refused, finer than its error code, with the words the console shows. */
export const REFUSED_CALL_REASONS = {
  MEMBER_CAP_REACHED: "The member had reached their monthly cap.",
  SPACE_CAP_REACHED: "The Space had reached its monthly cap.",
  POOL_EXHAUSTED: "The org's credit pool was empty.",
  PERSONAL_CREDITS_EXHAUSTED: "The member's personal credits had run out.",
  PERSONAL_CREDITS_NOT_ALLOWED: "The member has not allowed API keys to spend their personal credits.",
  PLAN_REQUIRED: "The member needed a paid plan to spend credits here.",
  PAYMENT_OVERDUE: "The Team subscription was past due.",
} as const;

export type RefusedCallReason = keyof typeof REFUSED_CALL_REASONS;

/**
 * The reason of a billing refusal; null for anything else (bad input, a key conflict),
 * which is the caller's mistake, not a block. Where one code covers several checks the
 * error names its `extensions.reason` (also for partners); otherwise the code says it.
 */
export function refusedCallReason(error: AppError): RefusedCallReason | null {
  const named = error.extensions.reason;
  if (typeof named === "string" && Object.hasOwn(REFUSED_CALL_REASONS, named)) return named as RefusedCallReason;
  switch (error.code) {
    case "BILLING_MEMBER_CAP_REACHED":
      return "MEMBER_CAP_REACHED";
    case "BILLING_SPACE_CAP_REACHED":
      return "SPACE_CAP_REACHED";
    case "BILLING_POOL_EXHAUSTED":
      return "POOL_EXHAUSTED";
    case "BILLING_PLAN_REQUIRED":
      return "PLAN_REQUIRED";
    default:
      return null;
  }
}
