import { randomFillSync } from "node:crypto";
import { Column, type ColumnOptions, PrimaryColumn } from "typeorm";

/** Column shapes that read and write alike on MySQL/MariaDB and SQLite. */

export const IdColumn = () => PrimaryColumn({ type: "varchar", length: 36 });
export const RefColumn = (options: ColumnOptions = {}) => Column({ type: "varchar", length: 36, ...options });

/**
 * A new row id: a UUID version 7 (RFC 9562), whose first 48 bits are the Unix time in
 * milliseconds, then a 12-bit counter that keeps ids made in one millisecond in order,
 * then 62 random bits. Time-ordered ids append to the end of a primary key's B-tree
 * instead of landing on random pages, which keeps inserts (usage events most of all)
 * cheap once a table outgrows the buffer pool; the random bits keep them unguessable.
 */
export function newId(): string {
  let ms = Date.now();
  if (ms > lastMs) {
    lastMs = ms;
    counter = randomByte() << 3; // a random start with room to count up within the millisecond
  } else if (++counter > 0xfff) {
    lastMs += 1; // more than 4,096 - start ids in one millisecond: borrow the next one
    counter = 0;
  }
  ms = lastMs;
  if (poolOffset + 8 > pool.length) refill();
  const b = bytes;
  b[0] = Math.floor(ms / 2 ** 40) & 0xff;
  b[1] = Math.floor(ms / 2 ** 32) & 0xff;
  b[2] = (ms >>> 24) & 0xff;
  b[3] = (ms >>> 16) & 0xff;
  b[4] = (ms >>> 8) & 0xff;
  b[5] = ms & 0xff;
  b[6] = 0x70 | (counter >>> 8);
  b[7] = counter & 0xff;
  pool.copy(b, 8, poolOffset, poolOffset + 8);
  poolOffset += 8;
  b[8] = 0x80 | (b[8] & 0x3f);
  const hex = b.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

let lastMs = 0;
let counter = 0;
const bytes = Buffer.alloc(16);
const pool = Buffer.alloc(8 * 512);
let poolOffset = pool.length;
const refill = () => {
  randomFillSync(pool);
  poolOffset = 0;
};
const randomByte = (): number => {
  if (poolOffset + 1 > pool.length) refill();
  return pool[poolOffset++];
};

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
