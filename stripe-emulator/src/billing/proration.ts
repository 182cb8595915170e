/**
 * Proration as Stripe computes it: the share of the item's period still to run,
 * `(end − p) / (end − start)`, applied to the full amount of the old quantity (a credit)
 * and of the new one (a debit), each rounded to the cent on its own.
 */
export interface ProrationInput {
  unitAmount: number;
  quantity: number;
  periodStart: number;
  periodEnd: number;
  prorationDate: number;
}

/** Amount in cents for the rest of the period, rounded half away from zero. Exact (BigInt) arithmetic. */
export function proratedAmount({ unitAmount, quantity, periodStart, periodEnd, prorationDate }: ProrationInput): number {
  const length = periodEnd - periodStart;
  if (length <= 0) return 0;
  const remaining = Math.min(Math.max(periodEnd - prorationDate, 0), length);
  const numerator = BigInt(unitAmount) * BigInt(quantity) * BigInt(remaining);
  const denominator = BigInt(length);
  const negative = numerator < 0n;
  const abs = negative ? -numerator : numerator;
  const rounded = (2n * abs + denominator) / (2n * denominator);
  return Number(negative ? -rounded : rounded);
}

export interface ProrationPair {
  credit: number; // negative or zero: unused time on the old quantity
  debit: number; // positive or zero: remaining time on the new quantity
}

export function prorateChange(
  old: { unitAmount: number; quantity: number } | null,
  next: { unitAmount: number; quantity: number } | null,
  period: { start: number; end: number },
  prorationDate: number,
): ProrationPair {
  const base = { periodStart: period.start, periodEnd: period.end, prorationDate };
  const credit = old ? -proratedAmount({ ...base, ...old }) : 0;
  const debit = next ? proratedAmount({ ...base, ...next }) : 0;
  return { credit: credit === 0 ? 0 : credit, debit };
}
