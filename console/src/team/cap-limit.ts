/** Reading what people type for caps and the alert threshold. */

// GraphQL's Int: the most a monthly limit can carry over the API.
const MAX_INT = 2_147_483_647;

/** Digits only, with thousands separators allowed ("1,500"). */
function wholeNumber(typed: string): number | null {
  const text = typed.trim().replace(/[,\s_]/g, "");
  if (!/^\d+$/.test(text)) return null;
  const value = Number(text);
  return Number.isSafeInteger(value) ? value : null;
}

export const CAP_LIMIT_RULE = "Enter a whole number of credits, 0 or more.";

/** A monthly cap in whole credits, at least 0 (0 blocks all spending). */
export function parseCapLimit(typed: string): { limit: number } | { problem: string } {
  const value = wholeNumber(typed);
  if (value === null) return { problem: CAP_LIMIT_RULE };
  if (value > MAX_INT) return { problem: `A cap can be at most ${MAX_INT.toLocaleString()} credits; remove the cap for no limit.` };
  return { limit: value };
}

export const THRESHOLD_RULE = "Enter a whole percent from 1 to 99.";

/** The soft-alert threshold: a whole percent from 1 to 99. */
export function parseThreshold(typed: string): { percent: number } | { problem: string } {
  const value = wholeNumber(typed.replace(/%$/, ""));
  if (value === null || value < 1 || value > 99) return { problem: THRESHOLD_RULE };
  return { percent: value };
}
