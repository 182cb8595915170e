import { ParamError } from "./errors";

/**
 * Decodes Stripe's form encoding (`application/x-www-form-urlencoded` bodies and query
 * strings) into nested values: `items[0][price]=p` → `{ items: [{ price: "p" }] }`,
 * `expand[]=a&expand[]=b` → `{ expand: ["a", "b"] }`, `metadata[org]=x` → `{ metadata: { org: "x" } }`.
 * Every leaf stays a string; the endpoint's schema types it. Keys are visited in order, so
 * `a[]` pushes; a container whose keys are all array indexes becomes an array.
 */
export type FormValue = string | FormObject | FormValue[];
export interface FormObject {
  [key: string]: FormValue;
}

const FORBIDDEN_KEYS = new Set(["__proto__", "constructor", "prototype"]);

export function decodeForm(text: string): FormObject {
  const root: Record<string, unknown> = {};
  if (!text) return root as FormObject;
  for (const pair of text.split("&")) {
    if (!pair) continue;
    const eq = pair.indexOf("=");
    const rawKey = eq < 0 ? pair : pair.slice(0, eq);
    const rawValue = eq < 0 ? "" : pair.slice(eq + 1);
    assign(root, parseKey(decodeComponent(rawKey)), decodeComponent(rawValue));
  }
  return toArrays(root) as FormObject;
}

function decodeComponent(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, " "));
  } catch {
    throw new ParamError(`Invalid URL encoding: ${text}`);
  }
}

/** `items[0][price]` → `["items", "0", "price"]`; `expand[]` → `["expand", ""]`. */
export function parseKey(key: string): string[] {
  const open = key.indexOf("[");
  if (open <= 0) return [key];
  const segments = [key.slice(0, open)];
  const re = /\[([^\]]*)\]/g;
  let consumed = open;
  for (let m = re.exec(key); m; m = re.exec(key)) {
    if (m.index !== consumed) break;
    segments.push(m[1]);
    consumed = m.index + m[0].length;
  }
  if (consumed !== key.length) throw new ParamError(`Invalid parameter name: ${key}`);
  return segments;
}

// Containers being built: objects keyed by name, with "" segments appended as the next index.
type Container = Record<string, unknown>;
const pushCounts = new WeakMap<Container, number>();

function assign(root: Container, segments: string[], value: string): void {
  let node = root;
  for (let i = 0; i < segments.length; i++) {
    let seg = segments[i];
    if (FORBIDDEN_KEYS.has(seg)) return;
    if (seg === "") {
      const next = pushCounts.get(node) ?? countIndexKeys(node);
      pushCounts.set(node, next + 1);
      seg = String(next);
    }
    const last = i === segments.length - 1;
    if (last) {
      if (isContainer(node[seg])) throw conflict(segments);
      node[seg] = value;
      return;
    }
    const child = node[seg];
    if (child === undefined) {
      const created: Container = {};
      node[seg] = created;
      node = created;
    } else if (isContainer(child)) {
      node = child;
    } else {
      throw conflict(segments);
    }
  }
}

function countIndexKeys(node: Container): number {
  return Object.keys(node).filter((k) => /^\d+$/.test(k)).length;
}

function isContainer(v: unknown): v is Container {
  return typeof v === "object" && v !== null;
}

function conflict(segments: string[]): ParamError {
  return new ParamError(`Invalid parameter: ${segments[0]} is given both as a value and as a hash or array`, {
    param: segments[0],
  });
}

function toArrays(value: unknown): unknown {
  if (!isContainer(value)) return value;
  const keys = Object.keys(value);
  const converted: Container = {};
  for (const k of keys) converted[k] = toArrays(value[k]);
  if (keys.length > 0 && keys.every((k) => /^\d+$/.test(k))) {
    return keys
      .map(Number)
      .sort((a, b) => a - b)
      .map((k) => converted[String(k)]);
  }
  return converted;
}

/** The inverse, for tests and for the emulator's own redirects: Stripe's indexed bracket form. */
export function encodeForm(data: Record<string, unknown>): string {
  const pairs: string[] = [];
  const walk = (key: string, v: unknown): void => {
    if (v === undefined) return;
    if (Array.isArray(v)) {
      for (const [i, item] of v.entries()) walk(`${key}[${i}]`, item);
    } else if (isContainer(v)) for (const [k, inner] of Object.entries(v)) walk(`${key}[${k}]`, inner);
    else pairs.push(`${encodeURIComponent(key)}=${encodeURIComponent(v === null ? "" : String(v))}`);
  };
  for (const [k, v] of Object.entries(data)) walk(k, v);
  return pairs.join("&");
}
