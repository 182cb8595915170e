import { GraphQLError, GraphQLScalarType, Kind } from "graphql";

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;

function parse(value: unknown): Date {
  if (typeof value !== "string" || !ISO_UTC.test(value) || Number.isNaN(Date.parse(value))) {
    throw new GraphQLError("DateTime must be an ISO-8601 UTC string such as 2026-01-31T00:00:00Z", {
      extensions: { code: "BAD_USER_INPUT" },
    });
  }
  return new Date(value);
}

/**
 * The contract's `DateTime`: ISO-8601 UTC strings with milliseconds. Written here rather
 * than graphql-scalars' DateTimeISO, which also takes offsets such as +02:00 on input.
 */
export const DateTimeScalar = new GraphQLScalarType<Date, string>({
  name: "DateTime",
  description: "An ISO-8601 UTC timestamp, e.g. 2026-01-31T12:00:00.000Z",
  serialize(value) {
    const date = value instanceof Date ? value : new Date(value as string);
    if (Number.isNaN(date.getTime())) throw new GraphQLError("DateTime cannot represent an invalid date");
    return date.toISOString();
  },
  parseValue: parse,
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING) throw new GraphQLError("DateTime must be a string", { extensions: { code: "BAD_USER_INPUT" } });
    return parse(ast.value);
  },
});
