import {
  GraphQLError,
  specifiedRules,
  validate,
  ValuesOfCorrectTypeRule,
  visitInParallel,
  type ExecutionResult,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';

/**
 * Bad argument values are BAD_USER_INPUT naming the field, however they arrive: written into
 * the document (`locale: FR`, caught by graphql-js' validation) or sent as variables (caught
 * when the variables are coerced, before any resolver runs). graphql-js gives the first no code
 * of ours and the second no code at all; this plugin adds `code` and `field` to both. Other
 * document errors (an unknown field, a missing argument) keep GRAPHQL_VALIDATION_FAILED: they
 * are mistakes in the client's code, not in what its user typed.
 */
export function useInputErrorCodes(): Plugin {
  return {
    onValidate({ setValidationFn }) {
      setValidationFn((schema, document, rules, typeInfo, options) =>
        validate(schema, document, (rules ?? specifiedRules).map((rule: ValidationRule) => (rule === ValuesOfCorrectTypeRule ? valuesAsUserInput : rule)), typeInfo, options),
      );
    },
    onExecute: () => ({ onExecuteDone: ({ result, setResult }) => setResult(withVariableCodes(result as ExecutionResult)) }),
    onSubscribe: () => ({ onSubscribeResult: ({ result, setResult }) => setResult(withVariableCodes(result as ExecutionResult)) }),
  };
}

const asUserInput = (error: GraphQLError, field: string) =>
  new GraphQLError(error.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    originalError: error.originalError,
    extensions: { ...error.extensions, code: 'BAD_USER_INPUT', ...(field ? { field } : {}) },
  });

/** graphql-js' ValuesOfCorrectTypeRule, its errors made BAD_USER_INPUT with the argument path ("input.locale"). */
const valuesAsUserInput: ValidationRule = (context: ValidationContext) => {
  const path: string[] = [];
  const reporting = Object.create(context, {
    reportError: { value: (error: GraphQLError) => context.reportError(asUserInput(error, path.join('.'))) },
  }) as ValidationContext;
  const track = {
    enter: (node: { name: { value: string } }) => void path.push(node.name.value),
    leave: () => void path.pop(),
  };
  return visitInParallel([{ Argument: track, ObjectField: track }, ValuesOfCorrectTypeRule(reporting)]);
};

/**
 * A result with errors and no data at all comes from variable coercion: nothing ran. graphql-js
 * names the place in its message ('Variable "$input" got invalid value "FR" at "input.locale"').
 */
function withVariableCodes<Result>(result: Result): Result {
  const execution = result as ExecutionResult;
  if (!execution || 'data' in execution || !execution.errors?.length) return result;
  const errors = execution.errors.map((error) => {
    if (error.extensions?.code) return error;
    const field = /at "([^"]+)"/.exec(error.message)?.[1] ?? /^Variable "\$([^"]+)"/.exec(error.message)?.[1] ?? '';
    return asUserInput(error, field);
  });
  return { ...execution, errors } as Result;
}
