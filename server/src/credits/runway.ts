/**
 * How long credits last at the last week's pace. Pure: the forecast (analytics) and the
 * soft-alert email (credits) both use it, so it lives below both.
 */

const DAY_MS = 86_400_000;
export const BURN_WINDOW_DAYS = 7;

export interface Runway {
  /** Credits a day, averaged over the last 7 days (rounded up). */
  burnPerDay: number;
  /** Whole days left at that rate; null when nothing is being spent. */
  daysLeft: number | null;
  emptyAt: Date | null;
  /** True when, at this rate, it runs out before the next reset. */
  runsOutBeforeReset: boolean;
}

/** The runway of `remaining` credits when `spentInWindow` went in the last week. */
export function runway(spentInWindow: number, remaining: number, now: Date, resetAt: Date): Runway {
  const perDay = spentInWindow / BURN_WINDOW_DAYS;
  if (perDay <= 0) return { burnPerDay: 0, daysLeft: null, emptyAt: null, runsOutBeforeReset: false };
  const emptyAt = new Date(now.getTime() + (remaining / perDay) * DAY_MS);
  return { burnPerDay: Math.ceil(perDay), daysLeft: Math.floor(remaining / perDay), emptyAt, runsOutBeforeReset: emptyAt < resetAt };
}
