const formats = new Map<string, Intl.NumberFormat>();
const minorDigitsByCode = new Map<string, number>();

/** How many minor-unit digits a currency has: 2 for USD and EUR, 0 for JPY (2 for a code Intl does not know). */
export function minorDigits(currency: string): number {
  const code = currency.toUpperCase();
  let digits = minorDigitsByCode.get(code);
  if (digits === undefined) {
    try {
      digits = new Intl.NumberFormat("en", { style: "currency", currency: code }).resolvedOptions().maximumFractionDigits ?? 2;
    } catch {
      digits = 2;
    }
    minorDigitsByCode.set(code, digits);
  }
  return digits;
}

function formatFor(code: string, digits: number): Intl.NumberFormat {
  const key = `${code}:${digits}`;
  let format = formats.get(key);
  if (!format) {
    const fraction = { minimumFractionDigits: digits, maximumFractionDigits: digits };
    try {
      format = new Intl.NumberFormat(undefined, { style: "currency", currency: code, ...fraction });
    } catch {
      // A code Intl does not know: the number alone.
      format = new Intl.NumberFormat(undefined, fraction);
    }
    formats.set(key, format);
  }
  return format;
}

/**
 * An amount the API gives in the currency's minor unit (cents, or whole yen), in that
 * currency: "$49", "$12.50", "¥500". `exact` keeps the minor digits on whole amounts
 * ("$61.00"), as invoices show them. Negative amounts take a real minus: "−$4.35".
 */
export function formatMoney(minor: number, currency: string, { exact = false }: { exact?: boolean } = {}): string {
  const code = currency.toUpperCase();
  const digits = minorDigits(code);
  const scale = 10 ** digits;
  const shown = exact || minor % scale !== 0 ? digits : 0;
  return formatFor(code, shown)
    .format(minor / scale)
    .replace("-", "−");
}
