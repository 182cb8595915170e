/** Card networks as people name them (Stripe sends "visa", "amex", ...). */
const BRANDS: Record<string, string> = {
  visa: "Visa",
  mastercard: "Mastercard",
  amex: "American Express",
  discover: "Discover",
  jcb: "JCB",
  diners: "Diners Club",
  unionpay: "UnionPay",
};

export function brandName(brand: string): string {
  return BRANDS[brand] ?? (brand ? brand.charAt(0).toUpperCase() + brand.slice(1) : "Card");
}

/** "Visa ending 4242", the words the audit log uses too. */
export function cardLabel(card: { brand: string; last4: string }): string {
  return `${brandName(card.brand)} ending ${card.last4}`;
}

/** "12/2034". */
export function expiryLabel(card: { expMonth: number; expYear: number }): string {
  return `${String(card.expMonth).padStart(2, "0")}/${card.expYear}`;
}
