import { maxAliasesPlugin } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthPlugin } from '@escape.tech/graphql-armor-max-depth';
import { maxTokensPlugin } from '@escape.tech/graphql-armor-max-tokens';
import { GraphQLError, Lexer, Source, TokenKind, type ExecutionArgs, type ValidationContext, type ValidationRule } from 'graphql';
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
 * SSE and WebSocket alike. Bracket nesting is checked before parsing and tokens are counted
 * while parsing (a huge document is cut off early); depth, aliases and directives are
 * validation rules; cost needs the variables and is priced just before execution. A refused
 * operation reaches no resolver.
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
    // After the token plugin, whose parser it wraps.
    useNestingLimit(limits.maxTokens),
    maxDepthPlugin({ n: limits.maxDepth, ...reportAs('depth') }),
    maxAliasesPlugin({ n: limits.maxAliases, ...reportAs('aliases') }),
    { onValidate: ({ addValidationRule }) => addValidationRule(maxDirectivesRule(limits.maxDirectives)) },
    useCostLimit(limits.maxCost),
  ] as Plugin[];
}

/**
 * Brackets nested deeper than this are refused before parsing. graphql-js parses selections
 * and list and object literals recursively, and a process runs out of stack at about 2,000
 * levels; the deepest selection allowed (MAX_DEPTH, at most 100) with its arguments stays far
 * below.
 */
export const maxNesting = 256;

/**
 * Counts bracket nesting with the lexer (a loop, not recursion) before graphql-js' recursive
 * parser runs. Only the first maxTokens tokens are looked at: past them the token limit
 * refuses the document anyway. It wraps the parse function, so a document Yoga already has
 * parsed (its parse cache) is not looked at again.
 */
function useNestingLimit(maxTokens: number): Plugin {
  const check = (source: string | Source) => {
    const lexer = new Lexer(typeof source === 'string' ? new Source(source) : source);
    let depth = 0;
    for (let count = 0; count <= maxTokens; count += 1) {
      let token;
      try {
        token = lexer.advance();
      } catch {
        return; // A syntax error: the parser reports it.
      }
      if (token.kind === TokenKind.EOF) return;
      if (token.kind === TokenKind.BRACE_L || token.kind === TokenKind.BRACKET_L || token.kind === TokenKind.PAREN_L) depth += 1;
      else if (token.kind === TokenKind.BRACE_R || token.kind === TokenKind.BRACKET_R || token.kind === TokenKind.PAREN_R) depth -= 1;
      if (depth > maxNesting) throw limitError('depth', `The document nests brackets more than ${maxNesting} deep.`);
    }
  };
  return {
    onParse({ parseFn, setParseFn }) {
      setParseFn((source, options) => {
        check(source);
        return parseFn(source, options);
      });
    },
  };
}

/**
 * Directives written in the document, counted as written: a fragment's own directives once,
 * and one more for each directive on a spread of it. (graphql-armor's count drops the
 * directives on a fragment's second and later spreads, so `...F @include(if: true)` repeated
 * would pass any limit.)
 */
function maxDirectivesRule(max: number): ValidationRule {
  return (context) => {
    let count = 0;
    return {
      Directive: () => void (count += 1),
      Document: {
        leave: () => {
          if (count > max) context.reportError(limitError('directives', `Directives limit of ${max} exceeded, found ${count}.`));
        },
      },
    };
  };
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
