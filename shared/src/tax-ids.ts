/**
 * The tax ID types we accept for billing details, with the format each must have
 * (Stripe checks them again). Values are compared upper-cased, spaces removed
 * (except Swiss VAT numbers, whose format has one).
 */
export const TAX_ID_TYPES = {
  eu_vat: {
    label: "EU VAT number",
    pattern: /^(AT|BE|BG|CY|CZ|DE|DK|EE|EL|ES|FI|FR|HR|HU|IE|IT|LT|LU|LV|MT|NL|PL|PT|RO|SE|SI|SK|XI)[0-9A-Z]{8,12}$/,
    example: "DE123456789",
  },
  gb_vat: { label: "UK VAT number", pattern: /^GB(\d{9}|\d{12}|GD\d{3}|HA\d{3})$/, example: "GB123456789" },
  us_ein: { label: "US EIN", pattern: /^\d{2}-\d{7}$/, example: "12-3456789" },
  au_abn: { label: "Australian ABN", pattern: /^\d{11}$/, example: "12345678912" },
  ca_bn: { label: "Canadian BN", pattern: /^\d{9}$/, example: "123456789" },
  ch_vat: { label: "Swiss VAT number", pattern: /^CHE-\d{3}\.\d{3}\.\d{3} (MWST|TVA|IVA)$/, example: "CHE-123.456.789 MWST" },
  no_vat: { label: "Norwegian VAT number", pattern: /^\d{9}MVA$/, example: "123456789MVA" },
  nz_gst: { label: "New Zealand GST number", pattern: /^\d{8,9}$/, example: "123456789" },
  jp_cn: { label: "Japanese corporate number", pattern: /^\d{13}$/, example: "1234567891234" },
  in_gst: { label: "Indian GSTIN", pattern: /^\d{2}[A-Z]{5}\d{4}[A-Z][1-9A-Z]Z[0-9A-Z]$/, example: "22AAAAA0000A1Z5" },
} as const;

export type TaxIdType = keyof typeof TAX_ID_TYPES;

/** The normalized value, or null when it does not fit its type (or the type is not one we take). */
export function normalizeTaxId(type: string, value: string): string | null {
  const format = TAX_ID_TYPES[type as TaxIdType];
  if (!format) return null;
  const upper = value.trim().toUpperCase();
  const clean = type === "ch_vat" ? upper.replace(/\s+/g, " ") : upper.replace(/\s+/g, "");
  return format.pattern.test(clean) ? clean : null;
}
