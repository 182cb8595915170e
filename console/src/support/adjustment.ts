import type { CreditBucket, PoolFieldsFragment } from "../gql/graphql";

/** The server's limits on the audited reason and on one adjustment. */
export const REASON_MIN = 3;
export const REASON_MAX = 500;
export const MAX_ADJUSTMENT = 100_000_000;

export type Direction = "ADD" | "REMOVE";

export interface AdjustmentDraft {
  bucket: CreditBucket;
  direction: Direction;
  /** As typed: digits only; a sign is never part of it (Add/Remove says which way). */
  amount: string;
  reason: string;
}

export interface AdjustmentProblems {
  amount?: string;
  reason?: string;
}

type Buckets = Pick<PoolFieldsFragment, "topUpRemaining" | "monthlyRemaining" | "reserved">;

export const BUCKET_NAMES: Record<CreditBucket, string> = { TOP_UP: "Top-up", MONTHLY: "Monthly" };
const BUCKET_WORDS: Record<CreditBucket, string> = { TOP_UP: "top-up", MONTHLY: "monthly" };
export const bucketWords = (bucket: CreditBucket) => BUCKET_WORDS[bucket];
const fmt = (n: number) => n.toLocaleString("en-US");

/** The whole number typed, or null when it is not one (a sign, a decimal point, letters). */
export function parseAmount(amount: string): number | null {
  const text = amount.trim().replaceAll(",", "");
  if (!/^[0-9]{1,12}$/.test(text)) return null;
  return Number(text);
}

/** What a bucket holds that may be removed: the server keeps what open holds need. */
export function removable(pool: Buckets, bucket: CreditBucket): { holds: number; free: number } {
  const holds = bucket === "TOP_UP" ? pool.topUpRemaining : pool.monthlyRemaining;
  const free = Math.max(0, Math.min(holds, pool.topUpRemaining + pool.monthlyRemaining - pool.reserved));
  return { holds, free };
}

/** Why the draft would be refused, field by field; empty when it may be confirmed. */
export function adjustmentProblems(draft: AdjustmentDraft, pool: Buckets): AdjustmentProblems {
  const problems: AdjustmentProblems = {};
  const n = parseAmount(draft.amount);
  if (!draft.amount.trim()) problems.amount = "Enter how many credits.";
  else if (n === null) problems.amount = "Enter a whole number of credits, without a sign: Add or Remove says which way.";
  else if (n === 0) problems.amount = "Enter at least 1 credit.";
  else if (n > MAX_ADJUSTMENT) problems.amount = `One adjustment moves at most ${fmt(MAX_ADJUSTMENT)} credits.`;
  else if (draft.direction === "REMOVE") {
    const { holds, free } = removable(pool, draft.bucket);
    if (n > free) {
      const held = holds - free;
      problems.amount = `The ${bucketWords(draft.bucket)} bucket holds ${fmt(holds)} credits${held > 0 ? ` (${fmt(held)} of them needed by open holds)` : ""}, so at most ${fmt(free)} can be removed.`;
    }
  }
  const r = draft.reason.trim();
  if (r.length === 0) problems.reason = "Give a reason: it goes into the org's audit log.";
  else if (r.length < REASON_MIN) problems.reason = `The reason needs at least ${REASON_MIN} characters.`;
  else if (r.length > REASON_MAX) problems.reason = `The reason may have at most ${REASON_MAX} characters.`;
  return problems;
}

/** The signed credits the draft sends, or null while the amount is not a whole number. */
export function signedCredits(draft: AdjustmentDraft): number | null {
  const n = parseAmount(draft.amount);
  if (n === null || n === 0) return null;
  return draft.direction === "ADD" ? n : -n;
}

/** "Top-up 405 → 0; monthly unchanged", or null while there is nothing to preview. */
export function previewLine(draft: AdjustmentDraft, pool: Buckets): string | null {
  const credits = signedCredits(draft);
  if (credits === null) return null;
  const before = draft.bucket === "TOP_UP" ? pool.topUpRemaining : pool.monthlyRemaining;
  const other: CreditBucket = draft.bucket === "TOP_UP" ? "MONTHLY" : "TOP_UP";
  return `${BUCKET_NAMES[draft.bucket]} ${fmt(before)} → ${fmt(before + credits)}; ${bucketWords(other)} unchanged`;
}

/** The confirm question: "Remove 405 credits from the top-up bucket of Acme?" */
export function confirmQuestion(draft: AdjustmentDraft, orgName: string): string {
  const n = fmt(Math.abs(signedCredits(draft) ?? 0));
  return draft.direction === "ADD"
    ? `Add ${n} credits to the ${bucketWords(draft.bucket)} bucket of ${orgName}?`
    : `Remove ${n} credits from the ${bucketWords(draft.bucket)} bucket of ${orgName}?`;
}

/** What an answered adjustment moved, from the server's before and after. */
export function movedLine(a: { bucket: CreditBucket; credits: number; before: number; after: number }): string {
  const verb = a.credits > 0 ? `Added ${fmt(a.credits)} credits to` : `Removed ${fmt(-a.credits)} credits from`;
  return `${verb} the ${bucketWords(a.bucket)} bucket: ${fmt(a.before)} → ${fmt(a.after)}.`;
}
