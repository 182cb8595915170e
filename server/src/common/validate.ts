import { hasUnsafeCharacters, isValidEmail, LIMITS, normalizeEmail } from "@team-billing/shared";
import { badInput } from "./errors";

/** Input checks shared by the services; each failure names the field. */

export function cleanName(field: string, value: string, max: number = LIMITS.nameMax): string {
  const name = value.trim().replace(/\s+/g, " ");
  if (name.length === 0) throw badInput(field, "must not be empty");
  if (name.length > max) throw badInput(field, `must be at most ${max} characters`);
  if (hasUnsafeCharacters(name)) throw badInput(field, "must not contain control, zero-width or text-direction characters");
  return name;
}

export function cleanEmail(field: string, value: string): string {
  const email = normalizeEmail(value);
  if (!isValidEmail(email)) throw badInput(field, "is not a valid email address");
  return email;
}

export function checkPassword(field: string, value: string): string {
  if (value.length < LIMITS.passwordMin) throw badInput(field, `must be at least ${LIMITS.passwordMin} characters`);
  if (value.length > LIMITS.passwordMax) throw badInput(field, `must be at most ${LIMITS.passwordMax} characters`);
  return value;
}

/** Ids are UUIDs; anything else cannot name a row, so it is reported as not found by callers. */
export function isId(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}
