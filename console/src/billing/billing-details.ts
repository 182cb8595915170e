import { isValidEmail, LIMITS, normalizeEmail, normalizeTaxId, TAX_ID_TYPES, type TaxIdType } from "@team-billing/shared";

/**
 * The billing details form's rules: the server's own (shared) checks, in the
 * sentences a person reads next to each field.
 */
export const TAX_ID_OPTIONS: readonly { value: TaxIdType; label: string }[] = (Object.keys(TAX_ID_TYPES) as TaxIdType[]).map((type) => ({
  value: type,
  label: TAX_ID_TYPES[type].label,
}));

export const DEFAULT_TAX_ID_TYPE: TaxIdType = "eu_vat";

export function isTaxIdType(type: string): type is TaxIdType {
  return Object.hasOwn(TAX_ID_TYPES, type);
}

export function taxIdLabel(type: string): string {
  return isTaxIdType(type) ? TAX_ID_TYPES[type].label : type.replace(/_/g, " ").toUpperCase();
}

export function taxIdExample(type: string): string {
  return isTaxIdType(type) ? TAX_ID_TYPES[type].example : "";
}

export type DetailsField = "billingEmail" | "taxIdType" | "taxIdValue";
export type DetailsErrors = Partial<Record<DetailsField | "form", string>>;

export const EMAIL_PROBLEM = "Enter an email address like billing@example.com, or leave it empty to use the owner's.";
export const TAX_TYPE_PROBLEM = "Choose a tax ID type from the list.";
export const taxValueProblem = (type: string) =>
  `That is not a valid ${taxIdLabel(type)}. It looks like ${taxIdExample(type)}; leave it empty to remove the tax ID.`;

export interface DetailsInput {
  billingEmail: string;
  taxId: { type: string; value: string };
}

/** What to send (normalized: the server stores the same), or why not. */
export function checkDetails(email: string, type: string, value: string): { input: DetailsInput } | { errors: DetailsErrors } {
  const errors: DetailsErrors = {};
  const cleanEmail = normalizeEmail(email);
  if (cleanEmail && (cleanEmail.length > LIMITS.emailMax || !isValidEmail(cleanEmail))) errors.billingEmail = EMAIL_PROBLEM;
  let cleanValue = value.trim();
  if (!isTaxIdType(type)) errors.taxIdType = TAX_TYPE_PROBLEM;
  else if (cleanValue) {
    const normalized = normalizeTaxId(type, cleanValue);
    if (normalized === null) errors.taxIdValue = taxValueProblem(type);
    else cleanValue = normalized;
  }
  if (Object.keys(errors).length > 0) return { errors };
  return { input: { billingEmail: cleanEmail, taxId: { type, value: cleanValue } } };
}

/** Which field a server BAD_USER_INPUT names (`extensions.field`), in the form's terms. */
export const SERVER_FIELDS: Record<string, DetailsField> = {
  billingEmail: "billingEmail",
  "taxId.type": "taxIdType",
  "taxId.value": "taxIdValue",
};
