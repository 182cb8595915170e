import { boundary } from "./periods";
import { prorateChange, proratedAmount } from "./proration";

const at = (iso: string) => Date.parse(iso) / 1000;

describe("proration", () => {
  it("monthly 3 → 4 seats at $12 with 16 of 31 days left nets +619 cents (−1858, +2477)", () => {
    const period = { start: at("2025-01-01T00:00:00Z"), end: at("2025-02-01T00:00:00Z") };
    const p = at("2025-01-16T00:00:00Z"); // 16 of 31 days left
    const { credit, debit } = prorateChange({ unitAmount: 1200, quantity: 3 }, { unitAmount: 1200, quantity: 4 }, period, p);
    expect(credit).toBe(-1858);
    expect(debit).toBe(2477);
    expect(credit + debit).toBe(619);
  });

  it("yearly 5 → 6 seats at $120/yr with 200 of 365 days left nets +6575 cents", () => {
    const start = at("2025-03-01T00:00:00Z");
    const period = { start, end: boundary(start, "year", 1, 1) };
    const p = period.end - 200 * 86_400;
    const { credit, debit } = prorateChange({ unitAmount: 12000, quantity: 5 }, { unitAmount: 12000, quantity: 6 }, period, p);
    expect(credit).toBe(-32877);
    expect(debit).toBe(39452);
    expect(credit + debit).toBe(6575);
  });

  it("rounds each line half away from zero, by the exact fraction of seconds", () => {
    // 1 × 100 cents with exactly half the period left: 50; a third: 33.33 → 33; two thirds: 66.67 → 67.
    const base = { unitAmount: 100, quantity: 1, periodStart: 0, periodEnd: 300 };
    expect(proratedAmount({ ...base, prorationDate: 150 })).toBe(50);
    expect(proratedAmount({ ...base, prorationDate: 200 })).toBe(33);
    expect(proratedAmount({ ...base, prorationDate: 100 })).toBe(67);
    expect(proratedAmount({ ...base, unitAmount: 1, prorationDate: 150 })).toBe(1); // 0.5 → 1
  });

  it("gives nothing at the period end and the full amount at its start", () => {
    const base = { unitAmount: 1200, quantity: 2, periodStart: 1000, periodEnd: 2000 };
    expect(proratedAmount({ ...base, prorationDate: 2000 })).toBe(0);
    expect(proratedAmount({ ...base, prorationDate: 1000 })).toBe(2400);
  });

  it("credits only when an item is removed and debits only when one is added", () => {
    const period = { start: 0, end: 100 };
    expect(prorateChange({ unitAmount: 1000, quantity: 1 }, null, period, 50)).toEqual({ credit: -500, debit: 0 });
    expect(prorateChange(null, { unitAmount: 1000, quantity: 1 }, period, 50)).toEqual({ credit: 0, debit: 500 });
  });
});
