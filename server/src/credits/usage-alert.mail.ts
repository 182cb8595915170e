import type { Runway } from "./runway";

/** What a MEMBER or SPACE alert's email says; the facts are read under the pool lock. */
export interface CapAlertFacts {
  orgName: string;
  /** "Ada Lovelace" or `Space "Research"`. */
  who: string;
  thresholdPercent: number;
  used: number;
  limit: number;
  resetsAt: Date;
  runway: Runway;
  /** Where caps are changed in the console. */
  settingsUrl: string;
}

const n = (x: number) => x.toLocaleString("en-US");

/** "At the last week's pace …": empty when nothing was spent in the window. */
function capRunwaySentence(r: Runway): string {
  if (r.daysLeft === null) return "";
  const when = r.runsOutBeforeReset ? "before the reset" : "after the reset, so the reset comes first";
  return `At the last week's pace (${n(r.burnPerDay)} credits a day) the cap lasts about ${r.daysLeft} more day${r.daysLeft === 1 ? "" : "s"}: ${when}.`;
}

export function capAlertMail(f: CapAlertFacts): { subject: string; text: string } {
  const left = Math.max(0, f.limit - f.used);
  return {
    subject: `${f.orgName}: ${f.who} is below ${f.thresholdPercent}% of the monthly cap`,
    text: [
      `${f.who} has ${n(left)} credits left of a monthly cap of ${n(f.limit)} in ${f.orgName}: below ${f.thresholdPercent}%.`,
      `${n(f.used)} credits used this period. The cap resets on ${f.resetsAt.toISOString().slice(0, 10)}.`,
      capRunwaySentence(f.runway),
      "",
      `Raise or remove the cap in Team settings: ${f.settingsUrl}`,
    ].join("\n"),
  };
}
