import type { EntityManager, EntityTarget, ObjectLiteral } from "typeorm";

/**
 * A plain multi-row INSERT for the hot path. TypeORM's insert builder handles
 * parameters in a way that grows with the square of the row count; this builds
 * the statement directly, converting each value with TypeORM's own driver (dates,
 * booleans, transformers) so rows read back exactly as if TypeORM had written them.
 */
export async function bulkInsert<T extends ObjectLiteral>(
  em: EntityManager,
  target: EntityTarget<T>,
  rows: Partial<T>[],
  chunk = 300,
): Promise<void> {
  if (rows.length === 0) return;
  const metadata = em.connection.getMetadata(target);
  const driver = em.connection.driver;
  const columns = metadata.columns.filter((c) => !(c.isGenerated && c.generationStrategy === "increment"));
  const head = `INSERT INTO ${driver.escape(metadata.tableName)} (${columns.map((c) => driver.escape(c.databaseName)).join(", ")}) VALUES `;
  const tuple = `(${columns.map(() => "?").join(", ")})`;
  for (let i = 0; i < rows.length; i += chunk) {
    const slice = rows.slice(i, i + chunk);
    const params: unknown[] = [];
    for (const row of slice) {
      for (const column of columns) {
        const value = column.getEntityValue(row as T, true);
        params.push(driver.preparePersistentValue(value === undefined ? null : value, column));
      }
    }
    await em.query(head + slice.map(() => tuple).join(", "), params);
  }
}
