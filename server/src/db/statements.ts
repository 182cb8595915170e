import type { EntityManager, EntityTarget, ObjectLiteral } from "typeorm";

/** One SQL statement with its `?` parameters. */
export interface Statement {
  sql: string;
  params: unknown[];
}

/**
 * Whether the manager's connection takes several statements in one round trip: only the
 * MySQL connections opened for charges (`multipleStatements`, see data-source.ts), whose
 * statements are all built from parameters by the credits code. SQLite runs in-process:
 * a statement there costs no round trip, so it runs them one by one.
 */
export function takesBundles(em: EntityManager): boolean {
  return (em.connection.options as { extra?: { multipleStatements?: boolean } }).extra?.multipleStatements === true;
}

/**
 * Runs statements in order in the caller's transaction and answers each one's result (rows
 * for a SELECT), in order. On a connection that takes bundles they go in one round trip:
 * the database runs them in order and stops at the first error, which fails the whole (the
 * transaction rolls back, as for any failed statement).
 */
export async function runStatements(em: EntityManager, statements: Statement[]): Promise<unknown[]> {
  if (statements.length > 1 && takesBundles(em)) {
    return (await em.query(
      statements.map((s) => s.sql).join(";\n"),
      statements.flatMap((s) => s.params),
    )) as unknown[];
  }
  const results: unknown[] = [];
  for (const { sql, params } of statements) results.push(await em.query(sql, params));
  return results;
}

/**
 * An entity from a row a raw SELECT answered (`SELECT *`), each column converted by
 * TypeORM's own driver (dates, booleans, big integers, transformers) exactly as its
 * `find` would: the inverse of `insertStatements`.
 */
export function hydrate<T extends ObjectLiteral>(em: EntityManager, target: new () => T, row: Record<string, unknown>): T {
  const metadata = em.connection.getMetadata(target);
  const driver = em.connection.driver;
  const entity = new target();
  for (const column of metadata.columns) {
    column.setEntityValue(entity, driver.prepareHydratedValue(row[column.databaseName] ?? null, column));
  }
  return entity;
}

/** Table and column names, escaped for the manager's database. */
export function tableOf(em: EntityManager, target: EntityTarget<ObjectLiteral>): string {
  return em.connection.driver.escape(em.connection.getMetadata(target).tableName);
}

/**
 * A plain multi-row INSERT for the hot path (chunks of `chunk` rows). TypeORM's insert
 * builder handles parameters in a way that grows with the square of the row count; this
 * builds the statement directly, converting each value with TypeORM's own driver (dates,
 * booleans, transformers) so rows read back exactly as if TypeORM had written them.
 */
export function insertStatements<T extends ObjectLiteral>(
  em: EntityManager,
  target: EntityTarget<T>,
  rows: Partial<T>[],
  chunk = 300,
): Statement[] {
  if (rows.length === 0) return [];
  const metadata = em.connection.getMetadata(target);
  const driver = em.connection.driver;
  const columns = metadata.columns.filter((c) => !(c.isGenerated && c.generationStrategy === "increment"));
  const head = `INSERT INTO ${driver.escape(metadata.tableName)} (${columns.map((c) => driver.escape(c.databaseName)).join(", ")}) VALUES `;
  const tuple = `(${columns.map(() => "?").join(", ")})`;
  const statements: Statement[] = [];
  for (let i = 0; i < rows.length; i += chunk) {
    const slice = rows.slice(i, i + chunk);
    const params: unknown[] = [];
    for (const row of slice) {
      for (const column of columns) {
        const value = column.getEntityValue(row as T, true);
        params.push(driver.preparePersistentValue(value === undefined ? null : value, column));
      }
    }
    statements.push({ sql: head + slice.map(() => tuple).join(", "), params });
  }
  return statements;
}

/** `UPDATE table SET … WHERE key = ? AND …`, each value converted by TypeORM's driver as `insertStatements` does. */
export function updateStatement<T extends ObjectLiteral>(
  em: EntityManager,
  target: EntityTarget<T>,
  where: Partial<T>,
  values: Partial<T>,
): Statement {
  const metadata = em.connection.getMetadata(target);
  const driver = em.connection.driver;
  const params: unknown[] = [];
  const assign = (fields: Partial<T>, glue: string) =>
    Object.entries(fields)
      .map(([property, value]) => {
        const column = metadata.findColumnWithPropertyName(property);
        if (!column) throw new Error(`${metadata.name} has no column ${property}`);
        params.push(driver.preparePersistentValue(value, column));
        return `${driver.escape(column.databaseName)} = ?`;
      })
      .join(glue);
  const set = assign(values, ", ");
  return { sql: `UPDATE ${driver.escape(metadata.tableName)} SET ${set} WHERE ${assign(where, " AND ")}`, params };
}

/** Inserts rows with `insertStatements`, in the caller's transaction. */
export async function bulkInsert<T extends ObjectLiteral>(em: EntityManager, target: EntityTarget<T>, rows: Partial<T>[]): Promise<void> {
  await runStatements(em, insertStatements(em, target, rows));
}
