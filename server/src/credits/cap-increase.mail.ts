/** The emails of cap increase requests: to OWNERs and ADMINs when asked, to the member when decided. */

const n = (x: number) => x.toLocaleString("en-US");

export interface CapRequestFacts {
  orgName: string;
  /** The member who asked: their name, and their name with their email. */
  requesterName: string;
  requester: string;
  /** Whose cap, for the deciders: "their own" or `Space "Research"'s`. */
  capOf: string;
  currentLimit: number;
  requestedLimit: number;
  /** Spent of the cap this period, when the org has a pool. */
  usedThisPeriod: number;
  reason: string;
  /** Where the request is approved or denied in the console. */
  url: string;
}

export function capRequestedMail(f: CapRequestFacts): { subject: string; text: string } {
  return {
    subject: `${f.orgName}: ${f.requesterName} asks for a higher monthly cap`,
    text: [
      `${f.requester} asks to raise ${f.capOf} monthly cap in ${f.orgName} from ${n(f.currentLimit)} to ${n(f.requestedLimit)} credits.`,
      `${n(f.usedThisPeriod)} credits of the cap are used this period.`,
      `Their reason: ${f.reason}`,
      "",
      `Approve or deny it in Team settings: ${f.url}`,
    ].join("\n"),
  };
}

export interface CapDecisionFacts {
  orgName: string;
  approved: boolean;
  /** Who decided. */
  decider: string;
  /** Whose cap, for the member: "your" or `Space "Research"'s`. */
  capOf: string;
  requestedLimit: number;
  /** The cap's limit after the decision; null when the cap was removed meanwhile. */
  limitNow: number | null;
  url: string;
}

export function capDecidedMail(f: CapDecisionFacts): { subject: string; text: string } {
  const what = `your request to raise ${f.capOf} monthly cap in ${f.orgName} to ${n(f.requestedLimit)} credits`;
  return {
    subject: `${f.orgName}: your request for a higher cap was ${f.approved ? "approved" : "denied"}`,
    text: [
      `${f.decider} ${f.approved ? "approved" : "denied"} ${what}.`,
      f.limitNow === null
        ? "The cap was removed meanwhile: nothing limits it now."
        : f.approved
          ? `The cap is now ${n(f.limitNow)} credits a month: calls it stopped go through again.`
          : `The cap stays at ${n(f.limitNow)} credits a month.`,
      "",
      `Your requests: ${f.url}`,
    ].join("\n"),
  };
}
