import type { ApolloCache, Reference, StoreObject } from "@apollo/client";

/**
 * Adds an object a mutation just created to a cached list field, once: at the end
 * for lists the server orders oldest first, at the start for newest-first ones.
 * `owner` is the cache id of the object holding the list (the root query when omitted).
 */
export function addToCachedList(
  cache: ApolloCache,
  options: { owner?: string; field: string; item: object | null | undefined; at?: "start" | "end" },
): void {
  modifyCachedList(cache, options, (existing, ref) => {
    if (existing.some((r) => r.__ref === ref.__ref)) return existing;
    return options.at === "start" ? [ref, ...existing] : [...existing, ref];
  });
}

/** The cache id of an org, for `owner`. */
export const orgCacheId = (cache: ApolloCache, orgId: string) => cache.identify({ __typename: "Org", id: orgId });

/** Takes an object out of a cached list field (the root query's when `owner` is omitted), leaving the object itself cached. */
export function removeFromCachedList(cache: ApolloCache, options: { owner?: string; field: string; item: object }): void {
  modifyCachedList(cache, options, (existing, ref) => existing.filter((r) => r.__ref !== ref.__ref));
}

/** Rewrites one cached list field with `change`, given a reference to `item` (nothing happens for an item the cache cannot identify). */
function modifyCachedList(
  cache: ApolloCache,
  options: { owner?: string; field: string; item: object | null | undefined },
  change: (existing: readonly Reference[], ref: Reference) => readonly Reference[],
): void {
  // Results carry __typename at run time (Apollo adds it) though the generated types omit it.
  const id = options.item && cache.identify(options.item as StoreObject);
  if (!id) return;
  cache.modify({
    // Apollo treats an explicit `id: undefined` as "nothing to modify", so the key is left out for the root.
    ...(options.owner ? { id: options.owner } : {}),
    fields: {
      [options.field](existing: readonly Reference[] = [], { toReference }) {
        const ref = toReference(id);
        return ref ? change(existing, ref) : existing;
      },
    },
  });
}
