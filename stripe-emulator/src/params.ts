import { z } from "zod";
import { ParamError } from "./errors";

/**
 * An endpoint's parameters as zod schemas. Every parameter the emulator understands is listed;
 * anything else answers 400 `parameter_unknown`, as Stripe does. Leaves arrive as strings from the
 * form decoder and leave typed; `stripeError` turns zod's issue into Stripe's error answer.
 */
export type Schema = z.ZodType;
export type Fields = Record<string, Schema>;

interface Opts {
  required?: boolean;
  /** The empty string unsets the parameter (it arrives as `null`), as in Stripe. */
  emptyable?: boolean;
}

// Tags on the checks zod has no name for; `stripeError` reads them back.
const INTEGER = { params: { stripe: "integer" } };
const EMPTY = { params: { stripe: "empty" }, abort: true };

const isIntString = (v: unknown): v is string => typeof v === "string" && /^-?\d+$/.test(v) && Number.isSafeInteger(Number(v));

function integer(min?: number) {
  return z
    .custom<string>(isIntString, INTEGER)
    .transform(Number)
    .pipe(min === undefined ? z.number() : z.number().min(min));
}

/** A strict object whose ignored parameters leave no key behind. */
function object(fields: Fields) {
  return z.strictObject(fields).transform((o) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)));
}

function param(schema: Schema, { required, emptyable }: Opts = {}): Schema {
  const settable = emptyable
    ? z
        .literal("")
        .transform(() => null)
        .or(schema)
    : z
        .unknown()
        .refine((v) => v !== "", EMPTY)
        .pipe(schema);
  return required ? settable : settable.optional();
}

export const s = {
  str: (opts: Opts = {}) => param(z.string(), opts),
  enum: (values: readonly string[], opts: { required?: boolean } = {}) => param(z.enum(values), opts),
  int: (opts: Opts & { min?: number } = {}) => param(integer(opts.min), opts),
  bool: (opts: { required?: boolean } = {}) => param(z.stringbool({ truthy: ["true"], falsy: ["false"] }), opts),
  /** Unix seconds; with `now`, also the literal "now". */
  ts: ({ now, ...opts }: Opts & { now?: boolean } = {}) => param(now ? z.literal("now").or(integer(0)) : integer(0), opts),
  /** An empty value unsets that key; an empty metadata clears them all. */
  meta: () =>
    param(
      z.record(
        z.string(),
        z.string().transform((v) => (v === "" ? null : v)),
      ),
      { emptyable: true },
    ),
  obj: (fields: Fields, opts: Opts = {}) => param(object(fields), opts),
  arr: (of: Schema, opts: Opts = {}) => param(z.array(of), opts),
  /** Accepted for compatibility and ignored (see README). */
  ignored: () =>
    z
      .unknown()
      .transform(() => undefined)
      .optional(),
  req: (schema: Schema): Schema => (schema instanceof z.ZodOptional ? (schema.unwrap() as Schema) : schema),
};

/** Pagination parameters every list endpoint takes. */
export const LIST_FIELDS: Fields = {
  limit: s.int({ min: 1 }),
  starting_after: s.str(),
  ending_before: s.str(),
};

const compiled = new WeakMap<Fields, Schema>();

export function validate(fields: Fields, input: Record<string, unknown>): Record<string, unknown> {
  let schema = compiled.get(fields);
  if (!schema) {
    schema = object(fields);
    compiled.set(fields, schema);
  }
  const result = schema.safeParse(input, { reportInput: true });
  if (!result.success) throw stripeError(result.error.issues);
  return result.data as Record<string, unknown>;
}

type Issue = z.core.$ZodIssue;

/** Stripe names one parameter: an unknown one first (the outermost), else the first bad value. */
function stripeError(issues: readonly Issue[]): ParamError {
  const unknown = issues.filter((i) => i.code === "unrecognized_keys").sort((a, b) => a.path.length - b.path.length);
  const issue = lastOption(unknown[0] ?? issues[0]);
  const param = bracketed(issue.path);
  if (issue.code === "unrecognized_keys") {
    const name = bracketed([...issue.path, issue.keys[0]]);
    return new ParamError(`Received unknown parameter: ${name}`, { code: "parameter_unknown", param: name });
  }
  const input = issue.input;
  if (input === undefined) {
    return new ParamError(`Missing required param: ${param}.`, { code: "parameter_missing", param });
  }
  switch (issue.code) {
    case "custom":
      if (issue.params?.stripe === "empty") {
        return new ParamError(
          `You passed an empty string for '${param}'. We assume empty values are an attempt to unset a parameter; however '${param}' cannot be unset. You should remove '${param}' from your request or supply a non-empty value.`,
          { code: "parameter_invalid_empty", param },
        );
      }
      return new ParamError(`Invalid integer: ${String(input)}`, { code: "parameter_invalid_integer", param });
    case "too_small":
      return new ParamError(`This value must be greater than or equal to ${String(issue.minimum)}.`, { param });
    case "invalid_value":
      // z.stringbool's issue carries `expected: "stringbool"`, which zod's issue type leaves out.
      if ((issue as { expected?: string }).expected === "stringbool") return new ParamError(`Invalid boolean: ${String(input)}`, { param });
      if (typeof input !== "string") return new ParamError(`Invalid string: ${param}`, { param });
      return new ParamError(`Invalid ${param}: must be one of ${issue.values.join(", ")}`, { param });
    case "invalid_type":
      if (issue.expected === "array") return new ParamError("Invalid array", { param });
      if (issue.expected === "object" || issue.expected === "record") {
        return new ParamError("Invalid object", { param: param || undefined });
      }
      return new ParamError(`Invalid string: ${param}`, { param });
    default:
      return new ParamError(`Invalid ${param}`, { param });
  }
}

/** A union (`""` or a value, `"now"` or a timestamp) answers for its last, most general option. */
function lastOption(issue: Issue): Issue {
  if (issue.code !== "invalid_union" || issue.errors.length === 0) return issue;
  const inner = issue.errors[issue.errors.length - 1][0];
  return lastOption({ ...inner, path: [...issue.path, ...inner.path] });
}

/** `["items", 0, "price"]` → `items[0][price]`. */
function bracketed(path: readonly PropertyKey[]): string {
  const [first = "", ...rest] = path.map(String);
  return first + rest.map((p) => `[${p}]`).join("");
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
