import { GraphQLError, NoSchemaIntrospectionCustomRule, type ExecutionResult } from 'graphql';
import type { Plugin } from 'graphql-yoga';

/**
 * Refuses introspection (__schema, __type) as a validation rule, so it holds on every
 * transport: Yoga's own plugin only sees requests that came over HTTP.
 */
export function useIntrospectionOff(): Plugin {
  return {
    onValidate: ({ addValidationRule }) => addValidationRule(NoSchemaIntrospectionCustomRule),
  };
}

/** graphql-js' hints: `Did you mean "me"?`, `Did you mean the enum value "EN" or "ES"?`. */
const suggestion = /\s*Did you mean [^?]*\?/g;

/**
 * Leaves graphql-js' suggestions out of every error it writes, which would otherwise map the
 * schema for a caller that has no introspection: validation errors, and the variable
 * coercion errors that come back from execution.
 */
export function useSuggestionsHidden(): Plugin {
  const hide = (errors: readonly GraphQLError[]) =>
    errors.map((error) =>
      error.message.includes('Did you mean')
        ? new GraphQLError(error.message.replace(suggestion, ''), { nodes: error.nodes, source: error.source, positions: error.positions, path: error.path, originalError: error.originalError, extensions: error.extensions })
        : error,
    );
  const hideInResult = ({ result, setResult }: { result: unknown; setResult: (result: ExecutionResult) => void }) => {
    const execution = result as ExecutionResult;
    if (execution?.errors?.length) setResult({ ...execution, errors: hide(execution.errors) });
  };
  return {
    onValidate: () => ({ result, setResult }) => {
      if (result.length > 0) setResult(hide(result as GraphQLError[]));
    },
    onExecute: () => ({ onExecuteDone: hideInResult }),
    onSubscribe: () => ({ onSubscribeResult: hideInResult }),
  };
}
