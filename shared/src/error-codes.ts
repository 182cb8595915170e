/**
 * The closed vocabulary of `extensions.code` values the API answers with.
 * The first block is the public contract; the rest are our own additions.
 */
export const ERROR_CODES = [
  "UNAUTHENTICATED",
  "FORBIDDEN",
  "NOT_FOUND",
  "BAD_USER_INPUT",
  "CONFLICT",
  "INTERNAL_SERVER_ERROR",
  "BILLING_POOL_EXHAUSTED",
  "BILLING_MEMBER_CAP_REACHED",
  "BILLING_SPACE_CAP_REACHED",
  "BILLING_PLAN_REQUIRED",
  // ours
  "NOT_IMPLEMENTED",
  "RATE_LIMITED",
  "GRAPHQL_VALIDATION_FAILED",
  "GRAPHQL_PARSE_FAILED",
  "BAD_REQUEST",
  "SERVICE_UNAVAILABLE",
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** One human sentence per code: the server's default message, and what the console shows. */
export const ERROR_MESSAGES: Record<ErrorCode, string> = {
  UNAUTHENTICATED: "Please sign in.",
  FORBIDDEN: "Your role does not allow this.",
  NOT_FOUND: "Not found.",
  BAD_USER_INPUT: "Some of the input is not valid.",
  CONFLICT: "That conflicts with the current state.",
  INTERNAL_SERVER_ERROR: "Something went wrong on our side.",
  BILLING_POOL_EXHAUSTED: "The org's credit pool cannot cover this call until it refills or is topped up.",
  BILLING_MEMBER_CAP_REACHED: "This member has reached their monthly cap.",
  BILLING_SPACE_CAP_REACHED: "This Space has reached its monthly cap.",
  BILLING_PLAN_REQUIRED: "A paid plan is needed to spend credits.",
  NOT_IMPLEMENTED: "This is not available yet.",
  RATE_LIMITED: "Too many requests; try again shortly.",
  GRAPHQL_VALIDATION_FAILED: "The request does not match the API.",
  GRAPHQL_PARSE_FAILED: "The request could not be parsed.",
  BAD_REQUEST: "The request could not be read.",
  SERVICE_UNAVAILABLE: "The service is busy for a moment; try again shortly.",
};
