import { hasUnsafeCharacters, LIMITS } from "@team-billing/shared";
import { registerDecorator, type ValidationArguments } from "class-validator";

/**
 * Limits declared on InputTypes and ArgsTypes (class-validator, run by graphql/validate-input.ts).
 * Each rule has one message, worded to follow the field's name: format-error.ts answers BAD_USER_INPUT with "field: message" and `extensions.field`.
 * Checks that need the database, the configuration or several arguments stay in services.
 */

const fmt = (n: number) => n.toLocaleString("en-US");

function rule(name: string, valid: (value: unknown) => boolean, message: string | ((value: unknown) => string)): PropertyDecorator {
  return (target, property) =>
    registerDecorator({
      name,
      target: target.constructor,
      propertyName: String(property),
      validator: {
        validate: valid,
        defaultMessage: (args?: ValidationArguments) => (typeof message === "string" ? message : message(args?.value)),
      },
    });
}

const isText = (value: unknown): value is string => typeof value === "string";

/** An integer from min to max. */
export const WholeNumber = (min: number, max: number, message = `must be a whole number from ${fmt(min)} to ${fmt(max)}`) =>
  rule("wholeNumber", (v) => Number.isSafeInteger(v) && (v as number) >= min && (v as number) <= max, message);

/** A non-zero integer of at most `max` either way. */
export const NonZeroWholeNumber = (max: number) =>
  rule(
    "nonZeroWholeNumber",
    (v) => Number.isSafeInteger(v) && v !== 0 && Math.abs(v as number) <= max,
    (v) => (v === 0 || !Number.isSafeInteger(v) ? "must be a non-zero whole number" : `must be at most ${fmt(max)} either way`),
  );

/** Text whose length, once trimmed, is from min to max. */
export const TrimmedLength = (min: number, max: number, message: string) =>
  rule("trimmedLength", (v) => isText(v) && v.trim().length >= min && v.trim().length <= max, message);

/** Text of min to max characters as sent. */
export const Length = (min: number, max: number, message = `must be ${fmt(min)} to ${fmt(max)} characters`) =>
  rule("length", (v) => isText(v) && v.length >= min && v.length <= max, message);

/** Text matching a pattern. */
export const Matches = (pattern: RegExp, message: string) => rule("matches", (v) => isText(v) && pattern.test(v), message);

/** One of a few values (a subset of an enum). */
export const OneOf = (values: readonly string[]) =>
  rule("oneOf", (v) => isText(v) && values.includes(v), `must be ${values.slice(0, -1).join(", ")} or ${values.at(-1)}`);

/** A model name as usage reports and CSVs show it: shared's rules for names. */
export const ModelName = () =>
  rule(
    "modelName",
    (v) => isText(v) && v.trim().length > 0 && v.length <= LIMITS.modelMax && !hasUnsafeCharacters(v),
    (v) => {
      if (!isText(v) || v.trim().length === 0) return "must not be empty";
      if (v.length > LIMITS.modelMax) return `must be at most ${LIMITS.modelMax} characters`;
      // Control characters, bidi overrides and zero-width marks hide or reorder what a report or CSV shows.
      return "must not contain control, bidi-override or zero-width characters";
    },
  );

/** The credits of one model call. */
export const CallCredits = () => WholeNumber(1, LIMITS.creditsPerCallMax);

/** A caller's idempotency key. */
export const IdempotencyKey = () => Length(1, LIMITS.idempotencyKeyMax);

/** A ledger entry's id as the API gives it out: a positive decimal integer. */
export const AdjustmentId = () =>
  rule("adjustmentId", (v) => isText(v) && /^[1-9][0-9]{0,15}$/.test(v) && Number.isSafeInteger(Number(v)), "is not an adjustment id");
