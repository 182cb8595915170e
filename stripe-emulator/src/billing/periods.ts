/**
 * Billing periods step in whole intervals from the billing cycle anchor. Months and years
 * clamp to the month's last day, and are always computed from the anchor, never from the
 * previous (clamped) boundary: Jan 31 → Feb 28/29 → Mar 31.
 */
export type Interval = "day" | "week" | "month" | "year";

export interface Period {
  start: number;
  end: number;
}

const DAY = 86_400;

/** The boundary `n` intervals (of `count` units each) after the anchor, in unix seconds. */
export function boundary(anchor: number, interval: Interval, count: number, n: number): number {
  if (interval === "day") return anchor + n * count * DAY;
  if (interval === "week") return anchor + n * count * 7 * DAY;
  const months = (interval === "year" ? 12 : 1) * count * n;
  const a = new Date(anchor * 1000);
  const totalMonths = a.getUTCFullYear() * 12 + a.getUTCMonth() + months;
  const year = Math.floor(totalMonths / 12);
  const month = totalMonths - year * 12;
  const day = Math.min(a.getUTCDate(), daysInMonth(year, month));
  const ms = Date.UTC(year, month, day, a.getUTCHours(), a.getUTCMinutes(), a.getUTCSeconds());
  return Math.floor(ms / 1000);
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
}

/** The period that contains `t` (start ≤ t < end); `t` before the anchor gives the first period. */
export function periodContaining(anchor: number, interval: Interval, count: number, t: number): Period {
  if (t < anchor) return { start: anchor, end: boundary(anchor, interval, count, 1) };
  // Estimate the index, then correct: clamping moves boundaries by at most a few days.
  const approxSeconds = { day: DAY, week: 7 * DAY, month: 30.436875 * DAY, year: 365.2425 * DAY }[interval] * count;
  let n = Math.max(0, Math.floor((t - anchor) / approxSeconds) - 1);
  while (boundary(anchor, interval, count, n + 1) <= t) n++;
  while (n > 0 && boundary(anchor, interval, count, n) > t) n--;
  return { start: boundary(anchor, interval, count, n), end: boundary(anchor, interval, count, n + 1) };
}
