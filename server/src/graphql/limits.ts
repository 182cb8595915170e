import {
  type ASTVisitor,
  type FieldNode,
  type FragmentDefinitionNode,
  GraphQLError,
  Kind,
  type SelectionSetNode,
  type ValidationContext,
} from "graphql";

/**
 * Query limits, checked before execution:
 * - depth: at most MAX_DEPTH nested fields (the deepest contract query needs 4);
 * - cost: each field costs 1, and a field with a `first` argument multiplies the
 *   cost of what it selects by `first` (a page of 100 events costs 100× its node).
 * Refusals answer GRAPHQL_VALIDATION_FAILED, with the measure in the message.
 */
export const MAX_DEPTH = 8;
export const MAX_COST = 5_000;

export function queryLimitsRule(context: ValidationContext): ASTVisitor {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const def of context.getDocument().definitions) {
    if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
  }
  return {
    OperationDefinition(operation) {
      const { depth, cost } = measure(operation.selectionSet, fragments, new Set());
      if (depth > MAX_DEPTH) {
        context.reportError(new GraphQLError(`The query is ${depth} levels deep; the limit is ${MAX_DEPTH}.`));
      } else if (cost > MAX_COST) {
        context.reportError(new GraphQLError(`The query costs ${cost}; the limit is ${MAX_COST}.`));
      }
    },
  };
}

function measure(
  selectionSet: SelectionSetNode,
  fragments: Map<string, FragmentDefinitionNode>,
  visiting: Set<string>,
): { depth: number; cost: number } {
  let depth = 0;
  let cost = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      const inner = selection.selectionSet ? measure(selection.selectionSet, fragments, visiting) : { depth: 0, cost: 0 };
      depth = Math.max(depth, inner.depth + 1);
      cost += 1 + multiplier(selection) * inner.cost;
    } else {
      const set = selection.kind === Kind.INLINE_FRAGMENT ? selection.selectionSet : fragments.get(selection.name.value)?.selectionSet;
      const name = selection.kind === Kind.FRAGMENT_SPREAD ? selection.name.value : null;
      if (!set || (name && visiting.has(name))) continue; // cycles are reported by graphql's own rules
      if (name) visiting.add(name);
      const inner = measure(set, fragments, visiting);
      if (name) visiting.delete(name);
      depth = Math.max(depth, inner.depth);
      cost += inner.cost;
    }
  }
  return { depth, cost };
}

function multiplier(field: FieldNode): number {
  const first = field.arguments?.find((a) => a.name.value === "first");
  if (first?.value.kind === Kind.INT) return Math.max(1, Number(first.value.value));
  return first ? 100 : 1; // a variable: assume the largest page
}
