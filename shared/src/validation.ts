/** Input rules the server enforces and the console pre-checks. */

export const LIMITS = {
  nameMax: 120,
  emailMax: 254,
  passwordMin: 10,
  passwordMax: 200,
  modelMax: 200,
  idempotencyKeyMax: 255,
  creditsPerCallMax: 1_000_000,
} as const;

// Deliberately plain: one @, no spaces, a dot in the domain, no empty parts.
const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function isValidEmail(email: string): boolean {
  return email.length <= LIMITS.emailMax && EMAIL.test(email);
}
