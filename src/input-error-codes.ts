import {
  GraphQLError,
  specifiedRules,
  validate,
  ValuesOfCorrectTypeRule,
  visit,
  visitInParallel,
  type DocumentNode,
  type ExecutionResult,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { badInput } from './errors.ts';

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
    onExecute: ({ args, setResultAndStopExecution }) => {
      refuseNul(args.document, args.variableValues, setResultAndStopExecution);
      return { onExecuteDone: ({ result, setResult }) => setResult(withVariableCodes(result as ExecutionResult)) };
    },
    onSubscribe: ({ args, setResultAndStopExecution }) => {
      refuseNul(args.document, args.variableValues, setResultAndStopExecution);
      return { onSubscribeResult: ({ result, setResult }) => setResult(withVariableCodes(result as ExecutionResult)) };
    },
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

/**
 * U+0000 in any string, written in the document or sent in the variables, is BAD_USER_INPUT
 * naming where: PostgreSQL cannot store it in text (nor compare with it), and nobody types it.
 */
function refuseNul(document: DocumentNode, variables: Record<string, unknown> | null | undefined, stop: (result: ExecutionResult) => void): void {
  const field = nulInVariables(variables) ?? nulInDocument(document);
  if (field !== null) stop({ errors: [badInput(field, 'contains a NUL character (U+0000), which is not allowed in text')] });
}

function nulInVariables(variables: Record<string, unknown> | null | undefined): string | null {
  // A loop, not recursion: variables may nest as deep as the body limit lets JSON go.
  const pending: [unknown, string][] = Object.entries(variables ?? {}).map(([name, value]) => [value, name]);
  while (pending.length > 0) {
    const [value, path] = pending.pop()!;
    if (typeof value === 'string' && value.includes('\0')) return path;
    if (value && typeof value === 'object') {
      for (const [key, inner] of Object.entries(value)) pending.push([inner, Array.isArray(value) ? path : `${path}.${key}`]);
    }
  }
  return null;
}

function nulInDocument(document: DocumentNode): string | null {
  const path: string[] = [];
  let found: string | null = null;
  const track = {
    enter: (node: { name: { value: string } }) => void path.push(node.name.value),
    leave: () => void path.pop(),
  };
  visit(document, {
    Argument: track,
    ObjectField: track,
    StringValue: (node) => {
      if (found === null && node.value.includes('\0')) found = path.join('.');
    },
  });
  return found;
}
