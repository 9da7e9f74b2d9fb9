import { maxAliasesPlugin } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthPlugin } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesPlugin } from '@escape.tech/graphql-armor-max-directives';
import { maxTokensPlugin } from '@escape.tech/graphql-armor-max-tokens';
import { GraphQLError, type ExecutionArgs, type ValidationContext } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { OperationLimits } from '../config.ts';
import { operationCost } from './cost.ts';

export type LimitName = 'depth' | 'aliases' | 'directives' | 'tokens' | 'cost' | 'bodySize' | 'socketOperations';

/** A refusal by one of the limits: BAD_USER_INPUT, naming the limit in extensions.limit. */
export function limitError(limit: LimitName, message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', limit } });
}

/**
 * The bounds on what one operation may ask for, as envelop plugins, so they hold over HTTP,
 * SSE and WebSocket alike. Tokens are counted while parsing (a huge document is cut off
 * early); depth, aliases and directives are validation rules; cost needs the variables and
 * is priced just before execution. A refused operation reaches no resolver.
 */
export function useOperationLimits(limits: OperationLimits): Plugin[] {
  // graphql-armor words its errors as syntax errors; ours keep its numbers and get a code.
  const reportAs = (limit: LimitName) => ({
    propagateOnRejection: false,
    onReject: [(context: ValidationContext | null, error: GraphQLError) => context?.reportError(limitError(limit, error.message.replace(/^Syntax Error: /, '')))],
  });
  const tokens = maxTokensPlugin({
    n: limits.maxTokens,
    // The parser stops at the first token over the limit and throws this error itself.
    onReject: [
      (_context: unknown, error: GraphQLError) => {
        error.message = error.message.replace(/^Syntax Error: /, '');
        Object.assign(error.extensions, { code: 'BAD_USER_INPUT', limit: 'tokens' });
      },
    ],
  });
  return [
    tokens,
    maxDepthPlugin({ n: limits.maxDepth, ...reportAs('depth') }),
    maxAliasesPlugin({ n: limits.maxAliases, ...reportAs('aliases') }),
    maxDirectivesPlugin({ n: limits.maxDirectives, ...reportAs('directives') }),
    useCostLimit(limits.maxCost),
  ] as Plugin[];
}

function useCostLimit(maxCost: number): Plugin {
  const check = (args: ExecutionArgs, stop: (result: { errors: GraphQLError[] }) => void) => {
    const cost = operationCost(args.schema, args.document, args.operationName, args.variableValues);
    if (cost > maxCost) stop({ errors: [limitError('cost', `The operation costs ${cost}, more than the ${maxCost} allowed: ask for smaller pages or fewer nested lists.`)] });
  };
  return {
    onExecute: ({ args, setResultAndStopExecution }) => check(args, setResultAndStopExecution),
    onSubscribe: ({ args, setResultAndStopExecution }) => check(args, setResultAndStopExecution),
  };
}
