import type { Runway } from "./runway";

/** What the soft-alert email says; the facts are read under the pool lock by CreditStore. */
export interface SoftAlertFacts {
  orgName: string;
  thresholdPercent: number;
  topUp: number;
  monthly: number;
  monthlyAllotment: number;
  refillsAt: Date;
  runway: Runway;
  /** The org's Billing page in the console. */
  billingUrl: string;
}

const n = (x: number) => x.toLocaleString("en-US");

/** "At the last week's pace …": empty when nothing was spent in the window. */
export function runwaySentence(r: Runway): string {
  if (r.daysLeft === null) return "";
  const when = r.runsOutBeforeReset ? "before the refill" : "after the refill, so the refill comes first";
  return `At the last week's pace (${n(r.burnPerDay)} credits a day) the pool lasts about ${r.daysLeft} more day${r.daysLeft === 1 ? "" : "s"}: ${when}.`;
}

export function softAlertMail(f: SoftAlertFacts): { subject: string; text: string } {
  const total = f.topUp + f.monthly;
  return {
    subject: `${f.orgName}: the credit pool is below ${f.thresholdPercent}%`,
    text: [
      `The credit pool of ${f.orgName} has ${n(total)} credits left: below ${f.thresholdPercent}% of this period's ${n(f.monthlyAllotment)}.`,
      `Top-ups: ${n(f.topUp)}; monthly: ${n(f.monthly)}. The monthly credits refill on ${f.refillsAt.toISOString().slice(0, 10)}.`,
      runwaySentence(f.runway),
      "",
      `Buy a top-up on Billing: ${f.billingUrl}`,
      "Or set per-member and per-Space caps in Team settings.",
    ].join("\n"),
  };
}
