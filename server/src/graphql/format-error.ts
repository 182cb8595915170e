import { unwrapResolverError } from "@apollo/server/errors";
import type { GraphQLFormattedError } from "graphql";
import { AppError } from "../common/errors";

/**
 * Errors leave the server with a code from our vocabulary. AppErrors and
 * GraphQL's own request errors (parse, validation, bad variables) pass as they
 * are; anything else is logged and masked as INTERNAL_SERVER_ERROR.
 */
export function makeFormatError(log: (message: string, error: unknown) => void) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    const code = formatted.extensions?.code;
    if (original instanceof AppError || (typeof code === "string" && code !== "INTERNAL_SERVER_ERROR")) {
      const { stacktrace: _omit, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions };
    }
    log("unexpected error", original);
    return { message: "Internal server error", path: formatted.path, extensions: { code: "INTERNAL_SERVER_ERROR" } };
  };
}
