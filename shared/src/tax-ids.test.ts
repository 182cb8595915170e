import { normalizeTaxId, TAX_ID_TYPES } from "./tax-ids";

describe("tax IDs", () => {
  it("accepts each type's own format, normalized, and refuses others", () => {
    for (const [type, format] of Object.entries(TAX_ID_TYPES))
      expect([type, normalizeTaxId(type, format.example)]).toEqual([type, format.example]);
    expect(normalizeTaxId("eu_vat", " de 123 456 789 ")).toBe("DE123456789");
    expect(normalizeTaxId("eu_vat", "US123456789")).toBeNull();
    expect(normalizeTaxId("us_ein", "123456789")).toBeNull();
    expect(normalizeTaxId("gb_vat", "GB12345")).toBeNull();
    expect(normalizeTaxId("xx_tax", "123")).toBeNull();
  });
});
