import { invalidRequest } from "./errors";
import { embeddedList } from "./list";
import type { Store } from "./store";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const MAX_EXPAND_DEPTH = 4;

/**
 * Turns a stored object into what the API answers: a deep copy (callers may keep mutating the
 * store), with `expand[]` paths resolved. Ids become the objects they name; "includable"
 * fields Stripe only sends on request (a customer's `tax_ids`, a session's `line_items`, ...)
 * are added when named.
 */
export function render(store: Store, value: unknown, expand: string[] = []): Json {
  const copy = JSON.parse(JSON.stringify(value)) as Json;
  for (const path of expand) {
    const segments = path.split(".");
    if (segments.length > MAX_EXPAND_DEPTH) {
      throw invalidRequest(`You cannot expand more than ${MAX_EXPAND_DEPTH} levels of a property.`, "expand");
    }
    expandPath(store, copy, segments, path);
  }
  return copy;
}

function isObject(v: Json | undefined): v is JsonObject {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function expandPath(store: Store, value: Json, segments: string[], path: string): void {
  if (segments.length === 0 || !isObject(value)) return;
  const [head, ...rest] = segments;
  if (value.object === "list" && head === "data" && Array.isArray(value.data)) {
    for (const item of value.data) expandPath(store, item, rest, path);
    return;
  }
  let field = value[head];
  if (field === undefined) {
    const included = includable(store, value, head);
    if (included === undefined) throw cannotExpand(path);
    field = value[head] = included;
  } else if (typeof field === "string") {
    field = value[head] = resolve(store, field, path);
  } else if (Array.isArray(field)) {
    field = value[head] = field.map((v) => (typeof v === "string" ? resolve(store, v, path) : v));
  } else if (field !== null && !isObject(field)) {
    throw cannotExpand(path);
  }
  if (Array.isArray(field)) for (const item of field) expandPath(store, item, rest, path);
  else expandPath(store, field, rest, path);
}

function resolve(store: Store, id: string, path: string): Json {
  const found = store.byId(id);
  if (!found) throw cannotExpand(path);
  return JSON.parse(JSON.stringify(found)) as Json;
}

function cannotExpand(path: string): Error {
  return invalidRequest(`This property cannot be expanded (${path}).`, "expand");
}

/** Fields Stripe leaves out unless expanded. */
function includable(store: Store, obj: JsonObject, field: string): Json | undefined {
  const id = String(obj.id);
  const copy = (v: unknown) => JSON.parse(JSON.stringify(v)) as Json;
  if (obj.object === "customer" && field === "tax_ids") {
    const rows = store.taxIds.newestFirst((t) => t.customer === id);
    return copy(embeddedList(rows, `/v1/customers/${id}/tax_ids`));
  }
  if (obj.object === "customer" && field === "subscriptions") {
    const rows = store.subscriptions.newestFirst((s) => s.customer === id && s.status !== "canceled");
    return copy(embeddedList(rows, `/v1/customers/${id}/subscriptions`));
  }
  if (obj.object === "checkout.session" && field === "line_items") {
    const items = store.sessionExtras.get(id)?.lineItems ?? [];
    return copy(embeddedList(items, `/v1/checkout/sessions/${id}/line_items`));
  }
  if (obj.object === "charge" && field === "refunds") {
    const rows = store.refunds.newestFirst((r) => r.charge === id);
    return copy(embeddedList(rows, `/v1/charges/${id}/refunds`));
  }
  if (obj.object === "invoice" && field === "payments") {
    const rows = store.invoicePayments.newestFirst((p) => p.invoice === id);
    return copy(embeddedList(rows, `/v1/invoice_payments?invoice=${id}`));
  }
  return undefined;
}
