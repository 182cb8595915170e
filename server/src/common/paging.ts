import { type EntityManager, type EntityTarget, In, type ObjectLiteral } from "typeorm";
import { badInput } from "./errors";

/** The most rows one page of any list answers. */
export const MAX_PAGE = 100;

/** `first` as asked (1 to MAX_PAGE, checked at the edge: PageArgs), or `fallback`. */
export function pageSize(first: number | null | undefined, fallback: number): number {
  return first ?? fallback;
}

/** An opaque cursor: the sort key of the last row a page gave, as base64url JSON. */
export const encodeCursor = (key: readonly (string | number)[]): string => Buffer.from(JSON.stringify(key)).toString("base64url");

/** The sort key back from a cursor, checked by `valid`; anything else is BAD_USER_INPUT on `after`. */
export function decodeCursor<T extends unknown[]>(cursor: string, valid: (key: unknown[]) => key is T): T {
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (Array.isArray(key) && valid(key)) return key;
  } catch {
    // fall through
  }
  throw badInput("after", "is not a cursor this API gave out");
}

/** Rows by id, one query for all of them (none for no ids). */
export async function byId<T extends ObjectLiteral & { id: string }>(
  em: EntityManager,
  entity: EntityTarget<T>,
  ids: Iterable<string>,
): Promise<Map<string, T>> {
  const unique = [...new Set(ids)];
  const rows = unique.length > 0 ? await em.findBy(entity, { id: In(unique) } as never) : [];
  return new Map(rows.map((row) => [row.id, row]));
}
