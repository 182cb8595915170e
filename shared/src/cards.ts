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

export function cardBrandName(brand: string): string {
  return BRANDS[brand] ?? (brand ? brand.charAt(0).toUpperCase() + brand.slice(1) : "Card");
}

/** "Visa ending 4242": the words of the console and the audit log alike. */
export function cardLabel(card: { brand: string; last4: string }): string {
  return `${cardBrandName(card.brand)} ending ${card.last4}`;
}
