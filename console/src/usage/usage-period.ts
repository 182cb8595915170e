import { serverNow } from "../layout/server-clock";

/** The longest range the server reports on (its MAX_REPORT_DAYS). */
export const MAX_RANGE_DAYS = 400;

/**
 * The ranges the usage page offers. Whole UTC days, so a range stays the same
 * all day long (a stable query) and reads the same as the server's rollups.
 */
export type PeriodChoice = "current" | "last30" | "custom";

export interface UsageRange {
  /** ISO 8601; both absent for the current pool period (the server's default). */
  from?: string;
  to?: string;
}

const DAY_MS = 86_400_000;

/** `YYYY-MM-DD` of a date, in UTC. */
export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function startOfUtcDay(date: Date): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
}

/** The 30 UTC days up to and including today. */
export function last30Days(now: Date = serverNow()): Required<UsageRange> {
  const end = new Date(startOfUtcDay(now).getTime() + DAY_MS);
  return { from: new Date(end.getTime() - 30 * DAY_MS).toISOString(), to: end.toISOString() };
}

/**
 * A custom range from two `YYYY-MM-DD` dates, both days included; null with
 * the reason when the dates do not make a range.
 */
export function customRange(fromDay: string, toDay: string): { range: Required<UsageRange> } | { problem: string } {
  const from = new Date(`${fromDay}T00:00:00.000Z`);
  const to = new Date(`${toDay}T00:00:00.000Z`);
  if (!fromDay || !toDay || Number.isNaN(from.getTime()) || Number.isNaN(to.getTime())) return { problem: "Pick both dates." };
  if (to < from) return { problem: "The end date comes before the start date." };
  const end = new Date(to.getTime() + DAY_MS);
  // Said here, next to the dates, rather than as a failed page (the server refuses it too).
  if (end.getTime() - from.getTime() > MAX_RANGE_DAYS * DAY_MS) {
    return { problem: `A report covers at most ${MAX_RANGE_DAYS} days; pick a shorter range.` };
  }
  return { range: { from: from.toISOString(), to: end.toISOString() } };
}

/** The range a choice stands for; a custom one reads `from` and `to` days from the URL. */
export function rangeFor(choice: PeriodChoice, fromDay: string, toDay: string, now: Date = serverNow()): UsageRange | null {
  if (choice === "current") return {};
  if (choice === "last30") return last30Days(now);
  const custom = customRange(fromDay, toDay);
  return "range" in custom ? custom.range : null;
}

/** Whole days from now until `end`, at least 0 (for "resets in N days"). */
export function daysUntil(end: string, now: Date = serverNow()): number {
  return Math.max(0, Math.ceil((new Date(end).getTime() - now.getTime()) / DAY_MS));
}

/**
 * Each value's share of the total in percent, to one decimal, rounded so the
 * shares add up to exactly 100 (largest remainder), as the breakdowns do.
 */
export function shares(values: readonly number[]): number[] {
  const total = values.reduce((sum, v) => sum + v, 0);
  if (total <= 0) return values.map(() => 0);
  const exact = values.map((v) => (v / total) * 1000);
  const floors = exact.map(Math.floor);
  let left = 1000 - floors.reduce((sum, v) => sum + v, 0);
  const order = exact.map((v, i) => ({ i, rest: v - Math.floor(v) })).sort((a, b) => b.rest - a.rest);
  for (const { i } of order) {
    if (left <= 0) break;
    floors[i] += 1;
    left -= 1;
  }
  return floors.map((v) => v / 10);
}

export function formatShare(share: number): string {
  return `${share.toFixed(1)}%`;
}

/**
 * Every UTC day from `from` up to (not including) `to`, with the credits and
 * calls of the days the report lists; quiet days read 0.
 */
export function fillDays<T extends { date: string; credits: number; calls: number }>(
  from: string,
  to: string,
  daily: readonly T[],
): { date: string; credits: number; calls: number }[] {
  const byDate = new Map(daily.map((d) => [d.date.slice(0, 10), d]));
  const days: { date: string; credits: number; calls: number }[] = [];
  const end = new Date(to).getTime();
  // At most a year of bars; longer ranges show their last year.
  for (let t = Math.max(startOfUtcDay(new Date(from)).getTime(), end - 366 * DAY_MS); t < end; t += DAY_MS) {
    const date = isoDay(new Date(t));
    const day = byDate.get(date);
    days.push({ date, credits: day?.credits ?? 0, calls: day?.calls ?? 0 });
  }
  return days;
}
