import {
  catalogPrices,
  DEFAULT_CATALOG,
  loadCatalog,
  teamMonthlyAllotment,
  teamPriceCents,
  topUpPriceCents,
  topUpProblem,
} from "./catalog";

describe("the catalog", () => {
  it("prices Team as the guide says: $49 + $12/seat monthly, $39 + $10/seat a month billed yearly", () => {
    expect(teamPriceCents("MONTHLY", 5)).toBe(4_900 + 5 * 1_200);
    expect(teamPriceCents("YEARLY", 5)).toBe(12 * (3_900 + 5 * 1_000));
  });

  it("gives a Team pool of 8,000 credits plus 1,000 per seat", () => {
    expect(teamMonthlyAllotment(1)).toBe(9_000);
    expect(teamMonthlyAllotment(12)).toBe(20_000);
  });

  it("accepts top-ups from 1,000 to 100,000 credits in steps of 1,000, at $10 per 1,000", () => {
    expect(topUpProblem(1_000)).toBeNull();
    expect(topUpProblem(100_000)).toBeNull();
    expect(topUpProblem(0)).toMatch(/between/);
    expect(topUpProblem(101_000)).toMatch(/between/);
    expect(topUpProblem(1_500)).toMatch(/multiple of 1000/);
    expect(topUpProblem(1.5)).toMatch(/whole number/);
    expect(topUpPriceCents(25_000)).toBe(25_000);
  });

  it("lists one recurring price per lookup key", () => {
    const keys = catalogPrices().map((p) => p.lookupKey);
    expect(new Set(keys).size).toBe(keys.length);
    expect(catalogPrices().find((p) => p.lookupKey === "team_seat_yearly")).toMatchObject({ unitAmountCents: 12_000, interval: "year" });
  });

  it("applies configuration overrides and refuses unknown keys and non-integers", () => {
    const catalog = loadCatalog('{"team":{"baseMonthlyCredits":10000}}');
    expect(catalog.team.baseMonthlyCredits).toBe(10_000);
    expect(catalog.team.creditsPerSeat).toBe(DEFAULT_CATALOG.team.creditsPerSeat);
    expect(teamMonthlyAllotment(2, catalog)).toBe(12_000);
    expect(() => loadCatalog('{"team":{"bonus":1}}')).toThrow(/unknown catalog setting: bonus/);
    expect(() => loadCatalog('{"topUp":{"centsPerStep":9.99}}')).toThrow(/non-negative integer/);
    expect(loadCatalog(undefined)).toBe(DEFAULT_CATALOG);
  });
});
