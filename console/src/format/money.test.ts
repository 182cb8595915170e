import { formatMoney, minorDigits } from "./money";

describe("money", () => {
  it("shows whole amounts without minor digits, in the given currency", () => {
    expect(formatMoney(4_900, "usd")).toBe("$49");
    expect(formatMoney(1_250, "usd")).toBe("$12.50");
    expect(formatMoney(4_900, "eur")).toBe("€49");
    expect(formatMoney(1_250, "EUR")).toBe("€12.50");
  });

  it("reads a zero-decimal currency's amount as whole units", () => {
    expect(minorDigits("jpy")).toBe(0);
    expect(formatMoney(500, "jpy")).toBe("¥500");
    expect(formatMoney(500, "jpy", { exact: true })).toBe("¥500");
  });

  it("shows invoice amounts with their minor digits and a true minus", () => {
    expect(formatMoney(6_100, "usd", { exact: true })).toBe("$61.00");
    expect(formatMoney(-435, "usd", { exact: true })).toBe("−$4.35");
    expect(formatMoney(-435, "eur", { exact: true })).toBe("−€4.35");
  });

  it("shows the number alone for a code it does not know", () => {
    expect(formatMoney(1_250, "xx1")).toBe("12.50");
  });
});
