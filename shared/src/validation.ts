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

// A plain RFC 5321 addr-spec: a dot-atom local part and a dotted host name. No display
// names, quotes, brackets or comments, so the address we store is the mailbox we write to.
const ATOM = "[a-z0-9!#$%&'*+/=?^_`{|}~-]+";
const LABEL = "[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?";
const EMAIL = new RegExp(`^${ATOM}(?:\\.${ATOM})*@${LABEL}(?:\\.${LABEL})+$`, "i");

/**
 * Characters that make text look like something else: C0 and C1 controls, zero-width
 * characters, bidi overrides and isolates, line/paragraph separators and the BOM.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/;

/** True when a name (of a user, org, Space, key, model) holds a character that can spoof or hide text. */
export function hasUnsafeCharacters(value: string): boolean {
  return UNSAFE.test(value);
}

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function isValidEmail(email: string): boolean {
  const [local = "", domain = ""] = email.split("@");
  return email.length <= LIMITS.emailMax && local.length <= 64 && domain.length <= 253 && EMAIL.test(email);
}
