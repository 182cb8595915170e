import { ERROR_MESSAGES, type ErrorCode } from "@team-billing/shared";
import { GraphQLError } from "graphql";

/**
 * The one error type services throw. Its `code` becomes `extensions.code`;
 * anything that is not an AppError (or a GraphQL validation error) is masked.
 */
export class AppError extends GraphQLError {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string = ERROR_MESSAGES[code], extensions: Record<string, unknown> = {}) {
    super(message, { extensions: { ...extensions, code } });
    this.code = code;
  }
}

export const unauthenticated = (message = "Sign in first.") => new AppError("UNAUTHENTICATED", message);
export const forbidden = (message = ERROR_MESSAGES.FORBIDDEN) => new AppError("FORBIDDEN", message);
export const notFound = (what = "That") => new AppError("NOT_FOUND", `${what} was not found.`);
export const conflict = (message: string) => new AppError("CONFLICT", message);

/** Bad input, naming the argument at fault. */
export const badInput = (field: string, message: string) => new AppError("BAD_USER_INPUT", `${field}: ${message}`, { field });

export const rateLimited = (retryAfterSeconds: number) =>
  new AppError("RATE_LIMITED", `Too many attempts; try again in ${retryAfterSeconds} s.`, {
    retryAfter: retryAfterSeconds,
  });
