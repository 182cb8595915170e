import type { CapIncreaseStatus, CapRequestItemFragment } from "../gql/graphql";
import { parseCapLimit } from "./cap-limit";

/** Cap increase requests in words, and the checks the console makes before asking. */

export const REQUEST_REASON_MIN = 3;
export const REQUEST_REASON_MAX = 500;

export const REQUEST_STATUS: Record<CapIncreaseStatus, { label: string; tone: "good" | "bad" | "neutral" }> = {
  PENDING: { label: "Pending", tone: "neutral" },
  APPROVED: { label: "Approved", tone: "good" },
  DENIED: { label: "Denied", tone: "bad" },
};

/** "500 → 1,000 credits" */
export function limitChangeWords(request: Pick<CapRequestItemFragment, "currentLimit" | "requestedLimit">): string {
  return `${request.currentLimit.toLocaleString()} → ${request.requestedLimit.toLocaleString()} credits`;
}

/** Beside the status badge: "waiting for an owner or admin", "by Ada Lovelace" (nothing when the decider is unknown). */
export function requestNote(request: Pick<CapRequestItemFragment, "status" | "decidedBy">): string {
  if (request.status === "PENDING") return "waiting for an owner or admin";
  return request.decidedBy ? `by ${request.decidedBy.user.name}` : "";
}

/** A reason: 3 to 500 characters once trimmed (the server's rule), or what is wrong with it. */
export function reasonProblem(typed: string, what = "Say why"): string | null {
  const text = typed.trim();
  if (text.length < REQUEST_REASON_MIN) return `${what} in a few words (at least ${REQUEST_REASON_MIN} characters).`;
  if (text.length > REQUEST_REASON_MAX) return `Keep it under ${REQUEST_REASON_MAX} characters.`;
  return null;
}

/** The limit asked for: whole credits above the current limit. */
export function parseRequestedLimit(typed: string, current: number): { limit: number } | { problem: string } {
  const parsed = parseCapLimit(typed);
  if ("problem" in parsed) return parsed;
  if (parsed.limit <= current) return { problem: `Ask for more than the current ${current.toLocaleString()} credits.` };
  return parsed;
}
