import { formatMoney } from "./money";

describe("formatMoney", () => {
  it("formats cents of two-decimal currencies with their symbols", () => {
    expect(formatMoney(1200, "usd")).toBe("$12.00");
    expect(formatMoney(123456, "eur")).toBe("€1,234.56");
    expect(formatMoney(-1858, "usd")).toBe("-$18.58");
  });

  it("formats zero-decimal currencies such as JPY in whole units", () => {
    expect(formatMoney(1200, "jpy")).toBe("¥1,200");
    expect(formatMoney(0, "JPY")).toBe("¥0");
  });
});
