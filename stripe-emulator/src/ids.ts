import { randomBytes } from "node:crypto";

const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** Random base62 text; Stripe's ids look like `cus_Nffr...`. */
export function randomToken(length: number): string {
  const bytes = randomBytes(length);
  let out = "";
  for (const b of bytes) out += ALPHABET[b % ALPHABET.length];
  return out;
}

export function newId(prefix: string): string {
  return `${prefix}_${randomToken(24)}`;
}

/** Invoice prefixes are 8 upper-case characters, as Stripe assigns them per customer. */
export function invoicePrefix(): string {
  const upper = ALPHABET.slice(0, 36);
  const bytes = randomBytes(8);
  let out = "";
  for (const b of bytes) out += upper[b % upper.length];
  return out;
}
