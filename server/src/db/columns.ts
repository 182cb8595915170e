import { Column, type ColumnOptions, PrimaryColumn } from "typeorm";
import { v7 as uuidv7 } from "uuid";

/** Column shapes that read and write alike on MySQL/MariaDB and SQLite. */

export const IdColumn = () => PrimaryColumn({ type: "varchar", length: 36 });
export const RefColumn = (options: ColumnOptions = {}) => Column({ type: "varchar", length: 36, ...options });

/**
 * A new row id: a UUID version 7 (RFC 9562), the Unix time in milliseconds first, then a
 * counter that keeps ids made in one millisecond in order, then random bits. Time-ordered
 * ids append to the end of a primary key's B-tree instead of landing on random pages, which
 * keeps inserts (usage events most of all) cheap once a table outgrows the buffer pool.
 */
export const newId = (): string => uuidv7();

/** Millisecond UTC timestamps (mysql2 runs with timezone 'Z'). */
export const DateTimeColumn = (options: ColumnOptions = {}) => Column({ type: "datetime", precision: 3, ...options });

export const StringColumn = (length: number, options: ColumnOptions = {}) => Column({ type: "varchar", length, ...options });

/** A 32-bit integer count (credits per row stay far below 2^31; sums use bigint columns). */
export const IntColumn = (options: ColumnOptions = {}) => Column({ type: "int", ...options });

/**
 * A bigint column read back as a JS number (mysql2 returns bigints as strings).
 * Refuses values past 2^53 rather than rounding them: credits must stay exact.
 */
export const BigIntColumn = (options: ColumnOptions = {}) =>
  Column({
    type: "bigint",
    ...options,
    transformer: {
      to: (value: unknown) => value,
      from: (value: unknown) => (value === null || value === undefined ? value : toSafeInteger(value)),
    },
  });

export function toSafeInteger(value: unknown): number {
  const n = typeof value === "number" ? value : Number(value);
  if (!Number.isSafeInteger(n)) throw new Error(`not a safe integer: ${String(value)}`);
  return n;
}
