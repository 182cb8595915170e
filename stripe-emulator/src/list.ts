import type Stripe from "stripe";
import { invalidRequest } from "./errors";

export interface ListParams {
  limit?: number;
  starting_after?: string;
  ending_before?: string;
}

/** Stripe's list envelope over rows already filtered and ordered newest first. */
export function paginate<T extends { id: string }>(rows: T[], params: ListParams, url: string): Stripe.ApiList<T> {
  const limit = params.limit ?? 10;
  if (limit < 1 || limit > 100) throw invalidRequest("This value must be less than or equal to 100.", "limit");
  if (params.starting_after !== undefined && params.ending_before !== undefined) {
    throw invalidRequest("You may only specify one of these parameters: ending_before, starting_after.", "ending_before");
  }
  let from = 0;
  let to = rows.length;
  if (params.starting_after !== undefined) {
    from = indexOf(rows, params.starting_after, "starting_after") + 1;
    to = Math.min(rows.length, from + limit);
  } else if (params.ending_before !== undefined) {
    to = indexOf(rows, params.ending_before, "ending_before");
    from = Math.max(0, to - limit);
  } else {
    to = Math.min(rows.length, limit);
  }
  const hasMore = params.ending_before !== undefined ? from > 0 : to < rows.length;
  return { object: "list", data: rows.slice(from, to), has_more: hasMore, url };
}

function indexOf(rows: { id: string }[], id: string, param: string): number {
  const i = rows.findIndex((r) => r.id === id);
  if (i < 0) throw invalidRequest(`No such object: '${id}'`, param, "resource_missing");
  return i;
}

/** A whole embedded list (items of a subscription, lines of an invoice), as Stripe embeds them. */
export function embeddedList<T>(data: T[], url: string): Stripe.ApiList<T> {
  return { object: "list", data, has_more: false, url };
}
