import { unwrapResolverError } from "@apollo/server/errors";
import type { ValidationError } from "class-validator";
import type { GraphQLFormattedError } from "graphql";
import { ArgumentValidationError } from "type-graphql";
import { AppError, badInput } from "../common/errors";
import { isRetryable, serviceUnavailable } from "../db/transient-errors";

/**
 * Errors leave the server with a code from our vocabulary. AppErrors and
 * GraphQL's own request errors (parse, validation, bad variables) pass as they
 * are; a refused argument (class-validator, see common/input-rules.ts) becomes
 * BAD_USER_INPUT naming the field; a database busy or away becomes
 * SERVICE_UNAVAILABLE (retryable); anything else is logged and masked as
 * INTERNAL_SERVER_ERROR.
 */
export function makeFormatError(log: (message: string, error: unknown) => void) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    if (original instanceof ArgumentValidationError) {
      const refused = argumentError(original);
      return { message: refused.message, path: formatted.path, extensions: refused.extensions };
    }
    const code = formatted.extensions?.code;
    if (original instanceof AppError || (typeof code === "string" && code !== "INTERNAL_SERVER_ERROR")) {
      const { stacktrace: _omit, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions };
    }
    // A database busy or away outside a transaction's retries (a plain read): the client may retry.
    if (isRetryable(original)) {
      const busy = serviceUnavailable();
      return { message: busy.message, path: formatted.path, extensions: busy.extensions };
    }
    log("unexpected error", original);
    return { message: "Internal server error", path: formatted.path, extensions: { code: "INTERNAL_SERVER_ERROR" } };
  };
}

/**
 * The first refused field, by its path inside the argument ("credits", "taxId.value";
 * an ArgsType's fields are the arguments themselves), and the first rule it broke.
 * The rest of class-validator's report (the target object, the value) stays here.
 */
function argumentError(error: ArgumentValidationError): AppError {
  const errors = (error.extensions.validationErrors ?? []) as ValidationError[];
  let path: string[] = [];
  let node: ValidationError | undefined = errors[0];
  while (node) {
    path = [...path, node.property];
    const message = node.constraints ? Object.values(node.constraints)[0] : undefined;
    if (message) return badInput(path.join("."), message);
    node = node.children?.[0];
  }
  return badInput(path.join(".") || "input", "is not valid");
}
