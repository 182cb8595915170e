/**
 * Monthly periods anchored to a moment: period i runs from anchor + i months to
 * anchor + (i + 1) months, each computed from the anchor (never from the previous,
 * clamped, date) and clamped to the month's last day: an anchor on Jan 31 gives
 * Feb 28 (or 29), then Mar 31.
 */
export function addMonthsClamped(anchor: Date, months: number): Date {
  const y = anchor.getUTCFullYear();
  const m = anchor.getUTCMonth() + months;
  const targetYear = y + Math.floor(m / 12);
  const targetMonth = ((m % 12) + 12) % 12;
  const lastDay = new Date(Date.UTC(targetYear, targetMonth + 1, 0)).getUTCDate();
  return new Date(
    Date.UTC(
      targetYear,
      targetMonth,
      Math.min(anchor.getUTCDate(), lastDay),
      anchor.getUTCHours(),
      anchor.getUTCMinutes(),
      anchor.getUTCSeconds(),
      anchor.getUTCMilliseconds(),
    ),
  );
}

export interface Period {
  index: number;
  start: Date;
  end: Date;
}

export function periodAt(anchor: Date, index: number): Period {
  return { index, start: addMonthsClamped(anchor, index), end: addMonthsClamped(anchor, index + 1) };
}

/** The index of the period that contains `now` (0 before the anchor's first month ends). */
export function periodIndexAt(anchor: Date, now: Date): number {
  const months = (now.getUTCFullYear() - anchor.getUTCFullYear()) * 12 + now.getUTCMonth() - anchor.getUTCMonth();
  let index = Math.max(0, months - 1);
  while (addMonthsClamped(anchor, index + 1) <= now) index++;
  return index;
}

/** Whole days from `from` to `to`, rounded down. */
export function daysBetween(from: Date, to: Date): number {
  return Math.floor((to.getTime() - from.getTime()) / 86_400_000);
}
