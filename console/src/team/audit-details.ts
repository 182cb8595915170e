/** Turns an audit entry's `details` (JSON `{"before": ..., "after": ...}`) into lines a person can read. */

export type AuditChangeKind = "added" | "removed" | "changed" | "same";

export interface AuditChange {
  /** The changed property in words ("previousOwnerRole" → "previous owner role"). */
  field: string;
  kind: AuditChangeKind;
  before: string | null;
  after: string | null;
}

const ACTION_LABELS: Record<string, string> = {
  "org.created": "Org created",
  "org.ownership_transferred": "Ownership transferred",
  "invitation.created": "Invitation sent",
  "invitation.revoked": "Invitation revoked",
  "member.joined": "Member joined",
  "member.left": "Member left",
  "member.removed": "Member removed",
  "member.role_changed": "Role changed",
  "space.created": "Space created",
  "api_key.created": "API key created",
  "api_key.revoked": "API key revoked",
  "cap.set": "Cap set",
  "cap.removed": "Cap removed",
  "soft_alert.threshold_changed": "Alert threshold changed",
  "checkout.team_started": "Team checkout started",
  "checkout.top_up_started": "Top-up checkout started",
  "top_up.credited": "Top-up credited",
  "plan.changed": "Plan changed",
  "personal_plan.changed": "Personal plan changed",
  "downgrade.scheduled": "Downgrade scheduled",
  "downgrade.cancelled": "Downgrade cancelled",
  "downgrade.completed": "Downgrade completed",
  "subscription.past_due": "Payment past due",
  "billing_details.changed": "Billing details changed",
  "enterprise.contact_requested": "Enterprise contact requested",
  "enterprise.terms_set": "Enterprise terms set",
  "credits.adjusted": "Credits adjusted",
  "credits.adjustment_reversed": "Adjustment reversed",
  "credits.refilled": "Monthly refill",
  "credits.forfeited": "Credits forfeited",
  "cancellation.scheduled": "Cancellation scheduled",
  "cancellation.withdrawn": "Cancellation withdrawn",
  "cancellation.completed": "Cancellation completed",
};

export interface AuditCategory {
  label: string;
  /** The `actionPrefix` the API narrows by; null for everything. */
  prefix: string | null;
}

/**
 * The audit log's filter. The API takes one prefix per query, so each category is
 * one prefix ("Members" is member.joined/left/removed/role_changed; invitations are
 * their own). The rarer actions (org.*, billing_details.*, enterprise.*,
 * personal_plan.*, soft_alert.*, subscription.*) are listed under All only.
 */
export const AUDIT_CATEGORIES: readonly AuditCategory[] = [
  { label: "All", prefix: null },
  { label: "Members", prefix: "member." },
  { label: "Invitations", prefix: "invitation." },
  { label: "API keys", prefix: "api_key." },
  { label: "Spaces", prefix: "space." },
  { label: "Caps", prefix: "cap." },
  { label: "Plan changes", prefix: "plan." },
  { label: "Downgrades", prefix: "downgrade." },
  { label: "Top-ups", prefix: "top_up." },
  { label: "Credit grants", prefix: "credits." },
];

/** A known action in words; a new one (the server's log grows with billing) as the server names it. */
export function auditActionLabel(action: string): string {
  return ACTION_LABELS[action] ?? action;
}

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

function isRecord(value: unknown): value is Record<string, Json> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function words(key: string): string {
  return key
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/_/g, " ")
    .toLowerCase();
}

function show(value: Json | undefined): string | null {
  if (value === undefined) return null;
  if (value === null) return "none";
  if (Array.isArray(value)) return value.length === 0 ? "none" : value.map((v) => show(v)).join(", ");
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

/**
 * One line per property of before ∪ after, in the order the server wrote them.
 * Returns null when `details` is not the JSON the API documents, so the caller
 * can show it as it came rather than hide it.
 */
export function describeAuditDetails(details: string | null): AuditChange[] | null {
  if (details === null) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(details);
  } catch {
    return null;
  }
  if (!isRecord(parsed)) return null;
  const toFields = (side: Json | undefined): Record<string, Json> | null => {
    if (side === undefined || side === null) return null;
    return isRecord(side) ? side : { value: side };
  };
  const before = toFields(parsed.before);
  const after = toFields(parsed.after);
  const keys = [...new Set([...Object.keys(after ?? {}), ...Object.keys(before ?? {})])];
  return keys.map((key) => {
    const was = show(before?.[key]);
    const now = show(after?.[key]);
    let kind: AuditChangeKind;
    if (was === null) kind = "added";
    else if (now === null) kind = "removed";
    else kind = was === now ? "same" : "changed";
    return { field: words(key), kind, before: was, after: now };
  });
}

/**
 * The sentence the server wrote for an entry (`after.summary`, with names, not ids), or
 * null when it wrote none: the log then shows the entry's fields line by line.
 */
export function auditSummary(details: string | null): string | null {
  if (!details) return null;
  try {
    const parsed: unknown = JSON.parse(details);
    if (!isRecord(parsed)) return null;
    const after = parsed.after;
    return isRecord(after) && typeof after.summary === "string" && after.summary.trim() ? after.summary : null;
  } catch {
    return null;
  }
}
