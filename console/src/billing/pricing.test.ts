import { DEFAULT_CATALOG } from "@team-billing/shared";
import { apiCatalog, operatorCatalog } from "../test/billing.fixtures";
import { catalogFromApi, teamAllotment, teamQuote, topUpPresets, topUpQuote, topUpRateText, topUpRuleText, yearlySaving } from "./pricing";

describe("the catalog from the server", () => {
  it("reads the API's lists back into the shared shape", () => {
    expect(catalogFromApi(apiCatalog(DEFAULT_CATALOG))).toEqual(DEFAULT_CATALOG);
    expect(catalogFromApi(apiCatalog(operatorCatalog))).toEqual(operatorCatalog);
  });

  it("refuses an answer without a plan or an interval the console sells", () => {
    const api = apiCatalog(DEFAULT_CATALOG);
    expect(catalogFromApi({ ...api, team: { ...api.team, prices: api.team.prices.filter((p) => p.interval !== "YEARLY") } })).toBeNull();
    expect(catalogFromApi({ ...api, personalPlans: api.personalPlans.filter((p) => p.plan !== "PRO") })).toBeNull();
  });
});

describe("Team prices", () => {
  it("prices the default catalog as the guide says: $49 + $12/seat monthly, $39 + $10/seat a month billed yearly", () => {
    expect(teamQuote("MONTHLY", 3, DEFAULT_CATALOG)).toEqual({
      interval: "MONTHLY",
      seats: 3,
      totalCents: 8_500,
      perMonthCents: 8_500,
      basePerMonthCents: 4_900,
      seatPerMonthCents: 1_200,
    });
    expect(teamQuote("YEARLY", 3, DEFAULT_CATALOG)).toMatchObject({ totalCents: 82_800, perMonthCents: 6_900, basePerMonthCents: 3_900 });
    expect(yearlySaving(3, DEFAULT_CATALOG)).toEqual({ cents: 19_200, percent: 19 });
    expect(teamAllotment(3, DEFAULT_CATALOG)).toEqual({ credits: 11_000, base: 8_000, perSeat: 1_000 });
  });

  it("prices whatever catalog it is given", () => {
    expect(teamQuote("MONTHLY", 3, operatorCatalog).totalCents).toBe(10_400);
    expect(teamQuote("YEARLY", 3, operatorCatalog)).toMatchObject({ totalCents: 104_880, perMonthCents: 8_740, seatPerMonthCents: 1_250 });
    expect(yearlySaving(3, operatorCatalog)).toEqual({ cents: 19_920, percent: 16 });
    expect(teamAllotment(3, operatorCatalog).credits).toBe(14_500);
  });

  it("says no saving when yearly billing costs as much as monthly", () => {
    const flat = {
      ...DEFAULT_CATALOG,
      team: { ...DEFAULT_CATALOG.team, prices: { MONTHLY: { baseCents: 100, seatCents: 0 }, YEARLY: { baseCents: 1_200, seatCents: 0 } } },
    };
    expect(yearlySaving(2, flat)).toEqual({ cents: 0, percent: 0 });
  });
});

describe("top-ups", () => {
  it("follows the catalog's rules and price", () => {
    expect(topUpQuote("5,000", DEFAULT_CATALOG)).toEqual({ credits: 5_000, priceCents: 5_000 });
    expect(topUpQuote("1500", DEFAULT_CATALOG)).toEqual({ problem: "Choose 1,000 to 100,000 credits, in steps of 1,000." });
    expect(topUpQuote("4000", operatorCatalog)).toEqual({ credits: 4_000, priceCents: 6_000 });
    expect(topUpQuote("5000", operatorCatalog)).toEqual({ problem: "Choose 2,000 to 40,000 credits, in steps of 2,000." });
    expect(topUpQuote("abc", operatorCatalog)).toEqual({ problem: topUpRuleText(operatorCatalog) });
    expect(topUpRateText(DEFAULT_CATALOG)).toBe("$10 per 1,000 credits");
    expect(topUpRateText(operatorCatalog)).toBe("$30 per 2,000 credits");
  });

  it("offers only presets the catalog sells, and the minimum when none fits", () => {
    expect(topUpPresets(DEFAULT_CATALOG)).toEqual([5_000, 10_000, 25_000, 50_000]);
    expect(topUpPresets(operatorCatalog)).toEqual([10_000]);
    expect(topUpPresets({ ...DEFAULT_CATALOG, topUp: { minCredits: 300, maxCredits: 900, stepCredits: 300, centsPerStep: 100 } })).toEqual([
      300,
    ]);
  });
});
