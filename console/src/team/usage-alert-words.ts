import { SOFT_ALERT_ID } from "../apollo/client";
import type { AlertScope, Role, UsageAlertItemFragment } from "../gql/graphql";
import type { CapsOrg } from "./cap-target";

/** Usage alerts in words: what one watches, when it fires and who hears of it (Team settings → Usage alerts). */

export const isSoftAlert = (alert: Pick<UsageAlertItemFragment, "id">) => alert.id === SOFT_ALERT_ID;

/** "Pool", "Member: Bob Builder", "Space: Research" (a target that went keeps its alert until it is removed). */
export function alertScopeWords(
  alert: Pick<UsageAlertItemFragment, "scope" | "targetId">,
  org: Pick<CapsOrg, "members" | "spaces">,
): string {
  if (alert.scope === "POOL") return "Pool";
  if (alert.scope === "MEMBER") return `Member: ${org.members.find((m) => m.id === alert.targetId)?.user.name ?? "a former member"}`;
  return `Space: ${org.spaces.find((s) => s.id === alert.targetId)?.name ?? "a removed Space"}`;
}

/** "the pool", "Bob Builder's cap", "the Space Research's cap": for sentences. */
export function alertSubjectWords(
  alert: Pick<UsageAlertItemFragment, "scope" | "targetId">,
  org: Pick<CapsOrg, "members" | "spaces">,
): string {
  if (alert.scope === "POOL") return "the pool";
  if (alert.scope === "MEMBER") return `${org.members.find((m) => m.id === alert.targetId)?.user.name ?? "a former member"}'s cap`;
  return `the Space ${org.spaces.find((s) => s.id === alert.targetId)?.name ?? "(removed)"}'s cap`;
}

const ROLE_WORDS: Record<Role, string> = { OWNER: "the owner", ADMIN: "admins", MEMBER: "the member" };

/** "The owner", "The owner and admins", "The owner, admins and the member": who is emailed. */
export function recipientsWords(roles: readonly Role[]): string {
  const words = (["OWNER", "ADMIN", "MEMBER"] as const).filter((r) => roles.includes(r)).map((r) => ROLE_WORDS[r]);
  if (words.length === 0) return "Nobody";
  const sentence = words.length === 1 ? words[0] : `${words.slice(0, -1).join(", ")} and ${words.at(-1)}`;
  return sentence.charAt(0).toUpperCase() + sentence.slice(1);
}

/** Credits left below which an alert fires: a share of the pool's monthly allotment, or of the cap. */
export function alertCredits(whole: number, thresholdPercent: number): number {
  return Math.floor((whole * thresholdPercent) / 100);
}

/**
 * When it fires, in credits where they are known: "below 2,200 of 11,000 monthly credits",
 * "below 50 of the 500-credit cap", or that the target has no cap to watch (yet).
 */
export function alertLevelWords(
  alert: Pick<UsageAlertItemFragment, "scope" | "targetId" | "thresholdPercent">,
  org: Pick<CapsOrg, "pool" | "caps">,
): string {
  if (alert.scope === "POOL") {
    const allotment = org.pool?.monthlyAllotment;
    return allotment === undefined
      ? "of the monthly credits"
      : `${alertCredits(allotment, alert.thresholdPercent).toLocaleString()} of ${allotment.toLocaleString()} monthly credits left`;
  }
  const cap = org.caps.find((c) => c.scope === alert.scope && c.targetId === alert.targetId);
  if (!cap) return "no cap set: quiet until one is";
  return `${alertCredits(cap.monthlyLimit, alert.thresholdPercent).toLocaleString()} of the ${cap.monthlyLimit.toLocaleString()}-credit cap left`;
}

/** The roles an alert of a scope may email: MEMBER (the member themself) only on a member's cap. */
export function rolesFor(scope: AlertScope): Role[] {
  return scope === "MEMBER" ? ["OWNER", "ADMIN", "MEMBER"] : ["OWNER", "ADMIN"];
}
