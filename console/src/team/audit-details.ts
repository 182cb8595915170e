/** Turns an audit entry's `details` (JSON `{"before": ..., "after": ...}`) into lines a person can read. */

export type AuditChangeKind = "added" | "removed" | "changed" | "same";

export interface AuditChange {
  /** The changed property in words ("previousOwnerRole" → "previous owner role"). */
  field: string;
  kind: AuditChangeKind;
  before: string | null;
  after: string | null;
}

// Every action the server writes (grep `action:` in server/src); a new one is put in words by `auditActionLabel`.
const ACTION_LABELS: Record<string, string> = {
  "org.created": "Org created",
  "org.renamed": "Org renamed",
  "org.deleted": "Org deleted",
  "org.ownership_transferred": "Ownership transferred",
  "invitation.created": "Invitation sent",
  "invitation.resent": "Invitation sent again",
  "invitation.revoked": "Invitation revoked",
  "member.joined": "Member joined",
  "member.left": "Member left",
  "member.removed": "Member removed",
  "member.role_changed": "Role changed",
  "member.personal_credits_allowed": "Personal credits consent",
  "space.created": "Space created",
  "space.renamed": "Space renamed",
  "api_key.created": "API key created",
  "api_key.revoked": "API key revoked",
  "api_key.revoked_with_creator": "API key revoked with its creator",
  "cap.set": "Cap set",
  "cap.removed": "Cap removed",
  "soft_alert.threshold_changed": "Alert threshold changed",
  "checkout.team_started": "Team checkout started",
  "checkout.top_up_started": "Top-up checkout started",
  "checkout.personal_started": "Personal plan checkout started",
  "checkout.payment_failed": "Bank debit failed",
  "checkout.record_rebuilt": "Checkout recovered",
  "top_up.credited": "Top-up credited",
  "plan.changed": "Plan changed",
  "personal_plan.changed": "Personal plan changed",
  "downgrade.scheduled": "Downgrade scheduled",
  "downgrade.cancelled": "Downgrade cancelled",
  "downgrade.completed": "Downgrade completed",
  "subscription.past_due": "Payment past due",
  "subscription.duplicate_refunded": "Duplicate subscription refunded",
  "payment_method.replaced": "Card replaced",
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
 * their own). The rarer actions (enterprise.*, personal_plan.*, soft_alert.*,
 * subscription.*, checkout.*) are listed under All only.
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
  { label: "Credits", prefix: "credits." },
  { label: "Cancellations", prefix: "cancellation." },
  { label: "Billing details", prefix: "billing_details." },
  { label: "Card", prefix: "payment_method." },
  { label: "Org", prefix: "org." },
];

/** A known action in words; a new one (the server's log grows with billing) from its name: "invoice.paid" → "Invoice paid". */
export function auditActionLabel(action: string): string {
  const known = ACTION_LABELS[action];
  if (known) return known;
  const text = action.replace(/[._]+/g, " ").trim();
  return text.charAt(0).toUpperCase() + text.slice(1);
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

// Enum values as the server writes them, in words ("PRO" → "Pro", "MEMBER" → "member").
const VALUE_WORDS: Record<string, string> = {
  FREE: "Free",
  STARTER: "Starter",
  PRO: "Pro",
  TEAM: "Team",
  ENTERPRISE: "Enterprise",
  personal: "owner's personal plan",
  OWNER: "owner",
  ADMIN: "admin",
  MEMBER: "member",
  SPACE: "Space",
  MONTHLY: "monthly",
  YEARLY: "yearly",
  TOP_UP: "top-up",
  USAGE_READ: "read usage",
  USAGE_WRITE: "record usage",
  BILLING_READ: "read billing",
  past_due: "past due",
  canceled: "cancelled",
};

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z$/;

/** "2027-01-02T17:26:37.000Z" → "Jan 2, 2027" (UTC, the zone periods and renewals use). */
export function dayInWords(iso: string): string {
  return new Date(iso).toLocaleDateString("en-US", { timeZone: "UTC", month: "short", day: "numeric", year: "numeric" });
}

// The fields whose values are enums; elsewhere "PRO" or "personal" may be a name someone chose.
const ENUM_FIELDS = new Set([
  "plan",
  "scheduledPlan",
  "role",
  "previousOwnerRole",
  "interval",
  "scope",
  "scopes",
  "bucket",
  "status",
  "kind",
]);

function showText(text: string, key: string): string {
  if (ENUM_FIELDS.has(key)) return VALUE_WORDS[text] ?? text.replace(/_/g, " ").toLowerCase();
  if (ISO_INSTANT.test(text) && !Number.isNaN(Date.parse(text))) return dayInWords(text);
  return text;
}

/** A value as text, never JSON: a tax ID `{type, value}` reads "eu_vat DE123456789", other objects "key: value". */
function show(value: Json | undefined, key: string): string | null {
  if (value === undefined) return null;
  if (value === null) return "none";
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (typeof value === "number") return value.toLocaleString("en-US");
  if (Array.isArray(value)) return value.length === 0 ? "none" : value.map((v) => show(v, key)).join(", ");
  if (typeof value === "object") {
    if (typeof value.type === "string" && typeof value.value === "string" && Object.keys(value).length === 2)
      return `${value.type} ${value.value}`;
    return Object.entries(value)
      .map(([k, v]) => `${words(k)}: ${show(v, k)}`)
      .join(", ");
  }
  return showText(value, key);
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
  // The sentence is shown on its own (auditSummary), not as a field.
  const keys = [...new Set([...Object.keys(after ?? {}), ...Object.keys(before ?? {})])].filter((key) => key !== "summary");
  return keys.map((key) => {
    const was = show(before?.[key], key);
    const now = show(after?.[key], key);
    let kind: AuditChangeKind;
    if (was === null) kind = "added";
    else if (now === null) kind = "removed";
    else kind = was === now ? "same" : "changed";
    return { field: words(key), kind, before: was, after: now };
  });
}

/**
 * The sentence the server wrote for an entry (the `summary` field, kept in `after.summary`
 * too; with names, not ids), or null when it wrote none: the log then shows the entry's
 * fields line by line.
 */
export function auditSummary(entry: { summary?: string | null; details?: string | null }): string | null {
  if (entry.summary?.trim()) return entry.summary;
  const details = entry.details ?? null;
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
