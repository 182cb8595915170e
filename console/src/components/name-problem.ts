import { LIMITS } from "@team-billing/shared";

/** What is wrong with a name typed into a form ("the org", "the Space"), or null. */
export function nameProblem(name: string, of: string): string | null {
  if (!name) return `Give ${of} a name.`;
  if (name.length > LIMITS.nameMax) return `Keep the name under ${LIMITS.nameMax} characters.`;
  return null;
}
