export { cardBrandName as brandName, cardLabel } from "@team-billing/shared";

/** "12/2034". */
export function expiryLabel(card: { expMonth: number; expYear: number }): string {
  return `${String(card.expMonth).padStart(2, "0")}/${card.expYear}`;
}
