import {
  getNamedType,
  getOperationAST,
  isInterfaceType,
  isObjectType,
  Kind,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type SelectionSetNode,
} from 'graphql';

export interface SelectionFold<T> {
  /** A field of `parent`, given what its own selections folded to (`empty` for a leaf). */
  field(parent: GraphQLNamedType, node: FieldNode, definition: GraphQLField<unknown, unknown> | undefined, selections: T): T;
  /** The fold of several selections side by side. */
  combine(parts: T[]): T;
  empty: T;
}

/**
 * Folds the selected operation of a document bottom-up, through its fragments. Each fragment
 * is folded once and its result reused at every spread, so a document whose fragments spread
 * one another many times costs time in its length, not in its expansion (which can be
 * exponential). Returns null when the document has no such operation.
 */
export function foldOperation<T>(schema: GraphQLSchema, document: DocumentNode, operationName: string | null | undefined, fold: SelectionFold<T>): T | null {
  const operation = getOperationAST(document, operationName ?? undefined);
  const root = operation && schema.getRootType(operation.operation);
  if (!operation || !root) return null;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  const folded = new Map<string, T>();

  const foldSet = (selections: SelectionSetNode, parent: GraphQLNamedType, inProgress: ReadonlySet<string>): T =>
    fold.combine(
      selections.selections.map((selection) => {
        if (selection.kind === Kind.FIELD) {
          const definition = isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[selection.name.value] : undefined;
          const below = definition && selection.selectionSet ? foldSet(selection.selectionSet, getNamedType(definition.type), inProgress) : fold.empty;
          return fold.field(parent, selection, definition, below);
        }
        if (selection.kind === Kind.INLINE_FRAGMENT) {
          const type = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
          return type ? foldSet(selection.selectionSet, type, inProgress) : fold.empty;
        }
        const name = selection.name.value;
        const fragment = fragments.get(name);
        const type = fragment && schema.getType(fragment.typeCondition.name.value);
        // A cycle is refused by validation before anything runs; here it only must not loop.
        if (!fragment || !type || inProgress.has(name)) return fold.empty;
        let result = folded.get(name);
        if (result === undefined) {
          result = foldSet(fragment.selectionSet, type, new Set(inProgress).add(name));
          folded.set(name, result);
        }
        return result;
      }),
    );

  return foldSet(operation.selectionSet, root, new Set());
}
