import { ERROR_CODES } from "@team-billing/shared";
import fc from "fast-check";
import {
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLSchema,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
} from "graphql";
import { graphqlSchema } from "../src/graphql/schema";
import { createOrg, type SignedInUser, signUp } from "./support/fixtures";
import type { GqlClient } from "./support/gql-client";
import { startTestApp, type TestApp } from "./support/test-app";

/**
 * Random documents built from the real schema (nested known fields, aliases, named and inline
 * fragments, arguments as literals or variables, variables of wrong types and random JSON
 * values), sent anonymously and as a signed-in org owner. Every answer must be data or errors
 * with a code from our vocabulary (or Apollo's request codes), never INTERNAL_SERVER_ERROR,
 * never a stack, and must come back quickly.
 */
const ALLOWED_CODES = new Set<string>([
  ...ERROR_CODES.filter((code) => code !== "INTERNAL_SERVER_ERROR"),
  "GRAPHQL_VALIDATION_FAILED",
  "GRAPHQL_PARSE_FAILED",
  "BAD_REQUEST",
]);
/** Fields left out: they end the shared session or move the whole server's clock. */
const SKIPPED = new Set(["logout", "devAdvanceClock"]);
const ANSWER_WITHIN_MS = 2_000;
const RUNS = 100;

let t: TestApp;
let schema: GraphQLSchema;
let owner: SignedInUser;
let ids: string[];
beforeAll(async () => {
  t = await startTestApp();
  schema = await graphqlSchema();
  owner = await signUp(t);
  const orgId = await createOrg(owner);
  ids = [orgId, owner.id, "00000000-0000-0000-0000-000000000000", "", "x'; DROP TABLE org; --"];
});
afterAll(() => t.close());

interface Built {
  query: string;
  variables: Record<string, unknown>;
}

/** Turns a tape of random numbers (what fast-check shrinks) into a document for the schema. */
function build(tape: number[], json: unknown[]): Built {
  let at = 0;
  const pick = (n: number) => (n <= 0 ? 0 : tape[at++ % tape.length] % n);
  const oneOf = <T>(items: readonly T[]): T => items[pick(items.length)];
  const variableDefs: string[] = [];
  const variables: Record<string, unknown> = {};
  const fragments: string[] = [];

  const sample = (type: GraphQLInputType, depth: number): unknown => {
    if (isNonNullType(type)) return sample(type.ofType, depth);
    if (isListType(type)) return depth > 2 ? [] : [sample(type.ofType, depth + 1)];
    if (isEnumType(type)) return oneOf(type.getValues()).value;
    if (isInputObjectType(type)) {
      const out: Record<string, unknown> = {};
      for (const field of Object.values(type.getFields())) {
        if (isNonNullType(field.type) || pick(2) === 0) out[field.name] = sample(field.type, depth + 1);
      }
      return out;
    }
    switch (type.name) {
      case "Int":
        return oneOf([0, 1, -1, 7, 100, 2 ** 31, -(2 ** 31)]);
      case "Float":
        return oneOf([0, 1.5, -3]);
      case "Boolean":
        return pick(2) === 0;
      case "DateTime":
        return oneOf(["2026-01-01T00:00:00.000Z", "2099-12-31T23:59:59Z", "yesterday", ""]);
      default:
        return oneOf([...ids, "a@b.test", "gpt-x", "🙂".repeat(pick(5))]);
    }
  };

  const literal = (value: unknown): string => {
    if (Array.isArray(value)) return `[${value.map(literal).join(", ")}]`;
    if (value && typeof value === "object") {
      return `{${Object.entries(value)
        .map(([k, v]) => `${k}: ${literal(v)}`)
        .join(", ")}}`;
    }
    return typeof value === "string" && /^[A-Z_]+$/.test(value) && pick(4) !== 0 ? value : JSON.stringify(value ?? null);
  };

  const argument = (type: GraphQLInputType): string => {
    const how = pick(10);
    if (how <= 2) {
      const name = `v${variableDefs.length}`;
      const declared = pick(4) === 0 ? oneOf(["Int", "String!", "Boolean", "[ID!]", "Float", "DateTime"]) : String(type);
      variableDefs.push(`$${name}: ${declared}`);
      if (pick(5) !== 0) variables[name] = pick(3) === 0 ? (json.length ? oneOf(json) : null) : sample(type, 0);
      return `$${name}`;
    }
    if (how === 3) return oneOf(['"x"', "12", "true", "null", "[1, 2]", "{a: 1}", "99999999999", "-0.5"]);
    return literal(sample(type, 0));
  };

  const selections = (type: GraphQLNamedType, depth: number): string => {
    if (!isObjectType(type) && !isInterfaceType(type)) return "__typename";
    const fields = Object.values(type.getFields()).filter((f) => !SKIPPED.has(f.name));
    const parts: string[] = [];
    for (let n = 1 + pick(3); n > 0; n--) parts.push(field(oneOf(fields), depth));
    if (pick(8) === 0) parts.push("__typename");
    const body = parts.join(" ");
    const wrap = pick(8);
    if (wrap === 0) {
      const name = `G${fragments.length}`;
      fragments.push(`fragment ${name} on ${type.name} { ${body} }`);
      return `...${name}`;
    }
    return wrap === 1 ? `... on ${type.name} { ${body} }` : body;
  };

  const field = (def: GraphQLField<unknown, unknown>, depth: number): string => {
    const alias = pick(4) === 0 ? `a${at}: ` : "";
    const args = def.args
      .filter((a) => isNonNullType(a.type) || pick(3) === 0)
      .map((a) => `${a.name}: ${argument(a.type)}`)
      .join(", ");
    const named = getNamedType(def.type);
    const inner = isLeafType(named) ? "" : ` { ${depth >= 4 ? "__typename" : selections(named, depth + 1)} }`;
    return `${alias}${def.name}${args ? `(${args})` : ""}${inner}`;
  };

  const mutation = pick(4) === 0;
  const root = (mutation ? schema.getMutationType() : schema.getQueryType()) as GraphQLNamedType;
  const body = selections(root, 1);
  const head = `${mutation ? "mutation" : "query"}${variableDefs.length ? `(${variableDefs.join(", ")})` : ""}`;
  return { query: [`${head} { ${body} }`, ...fragments].join("\n"), variables };
}

async function expectWellFormedAnswer(client: GqlClient, { query, variables }: Built): Promise<void> {
  const started = performance.now();
  const res = await client.request(query, variables);
  const ms = performance.now() - started;
  const context = { query, variables, status: res.status, errors: res.errors };
  expect({ ...context, ms: ms < ANSWER_WITHIN_MS }).toMatchObject({ ms: true });
  expect({ ...context, answered: res.data != null || (res.errors?.length ?? 0) > 0 }).toMatchObject({ answered: true });
  for (const error of res.errors ?? []) {
    const code = error.extensions?.code;
    expect({ ...context, code, allowed: typeof code === "string" && ALLOWED_CODES.has(code) }).toMatchObject({ allowed: true });
    expect(error.extensions?.stacktrace).toBeUndefined();
  }
  expect(JSON.stringify(res.errors ?? [])).not.toMatch(/\n\s+at |node_modules|\/work\/|\.ts:\d+/);
}

describe("random documents from the schema", () => {
  it("always answer with data or coded errors, never an internal error or a stack, and quickly", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.nat({ max: 1_000_000 }), { minLength: 10, maxLength: 200 }),
        fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 5 }),
        async (tape, json) => {
          const doc = build(tape, json);
          await expectWellFormedAnswer(t.client(), doc);
          await expectWellFormedAnswer(owner.client, doc);
        },
      ),
      { numRuns: RUNS },
    );
  });
});
