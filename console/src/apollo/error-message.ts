import { CombinedGraphQLErrors, ServerError } from "@apollo/client/errors";
import { ERROR_CODES, ERROR_MESSAGES, type ErrorCode } from "@team-billing/shared";
import type { GraphQLFormattedError } from "graphql";

/** What the console tells a person about a failed operation. */
export interface DescribedError {
  /** The API's `extensions.code`, or NETWORK when no GraphQL answer arrived. */
  code: ErrorCode | "NETWORK";
  message: string;
}

// For these the server's own message says what is wrong with the input
// ("An org with that name already exists"), which beats a generic sentence.
const SERVER_WORDED: ReadonlySet<ErrorCode> = new Set(["BAD_USER_INPUT", "CONFLICT"]);

const NETWORK_MESSAGE = "Can't reach the server. Check your connection and try again.";

const resetFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === "string" && (ERROR_CODES as readonly string[]).includes(value);
}

/** Turns one GraphQL error into a sentence, keyed on `extensions.code`. */
export function describeGraphQLError(error: GraphQLFormattedError): DescribedError {
  const raw = error.extensions?.code;
  const code: ErrorCode = isErrorCode(raw) ? raw : "INTERNAL_SERVER_ERROR";
  let message = SERVER_WORDED.has(code) && error.message ? error.message : ERROR_MESSAGES[code];
  // Billing refusals say when they lift; a person can plan around a date.
  const resetsAt = error.extensions?.resetsAt;
  if (typeof resetsAt === "string" && !Number.isNaN(Date.parse(resetsAt))) {
    message += ` Resets ${resetFormat.format(new Date(resetsAt))}.`;
  }
  return { code, message };
}

/**
 * Turns whatever Apollo reports (GraphQL, HTTP or network failure) into a
 * sentence. Takes `unknown` because rejected mutations reach `catch` untyped.
 */
export function describeError(error: unknown): DescribedError {
  if (CombinedGraphQLErrors.is(error)) {
    const first = error.errors[0];
    return first ? describeGraphQLError(first) : { code: "INTERNAL_SERVER_ERROR", message: ERROR_MESSAGES.INTERNAL_SERVER_ERROR };
  }
  if (ServerError.is(error)) {
    const byStatus: Partial<Record<number, ErrorCode>> = {
      401: "UNAUTHENTICATED",
      403: "FORBIDDEN",
      429: "RATE_LIMITED",
      503: "SERVICE_UNAVAILABLE",
    };
    const code = byStatus[error.statusCode] ?? "INTERNAL_SERVER_ERROR";
    return { code, message: ERROR_MESSAGES[code] };
  }
  return { code: "NETWORK", message: NETWORK_MESSAGE };
}

/** The input a BAD_USER_INPUT error names (`extensions.field`, e.g. "taxId.value"), if any. */
export function badInputField(error: unknown): string | null {
  if (!CombinedGraphQLErrors.is(error)) return null;
  const first = error.errors[0];
  const field = first?.extensions?.field;
  return first?.extensions?.code === "BAD_USER_INPUT" && typeof field === "string" ? field : null;
}
