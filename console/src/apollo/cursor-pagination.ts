import type { FieldPolicy } from "@apollo/client";

/** The part of a Relay-style connection the merge needs; the rest is kept as the server sent it. */
interface CursorConnection {
  edges: ReadonlyArray<{ cursor: string }>;
  pageInfo: unknown;
}

/**
 * A field policy for a connection read a page at a time with `first` and `after`.
 * One cached list per value of `keyArgs` (e.g. per filter), whatever the page size
 * or cursor. A page asked for without `after` is a first page (the first load, or
 * the refetch after a change) and replaces the list; a later page goes after the
 * edge it continues from, so asking for the same page twice never repeats it.
 */
export function cursorPagination(keyArgs: string[]): FieldPolicy<CursorConnection> {
  return {
    keyArgs,
    merge(existing, incoming, { args }) {
      const after: unknown = args?.after;
      if (!existing || typeof after !== "string") return incoming;
      const at = existing.edges.findIndex((edge) => edge.cursor === after);
      const kept = at === -1 ? existing.edges : existing.edges.slice(0, at + 1);
      return { ...incoming, edges: [...kept, ...incoming.edges] };
    },
  };
}
