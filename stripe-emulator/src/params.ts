import { ParamError } from "./errors";

/**
 * A small schema language for an endpoint's parameters. Every parameter the emulator
 * understands is listed; anything else answers 400 `parameter_unknown`, as Stripe does.
 * Leaves arrive as strings from the form decoder and leave typed.
 */
export type Schema =
  | { kind: "string"; required?: boolean; oneOf?: readonly string[]; emptyable?: boolean }
  | { kind: "int"; required?: boolean; min?: number; emptyable?: boolean }
  | { kind: "bool"; required?: boolean }
  | { kind: "timestamp"; required?: boolean; now?: boolean; emptyable?: boolean }
  | { kind: "metadata"; required?: boolean }
  | { kind: "object"; required?: boolean; fields: Record<string, Schema>; emptyable?: boolean }
  | { kind: "array"; required?: boolean; of: Schema; emptyable?: boolean }
  | { kind: "ignored" };

export type Fields = Record<string, Schema>;

export const s = {
  str: (opts: { required?: boolean; emptyable?: boolean } = {}): Schema => ({ kind: "string", ...opts }),
  enum: (values: readonly string[], opts: { required?: boolean } = {}): Schema => ({
    kind: "string",
    oneOf: values,
    ...opts,
  }),
  int: (opts: { required?: boolean; min?: number; emptyable?: boolean } = {}): Schema => ({ kind: "int", ...opts }),
  bool: (opts: { required?: boolean } = {}): Schema => ({ kind: "bool", ...opts }),
  /** Unix seconds; with `now`, also the literal "now". */
  ts: (opts: { required?: boolean; now?: boolean; emptyable?: boolean } = {}): Schema => ({
    kind: "timestamp",
    ...opts,
  }),
  meta: (): Schema => ({ kind: "metadata" }),
  obj: (fields: Fields, opts: { required?: boolean; emptyable?: boolean } = {}): Schema => ({
    kind: "object",
    fields,
    ...opts,
  }),
  arr: (of: Schema, opts: { required?: boolean; emptyable?: boolean } = {}): Schema => ({ kind: "array", of, ...opts }),
  /** Accepted for compatibility and ignored (see README). */
  ignored: (): Schema => ({ kind: "ignored" }),
  req: (schema: Schema): Schema => ({ ...schema, required: true }) as Schema,
};

/** Pagination parameters every list endpoint takes. */
export const LIST_FIELDS: Fields = {
  limit: s.int({ min: 1 }),
  starting_after: s.str(),
  ending_before: s.str(),
};

export function validate(fields: Fields, input: Record<string, unknown>): Record<string, unknown> {
  return validateObject(fields, input, "");
}

function name(prefix: string, key: string): string {
  return prefix ? `${prefix}[${key}]` : key;
}

function validateObject(fields: Fields, input: unknown, prefix: string): Record<string, unknown> {
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    throw new ParamError(`Invalid object`, { param: prefix || undefined });
  }
  const record = input as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (!(key in fields)) {
      throw new ParamError(`Received unknown parameter: ${name(prefix, key)}`, {
        code: "parameter_unknown",
        param: name(prefix, key),
      });
    }
  }
  const out: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(fields)) {
    const value = record[key];
    const param = name(prefix, key);
    if (value === undefined) {
      if ("required" in schema && schema.required) {
        throw new ParamError(`Missing required param: ${param}.`, { code: "parameter_missing", param });
      }
      continue;
    }
    const typed = validateValue(schema, value, param);
    if (typed !== undefined) out[key] = typed;
  }
  return out;
}

function validateValue(schema: Schema, value: unknown, param: string): unknown {
  if (schema.kind === "ignored") return undefined;
  if (value === "") {
    if (schema.kind === "metadata") return null;
    if ("emptyable" in schema && schema.emptyable) return null;
    throw new ParamError(
      `You passed an empty string for '${param}'. We assume empty values are an attempt to unset a parameter; however '${param}' cannot be unset. You should remove '${param}' from your request or supply a non-empty value.`,
      { code: "parameter_invalid_empty", param },
    );
  }
  switch (schema.kind) {
    case "string":
      if (typeof value !== "string") throw new ParamError(`Invalid string: ${param}`, { param });
      if (schema.oneOf && !schema.oneOf.includes(value)) {
        throw new ParamError(`Invalid ${param}: must be one of ${schema.oneOf.join(", ")}`, { param });
      }
      return value;
    case "int":
      return toInt(value, param, schema.min);
    case "bool":
      if (value === "true") return true;
      if (value === "false") return false;
      throw new ParamError(`Invalid boolean: ${String(value)}`, { param });
    case "timestamp":
      if (schema.now && value === "now") return "now";
      return toInt(value, param, 0);
    case "metadata":
      return toMetadata(value, param);
    case "object":
      return validateObject(schema.fields, value, param);
    case "array": {
      if (!Array.isArray(value)) throw new ParamError(`Invalid array`, { param });
      return value.map((item, i) => validateValue(schema.of, item, `${param}[${i}]`));
    }
  }
}

function toInt(value: unknown, param: string, min: number | undefined): number {
  if (typeof value !== "string" || !/^-?\d+$/.test(value) || !Number.isSafeInteger(Number(value))) {
    throw new ParamError(`Invalid integer: ${String(value)}`, { code: "parameter_invalid_integer", param });
  }
  const n = Number(value);
  if (min !== undefined && n < min) {
    throw new ParamError(`This value must be greater than or equal to ${min}.`, { param });
  }
  return n;
}

function toMetadata(value: unknown, param: string): Record<string, string | null> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new ParamError(`Invalid object`, { param });
  }
  const out: Record<string, string | null> = {};
  for (const [k, v] of Object.entries(value)) {
    if (typeof v !== "string") throw new ParamError(`Invalid string: ${param}[${k}]`, { param: `${param}[${k}]` });
    // An empty value unsets that key, as in Stripe.
    out[k] = v === "" ? null : v;
  }
  return out;
}

/** Applies a metadata update: `null` clears everything, a `null` value removes one key. */
export function mergeMetadata(
  current: Record<string, string>,
  update: Record<string, string | null> | null | undefined,
): Record<string, string> {
  if (update === undefined) return current;
  if (update === null) return {};
  const next = { ...current };
  for (const [k, v] of Object.entries(update)) {
    if (v === null) delete next[k];
    else next[k] = v;
  }
  return next;
}
