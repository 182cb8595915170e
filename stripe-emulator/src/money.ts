/** `formatMoney(1200, "usd")` → `$12.00`. Money is integer cents throughout. */
export function formatMoney(cents: number, currency: string): string {
  const sign = cents < 0 ? "-" : "";
  const abs = Math.abs(cents);
  const units = Math.floor(abs / 100).toLocaleString("en-US");
  const fraction = String(abs % 100).padStart(2, "0");
  const symbol = CURRENCY_SYMBOLS[currency.toLowerCase()];
  return symbol ? `${sign}${symbol}${units}.${fraction}` : `${sign}${units}.${fraction} ${currency.toUpperCase()}`;
}

const CURRENCY_SYMBOLS: Record<string, string> = { usd: "$", eur: "€", gbp: "£" };

/** `16 Jan 2025`, the date style of Stripe's proration line descriptions. */
export function formatDay(unixSeconds: number): string {
  const d = new Date(unixSeconds * 1000);
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
