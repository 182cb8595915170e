import type { UsageEventItemFragment } from "../gql/graphql";

/** Voiding a recorded call, in words: whether it still can be, and where its credits go back (DESIGN "Voiding a call"). */

/** How long after a call it can be voided (the server's VOID_WINDOW_DAYS). */
export const VOID_WINDOW_DAYS = 30;
const DAY_MS = 86_400_000;

export const VOID_REASON_MIN = 3;
export const VOID_REASON_MAX = 500;

type Event = Pick<UsageEventItemFragment, "credits" | "fromTopUp" | "fromMonthly" | "occurredAt" | "voidedAt">;

/** Not voided yet, and recorded within the last 30 days (on the server's clock). */
export function canVoid(event: Event, now: Date): boolean {
  return !event.voidedAt && now.getTime() - new Date(event.occurredAt).getTime() <= VOID_WINDOW_DAYS * DAY_MS;
}

/** Whose call and where, by name. */
export interface EventNames {
  member: string;
  space: string;
}

export interface VoidPreview {
  /** "12 back to top-up; 3 back to monthly". */
  back: string;
  /** Monthly credits that do not come back (their period has ended), in a sentence; null when none. */
  gone: string | null;
  /** What happens to the caps' counters, in a sentence. */
  counters: string;
}

const n = (x: number) => x.toLocaleString();

/**
 * Where a call's credits go back if it is voided now: top-up credits to the top-up bucket,
 * monthly ones to the monthly bucket while the call's period is the current one (after a
 * reset they are gone, as unused monthly credits would be), personal ones (a personal plan's
 * call) to the member's own credits while their month lasts.
 */
export function voidPreview(
  event: Event,
  /** The pool's current period start; null without a pool (a personal plan's org). */
  periodStart: string | null,
  who: EventNames,
): VoidPreview {
  const current = periodStart === null || new Date(event.occurredAt) >= new Date(periodStart);
  const personal = Math.max(0, event.credits - event.fromTopUp - event.fromMonthly);
  const parts: string[] = [];
  if (event.fromTopUp > 0) parts.push(`${n(event.fromTopUp)} back to top-up`);
  if (event.fromMonthly > 0 && current) parts.push(`${n(event.fromMonthly)} back to monthly`);
  if (personal > 0) parts.push(`${n(personal)} back to ${who.member}'s personal credits, if their month has not ended`);
  const gone =
    event.fromMonthly > 0 && !current
      ? `${n(event.fromMonthly)} monthly credits don't come back: the call was in an earlier period, and its monthly credits ended with it.`
      : null;
  const counters = current
    ? `${who.member}'s and ${who.space}'s caps count ${n(event.credits)} fewer this period.`
    : "This period's cap counters stay as they are: the call counted in an earlier period.";
  return { back: parts.length > 0 ? parts.join("; ") : "Nothing comes back", gone, counters };
}

/** "12 top-up · 3 monthly": where a call's credits came from. */
export function sourceWords(event: Pick<UsageEventItemFragment, "credits" | "fromTopUp" | "fromMonthly">): string {
  const personal = Math.max(0, event.credits - event.fromTopUp - event.fromMonthly);
  const parts = [
    event.fromTopUp > 0 ? `${n(event.fromTopUp)} top-up` : null,
    event.fromMonthly > 0 ? `${n(event.fromMonthly)} monthly` : null,
    personal > 0 ? `${n(personal)} personal` : null,
  ].filter(Boolean);
  return parts.join(" · ");
}
