import { ApolloArmor } from "@escape.tech/graphql-armor";
import {
  type ASTVisitor,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  GraphQLError,
  type GraphQLNamedType,
  type GraphQLSchema,
  getNamedType,
  getNullableType,
  isInterfaceType,
  isListType,
  isObjectType,
  Kind,
  type OperationDefinitionNode,
  type ParseOptions,
  type SelectionSetNode,
  SchemaMetaFieldDef,
  TypeMetaFieldDef,
  TypeNameMetaFieldDef,
  type ValidationContext,
  type ValidationRule,
} from "graphql";

/**
 * Query limits, checked before anything runs. Every check here takes time linear in the
 * document's size: a fragment is measured once (memoized by name) however many times it is
 * spread, so `query { ...F0 }` with F0..F8 each spreading the next ten times (a 100,000,000-field
 * query in 732 bytes) is measured in microseconds. Refusals answer GRAPHQL_VALIDATION_FAILED
 * (parse-time ones GRAPHQL_PARSE_FAILED), with the measure in the message.
 *
 * - tokens: at most MAX_TOKENS (graphql's own parser limit; see `parseOptions`);
 * - depth: at most MAX_DEPTH nested fields, counted through fragment spreads and inline
 *   fragments (the fields a fragment brings count at the depth where they land);
 * - aliases: at most MAX_ALIASES per operation, fragments expanded;
 * - directives: at most MAX_DIRECTIVES per operation, fragments expanded;
 * - root fields: at most MAX_ROOT_FIELDS per operation, fragments expanded;
 * - sign-up, login and password-reset mutations: at most one of them per request;
 * - cost: at most MAX_COST, where each field costs 1 and multiplies the cost of what it selects
 *   by its page size: `first: N` → N, `first: $variable` → MAX_PAGE, a `first` argument left out
 *   → its schema default or MAX_PAGE; a list without `first` → LIST_SIZE (the lists of a page,
 *   such as a connection's `edges`, are already counted by the page's `first`).
 */
export const MAX_TOKENS = 2_000;
export const MAX_DEPTH = 8;
export const MAX_ALIASES = 30;
export const MAX_DIRECTIVES = 20;
export const MAX_ROOT_FIELDS = 20;
export const MAX_COST = 5_000;
/** What `first: $variable` counts as: the largest page any paged field serves. */
export const MAX_PAGE = 100;
/**
 * The notional size of a list without `first` (myOrgs, members, invitations, spaces, apiKeys,
 * caps, invoices, auditLog, enterpriseRequests, supportSearchOrgs, recordUsageBatch's results…).
 * 20 is a generous team (members, spaces, keys, caps) and a normal user's org count, and makes
 * two nested lists cost 400× their leaves, so lists of lists of lists are refused.
 */
export const LIST_SIZE = 20;
/** Mutations that each cost a password hash or a mail: one of them per request. */
export const ONCE_PER_REQUEST = new Set(["signUp", "login", "requestPasswordReset"]);

/** Measures above this are reported as "over" it; keeps the arithmetic exact and finite. */
const SATURATED = 1_000_000_000_000;
const cap = (n: number) => Math.min(n, SATURATED);
const shown = (n: number) => (n >= SATURATED ? `over ${SATURATED}` : String(n));

/** For `new ApolloServer({ parseOptions })`: graphql's parser stops at MAX_TOKENS tokens. */
export const parseOptions: ParseOptions = { maxTokens: MAX_TOKENS };

/**
 * Armor's depth, alias and directive rules: each memoizes fragments by name, so they are
 * linear. Its cost rule has another cost model (no list sizes, no `first: $var`) and its Apollo
 * token plugin throws outside Apollo's parse step (HTTP 500), so neither is used.
 */
function armorRules(): ValidationRule[] {
  const reject = (rephrase: (found: string) => string) => ({
    propagateOnRejection: false,
    onReject: [
      (context: ValidationContext | null, error: GraphQLError) => {
        const found = /found (\d+)/.exec(error.message)?.[1];
        context?.reportError(new GraphQLError(found ? rephrase(found) : error.message));
      },
    ],
  });
  return new ApolloArmor({
    blockFieldSuggestion: { enabled: false }, // introspection is public; suggestions hide nothing
    maxTokens: { enabled: false },
    costLimit: { enabled: false },
    maxDepth: {
      n: MAX_DEPTH,
      flattenFragments: true, // a spread adds no level of its own; its fields count where they land
      ignoreIntrospection: false, // __schema > types > fields > type > ofType… nests as deep as asked
      ...reject((found) => `The query is ${found} levels deep; the limit is ${MAX_DEPTH}.`),
    },
    maxAliases: {
      n: MAX_ALIASES,
      allowList: [],
      ...reject((found) => `The query has ${found} aliases; the limit is ${MAX_ALIASES}.`),
    },
    maxDirectives: {
      n: MAX_DIRECTIVES,
      ...reject((found) => `The query has ${found} directives; the limit is ${MAX_DIRECTIVES}.`),
    },
  }).protect().validationRules;
}

/** Root fields per operation, and the once-per-request mutations across the document. */
export function rootFieldsRule(context: ValidationContext): ASTVisitor {
  const fragments = fragmentsOf(context);
  const memo = new Map<string, { fields: number; once: number } | "visiting">();
  const countSet = (set: SelectionSetNode): { fields: number; once: number } => {
    let fields = 0;
    let once = 0;
    for (const selection of set.selections) {
      let inner: { fields: number; once: number };
      if (selection.kind === Kind.FIELD) {
        inner = { fields: 1, once: ONCE_PER_REQUEST.has(selection.name.value) ? 1 : 0 };
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        inner = countSet(selection.selectionSet);
      } else {
        const name = selection.name.value;
        const known = memo.get(name);
        if (known === "visiting") continue; // a cycle: graphql's NoFragmentCycles reports it
        if (known) inner = known;
        else {
          const fragment = fragments.get(name);
          if (!fragment) continue;
          memo.set(name, "visiting");
          inner = countSet(fragment.selectionSet);
          memo.set(name, inner);
        }
      }
      fields = cap(fields + inner.fields);
      once = cap(once + inner.once);
    }
    return { fields, once };
  };
  let once = 0;
  return {
    OperationDefinition(operation: OperationDefinitionNode) {
      const counted = countSet(operation.selectionSet);
      if (counted.fields > MAX_ROOT_FIELDS) {
        context.reportError(
          new GraphQLError(`The operation selects ${shown(counted.fields)} root fields; the limit is ${MAX_ROOT_FIELDS}.`),
        );
      }
      if (operation.operation === "mutation") once += counted.once;
    },
    Document: {
      leave() {
        if (once > 1) {
          context.reportError(
            new GraphQLError(`A request may call at most one of ${[...ONCE_PER_REQUEST].join(", ")}; this one calls ${shown(once)}.`),
          );
        }
      },
    },
  };
}

/** The cost model above, each fragment measured once per (name, directly inside a page). */
export function costRule(context: ValidationContext): ASTVisitor {
  const schema = context.getSchema();
  const fragments = fragmentsOf(context);
  const memo = new Map<string, number | "visiting">();

  const costOfSet = (set: SelectionSetNode, parent: GraphQLNamedType | undefined, inPage: boolean): number => {
    let cost = 0;
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        cost = cap(cost + costOfField(selection, parent, inPage));
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
        cost = cap(cost + costOfSet(selection.selectionSet, type ?? undefined, inPage));
      } else {
        const key = `${selection.name.value}/${inPage}`;
        const known = memo.get(key);
        if (known === "visiting") continue; // a cycle: graphql's NoFragmentCycles reports it
        if (known !== undefined) {
          cost = cap(cost + known);
          continue;
        }
        const fragment = fragments.get(selection.name.value);
        if (!fragment) continue;
        memo.set(key, "visiting");
        const inner = costOfSet(fragment.selectionSet, schema.getType(fragment.typeCondition.name.value) ?? undefined, inPage);
        memo.set(key, inner);
        cost = cap(cost + inner);
      }
    }
    return cost;
  };

  const costOfField = (node: FieldNode, parent: GraphQLNamedType | undefined, inPage: boolean): number => {
    if (!node.selectionSet) return 1;
    const def = fieldDef(schema, parent, node.name.value);
    const paged = def?.args.some((a) => a.name === "first") ?? false;
    const size = paged ? pageSize(node, def) : def && isListType(getNullableType(def.type)) && !inPage ? LIST_SIZE : 1;
    const type = def ? getNamedType(def.type) : undefined;
    return cap(1 + size * costOfSet(node.selectionSet, type, paged));
  };

  return {
    OperationDefinition(operation: OperationDefinitionNode) {
      const root = schema.getRootType(operation.operation) ?? undefined;
      const cost = costOfSet(operation.selectionSet, root, false);
      if (cost > MAX_COST) {
        context.reportError(new GraphQLError(`The query costs ${shown(cost)}; the limit is ${MAX_COST}.`));
      }
    },
  };
}

function pageSize(node: FieldNode, def: GraphQLField<unknown, unknown> | undefined): number {
  const first = node.arguments?.find((a) => a.name.value === "first");
  if (first?.value.kind === Kind.INT) return Math.max(1, Number(first.value.value));
  if (first) return MAX_PAGE; // a variable (or a wrong literal, which validation refuses anyway)
  const byDefault = def?.args.find((a) => a.name === "first")?.defaultValue;
  return typeof byDefault === "number" ? Math.max(1, byDefault) : MAX_PAGE;
}

function fieldDef(schema: GraphQLSchema, parent: GraphQLNamedType | undefined, name: string) {
  if (name === "__typename") return TypeNameMetaFieldDef;
  if (parent && parent === schema.getQueryType()) {
    if (name === "__schema") return SchemaMetaFieldDef;
    if (name === "__type") return TypeMetaFieldDef;
  }
  return isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[name] : undefined;
}

function fragmentsOf(context: ValidationContext): Map<string, FragmentDefinitionNode> {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const def of context.getDocument().definitions) {
    if (def.kind === Kind.FRAGMENT_DEFINITION && !fragments.has(def.name.value)) fragments.set(def.name.value, def);
  }
  return fragments;
}

/** For `new ApolloServer({ validationRules })`, in the order their refusals are listed. */
export const queryLimitRules: ValidationRule[] = [...armorRules(), rootFieldsRule, costRule];
