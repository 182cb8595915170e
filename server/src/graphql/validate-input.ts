import { validateSync } from "class-validator";
import { ArgumentValidationError, type ValidatorFn } from "type-graphql";

/**
 * Checks every argument against the rules declared on its InputType or ArgsType
 * (common/input-rules.ts) as type-graphql's own `validate: true` would, with the same
 * options, but synchronously and with class-validator loaded once: type-graphql's
 * default imports class-validator anew for every argument of every call, which cost
 * recordUsage about a twentieth of its time (a profile of `pnpm bench:sqlite`).
 * Every rule is synchronous; format-error.ts words the refusal.
 */
export const validateInput: ValidatorFn = (value) => {
  if (value === null || typeof value !== "object") return;
  const items: object[] = Array.isArray(value) ? value.filter((v) => v !== null && typeof v === "object") : [value];
  for (const item of items) {
    const errors = validateSync(item, OPTIONS);
    if (errors.length > 0) throw new ArgumentValidationError(errors);
  }
};

/** An argument whose items its service checks one by one (one bad item must not refuse the rest): nothing to do here. */
export const checkedByService: ValidatorFn = () => undefined;

const OPTIONS = { skipMissingProperties: true, forbidUnknownValues: false } as const;
