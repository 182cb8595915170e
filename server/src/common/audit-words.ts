import type { Actor } from "./actor";

/**
 * Words for the audit log's sentences (issue 17, UX review 13): names, not ids; plans,
 * roles and dates as a person says them ("Team", "an admin", "Jan 31, 2027").
 */

export const credits = (n: number): string => n.toLocaleString("en-US");

/** A day in UTC, the zone periods and renewals are computed in: "Jan 31, 2027". */
export const onDay = (d: Date): string =>
  d.toLocaleDateString("en-US", { timeZone: "UTC", month: "short", day: "numeric", year: "numeric" });

const PLAN_WORDS: Record<string, string> = {
  FREE: "Free",
  STARTER: "Starter",
  PRO: "Pro",
  TEAM: "Team",
  ENTERPRISE: "Enterprise",
  personal: "the owner's personal plan",
};

/** Cents in the catalog's currency: "$49.00". */
export const money = (cents: number, currency: string): string =>
  (cents / 100).toLocaleString("en-US", { style: "currency", currency: currency.toUpperCase() });

/** "TEAM" → "Team"; an org without its own plan is on "the owner's personal plan". */
export const planWords = (plan: string | null | undefined): string => (plan ? (PLAN_WORDS[plan] ?? plan) : "no plan");

/** What a checkout sells: "Team", "5,000 top-up credits", "the personal Pro plan". */
export function checkoutWords(kind: string, count: number, plan: string | null): string {
  if (kind === "TOP_UP") return `${credits(count)} top-up credits`;
  if (kind === "PERSONAL") return `the personal ${planWords(plan)} plan`;
  return "Team";
}

/** "ADMIN" → "an admin", for "invited … as an admin". */
export const roleWords = (role: string): string => (role === "OWNER" ? "the owner" : role === "ADMIN" ? "an admin" : "a member");

export const intervalWords = (interval: string | null | undefined): string =>
  interval === "YEARLY" ? "yearly" : interval === "MONTHLY" ? "monthly" : "";

const SCOPE_WORDS: Record<string, string> = {
  USAGE_READ: "reading usage",
  USAGE_WRITE: "recording usage",
  BILLING_READ: "reading billing",
};

/** An API key's scopes: "reading usage and recording usage". */
export function scopeWords(scopes: readonly string[]): string {
  const words = scopes.map((s) => SCOPE_WORDS[s] ?? s.toLowerCase());
  return words.length <= 1 ? (words[0] ?? "nothing") : `${words.slice(0, -1).join(", ")} and ${words[words.length - 1]}`;
}

/** A person as the log names them: "Mia Member (mia@acme.test)". */
export const person = (user: { name: string; email: string }): string => (user.name ? `${user.name} (${user.email})` : user.email);

/** Who did it, to start a sentence: the user's name, the API key, or the product. */
export function actorWords(actor: Actor): string {
  switch (actor.kind) {
    case "user":
      return actor.user.name || actor.user.email;
    case "apiKey":
      return `API key "${actor.apiKey.name}"`;
    default:
      return "Team Billing";
  }
}
