import { getArgumentValues, getNullableType, getOperationAST, getVariableValues, isListType, type DocumentNode, type FieldNode, type GraphQLField, type GraphQLNamedType, type GraphQLSchema } from 'graphql';
import { foldOperation } from './fold-selections.ts';

/** What a list without a page size is assumed to hold. */
const listMultiplier = 10;
/** The page a connection returns when no size is asked for (Pothos relay's default). */
const defaultPage = 20;

/**
 * The cost of an operation before it runs: each field costs 1, and what is selected under a
 * field is multiplied by how many items it can return: the `first`/`last` asked for (or the
 * argument's default) on a connection, ten for a plain list. `me { friends(first: 100) {
 * edges { node { friends(first: 100) { … } } } } }` costs about 100 × 100 per field below.
 */
export function operationCost(schema: GraphQLSchema, document: DocumentNode, operationName: string | null | undefined, rawVariables: Record<string, unknown> | null | undefined): number {
  // Priced with the values execution will use: a variable left out takes its own default
  // (`$n: Int = 100`), not the argument's.
  const operation = getOperationAST(document, operationName ?? undefined);
  const coerced = operation ? getVariableValues(schema, operation.variableDefinitions ?? [], rawVariables ?? {}) : undefined;
  // Variables that do not coerce are refused when the operation runs; until then they price as absent.
  const variables = coerced?.coerced ?? {};
  const cost = foldOperation(schema, document, operationName, {
    empty: 0,
    combine: (parts) => Math.min(Number.MAX_SAFE_INTEGER, parts.reduce((total, part) => total + part, 0)),
    field: (parent, node, definition, below) => Math.min(Number.MAX_SAFE_INTEGER, 1 + itemsOf(parent, node, definition, variables) * below),
  });
  return cost ?? 0;
}

function itemsOf(parent: GraphQLNamedType, node: FieldNode, definition: GraphQLField<unknown, unknown> | undefined, variables: Record<string, unknown>): number {
  // A connection's edges are the page its field was already priced for.
  if (!definition || parent.name.endsWith('Connection')) return 1;
  const pageArgs = definition.args.filter((arg) => arg.name === 'first' || arg.name === 'last');
  if (pageArgs.length > 0) {
    let values: Record<string, unknown> = {};
    try {
      values = getArgumentValues(definition, node, variables);
    } catch {
      // Bad argument values are refused when the operation runs; the defaults price it here.
    }
    const asked = [values.first, values.last].filter((value): value is number => typeof value === 'number');
    const fallback = pageArgs.map((arg) => arg.defaultValue).find((value): value is number => typeof value === 'number');
    return Math.max(1, ...asked, asked.length === 0 ? (fallback ?? defaultPage) : 1);
  }
  return isListType(getNullableType(definition.type)) ? listMultiplier : 1;
}
