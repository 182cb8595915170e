import { AppError } from "../common/errors";

/**
 * Server answers that mean "this transaction did not happen; run it again":
 * 1213 deadlock (and Galera's certification failure), 1205 lock wait timeout,
 * 1020 MariaDB's record changed since last read, 1047 a Galera node not yet
 * synced ("WSREP has not yet prepared node for application use"), 1180 an error
 * during COMMIT (rolled back), 1927 the connection was killed, TiDB's 9007
 * write conflict and 8028 schema changed during the transaction.
 */
const RETRYABLE_ERRNOS = new Set([1213, 1205, 1020, 1047, 1180, 1927, 9007, 8028]);

/** The code of the error thrown when no pooled connection is free in time. */
export const DB_ACQUIRE_TIMEOUT = "DB_ACQUIRE_TIMEOUT";

/** The connection broke, timed out or could not be had (db/data-source.ts sets the timeouts). */
const CONNECTION_CODES = new Set([
  "PROTOCOL_CONNECTION_LOST",
  "PROTOCOL_SEQUENCE_TIMEOUT",
  "ECONNRESET",
  "ECONNREFUSED",
  "ETIMEDOUT",
  "EPIPE",
  "EHOSTUNREACH",
  DB_ACQUIRE_TIMEOUT,
]);

interface DriverFields {
  errno?: number;
  code?: string;
  message?: string;
  driverError?: { errno?: number; code?: string; message?: string };
  /** GraphQL's wrapper: Apollo wraps what the request context's reads throw ("Context creation failed"). */
  originalError?: unknown;
}

function fields(error: unknown): { errno?: number; code?: string; message: string } {
  let e = (error ?? {}) as DriverFields;
  if (e.originalError && typeof e.originalError === "object") e = e.originalError as DriverFields;
  return {
    errno: e.driverError?.errno ?? e.errno,
    code: e.driverError?.code ?? e.code,
    message: e.driverError?.message ?? e.message ?? "",
  };
}

/** True when the connection itself failed (the statement's fate may be unknown). */
export function isConnectionError(error: unknown): boolean {
  const { code, message } = fields(error);
  if (code !== undefined && CONNECTION_CODES.has(code)) return true;
  // mysql2 on a pooled connection that died between two statements.
  return /closed state|Connection lost/i.test(message);
}

/** True when running the transaction again may succeed (contention, a node in trouble). */
export function isRetryable(error: unknown): boolean {
  const { errno, code } = fields(error);
  if (errno !== undefined && RETRYABLE_ERRNOS.has(errno)) return true;
  if (code === "SQLITE_BUSY" || code === "SQLITE_BUSY_SNAPSHOT") return true;
  return isConnectionError(error);
}

/** True when the error is a unique-key violation (either database). */
export function isUniqueViolation(error: unknown): boolean {
  const { errno, code } = fields(error);
  return errno === 1062 || code === "ER_DUP_ENTRY" || code === "SQLITE_CONSTRAINT_UNIQUE" || code === "SQLITE_CONSTRAINT_PRIMARYKEY";
}

/** Retryable by the caller: the database is busy or a node is away. */
export function serviceUnavailable(cause?: unknown): AppError {
  const error = new AppError("SERVICE_UNAVAILABLE", undefined, { retryAfter: 1 });
  if (cause !== undefined) Object.defineProperty(error, "cause", { value: cause, enumerable: false });
  return error;
}

/** True for what `serviceUnavailable` builds, and for a database error that should read as one. */
export function isTransient(error: unknown): boolean {
  return (error instanceof AppError && error.code === "SERVICE_UNAVAILABLE") || isRetryable(error);
}
