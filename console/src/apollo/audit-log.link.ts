import { type ApolloCache, ApolloLink } from "@apollo/client";
import { OperationTypeNode } from "graphql";
import { tap } from "rxjs";

/**
 * The server audits every change to an org, so after a mutation succeeds each
 * cached org's audit log is dropped: a log on screen refetches its first page,
 * and one not shown is asked for afresh when next shown. Components need not
 * know that the log exists.
 */
export function createAuditLogLink(): ApolloLink {
  return new ApolloLink((operation, forward) => {
    if (operation.operationType !== OperationTypeNode.MUTATION) return forward(operation);
    return forward(operation).pipe(
      tap((result) => {
        if (!result.errors?.length) evictAuditLogs(operation.client.cache);
      }),
    );
  });
}

/** Drops `Org.auditEntries` (every filter's list) from each cached org that holds one. */
export function evictAuditLogs(cache: ApolloCache): void {
  const store = cache.extract() as Record<string, Record<string, unknown> | undefined>;
  for (const [id, fields] of Object.entries(store)) {
    if (fields?.__typename !== "Org" || !Object.keys(fields).some((key) => key.startsWith("auditEntries"))) continue;
    cache.evict({ id, fieldName: "auditEntries" });
  }
  cache.gc();
}
