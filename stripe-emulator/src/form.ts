import qs from "qs";
import { ParamError } from "./errors";

/**
 * Decodes Stripe's form encoding (`application/x-www-form-urlencoded` bodies and query
 * strings) with `qs`: `items[0][price]=p` → `{ items: [{ price: "p" }] }`,
 * `expand[]=a&expand[]=b` → `{ expand: ["a", "b"] }`, `metadata[org]=x` → `{ metadata: { org: "x" } }`.
 * Every leaf stays a string; the endpoint's schema types it.
 */
export type FormValue = string | FormObject | FormValue[];
export interface FormObject {
  [key: string]: FormValue;
}

const OPTIONS: qs.IParseOptions = {
  allowDots: false, // metadata keys may contain dots
  // Indexed keys stay arrays up to this index (Stripe's own lists are far shorter); beyond it, 400.
  arrayLimit: 1000,
  // The deepest parameter the emulator takes has 5 brackets (`line_items[0][price_data][product_data][metadata][k]`).
  depth: 10,
  strictDepth: true,
  parameterLimit: 5000,
  throwOnLimitExceeded: true,
  duplicates: "last",
  // Null-prototype objects, so that a metadata key such as `constructor` is kept as a key and cannot
  // reach Object.prototype; qs drops `__proto__` whatever these say.
  plainObjects: true,
  allowPrototypes: true,
};

export function decodeForm(text: string): FormObject {
  try {
    return qs.parse(text, OPTIONS) as FormObject;
  } catch (e) {
    // qs signals a broken limit (depth, array index, parameter count) with a RangeError.
    if (e instanceof RangeError) throw new ParamError(`Invalid parameters: ${e.message}`);
    throw e;
  }
}
