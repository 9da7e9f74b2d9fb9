// Seeded fuzzing over real HTTP: the operations the web client and the bot really send (plus a
// few written here), mutated at random in their text, their variables and their envelope, sent
// anonymously, signed in and as the bot. Whatever arrives, the server must answer below 500
// with a JSON body of data or errors, each error with a code and no internals, and never with
// INTERNAL_SERVER_ERROR (an unexpected error is a bug, whatever the input).
import { encodeGlobalID } from '@pothos/plugin-relay';
import {
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  Kind,
  Lexer,
  parse,
  print,
  Source,
  TokenKind,
  typeFromAST,
  validate,
  type DocumentNode,
  type GraphQLInputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as telegramOperations from '../clients/telegram/src/generated/graphql.ts';
import * as webOperations from '../clients/web/src/generated/graphql.ts';
import { createRandom, type Random } from '../prisma/seed/random.ts';
import { buildSchema } from '../src/schema.ts';
import { internalsIn, startHostileServer, type HostileServer, type WireAnswer } from './utils/hostile-http.ts';
import { serviceKey, ok } from './utils/test-app.ts';
import { befriend, signUp, type TestUser } from './utils/users.ts';

/** Fixed so a failure can be replayed; FUZZ_SEED picks another sequence. */
const seed = Number(process.env.FUZZ_SEED ?? 0x5eed_c0de);
/** Cases stop being started after this long… */
const budgetMs = 40_000;
/** …or after this many, whichever comes first. */
const maxCases = 6_000;
/** Fewer than this means the run did not fuzz enough to count. */
const minCases = 2_000;
/** Requests in flight at once: enough to overlap, few enough for a 2-core machine. */
const concurrency = 8;
/** A request unanswered after this long counts as a hang. */
const answerMs = 15_000;

/** Operations written here to reach what the clients' documents do not (node, paging both ways, introspection). */
const handWritten = [
  `query Node($id: ID!) { node(id: $id) { id __typename ... on User { handle friendship } ... on Conversation { kind title lastSeq } ... on Message { text seq author { handle } } ... on Notification { notificationKind: kind notificationText: text } } }`,
  `query Search($query: String!, $first: Int, $after: String, $last: Int, $before: String) { searchUsers(query: $query, first: $first, after: $after, last: $last, before: $before) { edges { cursor node { id handle displayName friendship mutualFriends(first: 2) { edges { node { handle } } } } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }`,
  `query Person($handle: String!, $first: Int, $after: String, $last: Int, $before: String) { user(handle: $handle) { id handle friendCount friendship friends(first: $first, after: $after, last: $last, before: $before) { edges { cursor node { handle } } } activities(first: $first, after: $after) { edges { cursor node { text createdAt } } } } }`,
  `query Thread($id: ID!, $last: Int, $before: String, $first: Int, $after: String, $around: ID) { conversation(id: $id) { id kind unreadCount myRole members(first: 5) { edges { cursor node { role readSeq user { handle } } } } messages(last: $last, before: $before, first: $first, after: $after, around: $around) { edges { cursor node { id seq text reactions { emoji count reactedByMe } replyTo { id } } } pageInfo { hasNextPage hasPreviousPage } } } }`,
  `query Lists($first: Int, $after: String, $last: Int, $before: String, $unreadOnly: Boolean) { me { friends(first: $first, after: $after, last: $last, before: $before) { edges { cursor node { handle } } } incomingRequests(first: $first, after: $after) { edges { cursor } } outgoingRequests(first: $first, after: $after) { edges { cursor } } conversations(first: $first, after: $after) { edges { cursor node { id } } } notifications(first: $first, after: $after, unreadOnly: $unreadOnly) { edges { cursor node { id kind text subject { id __typename } actor { handle } } } } friendSuggestions(first: $first, after: $after) { edges { cursor mutualCount mutualFriends(first: 3) { handle } node { handle } } } } }`,
  `mutation Send($input: SendMessageInput!) { sendMessage(input: $input) { id seq text replyTo { id } } }`,
  `mutation React($input: ReactionInput!) { toggleReaction(input: $input) { id reactions { emoji count reactedByMe } } }`,
  `mutation Read($input: MarkReadInput!) { markRead(input: $input) { id unreadCount lastSeq } }`,
  `mutation Question($input: QuestionInput!) { upsertQuestion(input: $input) { id name text active intervalMinutes } }`,
  `mutation Activity($input: RecordActivityInput!) { recordActivity(input: $input) { id text } }`,
  `query Introspect { __schema { queryType { name } types { name kind fields { name args { name } } } } }`,
  `query Typename { __typename }`,
];

interface Seed {
  name: string;
  text: string;
  operation: OperationDefinitionNode;
  /** The bot's operations are sent with its service key more often. */
  bot: boolean;
}

/** The runnable operations of a codegen module (its fragment-only exports left out). */
function operationsOf(module: Record<string, unknown>, prefix: string, bot: boolean): Seed[] {
  return Object.entries(module)
    .filter((entry): entry is [string, DocumentNode] => entry[0].endsWith('Document') && (entry[1] as DocumentNode)?.kind === Kind.DOCUMENT)
    .map(([name, document]) => ({ name, document, operation: document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION) as OperationDefinitionNode | undefined }))
    .filter((entry): entry is { name: string; document: DocumentNode; operation: OperationDefinitionNode } => entry.operation !== undefined)
    .map(({ name, document, operation }) => ({ name: `${prefix}.${name}`, text: print(document), operation, bot }));
}

/** Values a fuzzer should try where a well-typed one was expected. */
function hostileValue(random: Random, pools: Pools): unknown {
  switch (random.int(0, 24)) {
    case 0: return String(random.int(-5, 50));
    case 1: return random.pick([0, -1, -0, 1.5, -2147483649, 2147483648, 9007199254740993, 1e308, -1e308, 2 ** 53 + 1, Number.MAX_SAFE_INTEGER]);
    case 2: return { a: 1, b: [2, 'three'] };
    case 3: return [];
    case 4: return random.pick([[1, 2, 3], ['x', null], [[['deep']]]]);
    case 5: return null;
    case 6: return deepObject(random.int(20, 3_000), random.chance(0.5));
    case 7: return random.chance(0.5);
    case 8: return '';
    case 9: return 'x'.repeat(random.int(1_000, 60_000));
    case 10: return random.pick(unicodeSamples);
    case 11: return `a\u0000b${random.pick(['', '\u0000', 'c'])}`;
    case 12: return random.pick(["' OR '1'='1", '1; DROP TABLE "User"; --', '%', '_', '\\', '%_%\\', '$1', '{{x}}', '${x}', '../../etc/passwd']);
    case 13: return random.pick(pools.forgedIds);
    case 14: return random.pick(pools.forgedCursors);
    case 15: return random.pick(['2026-13-45T99:99:99Z', '+275760-09-13T00:00:00.000Z', '-271821-04-20T00:00:00.000Z', '0000-00-00', 'yesterday', '24:00', '23:60', '-01:00', '9:5', '']);
    case 16: return random.pick(['Mars/Olympus', 'UTC', 'Etc/GMT+14', '+01:00', 'europe/madrid', 'Europe/Kyiv', 'A'.repeat(70)]);
    case 17: return random.pick(['FR', 'en', 'EN ', 'ADMIN', 'TELEGRAM', 'SENT', 'ONLY_ME', 'ZZ']);
    case 18: return random.pick(pools.realIds);
    case 19: return random.pick(pools.realCursors);
    case 20: return random.pick(pools.handles);
    case 21: return random.int(-1_000_000, 1_000_000);
    case 22: return random.pick([Number.MIN_SAFE_INTEGER, -2147483648, 2147483647, 100, 101, 500, 501, 1000, 1001, 3650, 3651, 4096, 4097]);
    case 23: return { __proto__: { polluted: true }, constructor: { prototype: { polluted: true } }, toString: 'x' };
    default: return random.pick(['🎉', '👍', '❤️', '🔥', '😂', '💩', 'x', ':)']);
  }
}

const unicodeSamples = [
  '\u202eevil\u202c',
  'zero\u200bwidth\u200d',
  'Z\u0351\u0352\u0353a\u0354\u0355l\u0356\u0357g\u0358o',
  '\ud800',
  '\udfff\ud800',
  '\ufeffbom',
  'line\u2028sep\u2029',
  '𝔘𝔫𝔦𝔠𝔬𝔡𝔢 🧑‍🤝‍🧑',
  'ＡＢＣ１２３',
  'İıß',
  '\u0000',
  '\u001f\u007f',
];

/** An object or array nested `depth` deep, built without recursion. */
function deepObject(depth: number, arrays: boolean): unknown {
  let value: unknown = 'bottom';
  for (let level = 0; level < depth; level += 1) value = arrays ? [value] : { a: value };
  return value;
}

interface Pools {
  handles: string[];
  realIds: string[];
  forgedIds: string[];
  realCursors: string[];
  forgedCursors: string[];
  operationNames: string[];
}

/**
 * A value of the scalar's own type that a resolver must still cope with: forged ids and
 * cursors, empty, huge or strange text, integers at and past every bound.
 */
function edgeValue(random: Random, scalar: string, pools: Pools): unknown {
  switch (scalar) {
    case 'Int':
      return random.pick([0, -1, -2147483648, 2147483647, 1, 2, 29, 30, 99, 100, 101, 500, 501, 1000, 1001, 1440, 1441, 3650, 3651, 4096, 4097]);
    case 'Float':
      return random.pick([0, -0, -1, 1e308, -1e308, 5e-324]);
    case 'Boolean':
      return random.chance(0.5);
    case 'DateTime':
      return random.pick(['2026-13-45T99:99:99Z', '+275760-09-13T00:00:00.000Z', '-271821-04-20T00:00:00.000Z', '1970-01-01T00:00:00.000Z', '2026-02-30', 'yesterday', '']);
    case 'ID':
      return random.pick([...pools.forgedIds, ...pools.realIds, ...pools.realCursors]);
    default:
      return random.pick([
        ...pools.forgedIds,
        ...pools.forgedCursors,
        ...pools.realCursors,
        ...pools.handles,
        ...unicodeSamples,
        '',
        '   ',
        'x'.repeat(random.pick([65, 101, 129, 2001, 4001, 4097, 20_000])),
        "' OR '1'='1",
        '%',
        '_%',
        '\\',
        'a\u0000b',
        '24:00',
        '23:60',
        '9:5',
        'Mars/Olympus',
        'Etc/GMT+14',
        '+01:00',
        '💩',
      ]);
  }
}

/**
 * A well-typed value for `type`, drawn from real ids, handles and cursors; each scalar is
 * swapped for an edge value of the same type with probability `spoil`.
 */
function plausibleValue(random: Random, type: GraphQLInputType, name: string, pools: Pools, spoil: number, depth = 0): unknown {
  if (isNonNullType(type)) return plausibleValue(random, type.ofType, name, pools, spoil, depth);
  if (isListType(type)) return Array.from({ length: random.int(0, 3) }, () => plausibleValue(random, type.ofType, name, pools, spoil, depth + 1));
  if (isEnumType(type)) return random.pick(type.getValues()).name;
  if (isInputObjectType(type)) {
    const value: Record<string, unknown> = {};
    for (const field of Object.values(type.getFields())) {
      if (isNonNullType(field.type) || (depth < 3 && random.chance(0.6))) value[field.name] = plausibleValue(random, field.type, field.name, pools, spoil, depth + 1);
    }
    return value;
  }
  const lower = name.toLowerCase();
  if (isScalarType(type) && random.chance(spoil)) return edgeValue(random, type.name, pools);
  if (isScalarType(type)) {
    switch (type.name) {
      case 'Int':
        if (/seq/.test(lower)) return random.int(0, 6);
        if (/minutes/.test(lower)) return random.pick([30, 60, 120, 1440]);
        if (/days/.test(lower)) return random.int(1, 30);
        if (/seconds/.test(lower)) return random.int(5, 120);
        return random.int(1, 20);
      case 'Float':
        return random.next() * 10;
      case 'Boolean':
        return random.chance(0.5);
      case 'ID':
        return random.pick(pools.realIds);
      case 'DateTime':
        return new Date(Date.now() - random.int(0, 86_400_000)).toISOString();
      default:
        if (/handle|query/.test(lower)) return random.pick(pools.handles);
        if (/after|before|cursor/.test(lower)) return random.pick(pools.realCursors);
        if (/password/.test(lower)) return 'password-123';
        if (/timezone/.test(lower)) return random.pick(['Europe/Madrid', 'America/New_York', 'UTC']);
        if (/window/.test(lower)) return random.pick(['09:00', '22:30', '00:00']);
        if (/emoji/.test(lower)) return random.pick(['👍', '❤️', '🎉']);
        if (/telegramid|chatid|externalid/.test(lower)) return String(random.int(1, 1e9));
        if (/code/.test(lower)) return String(random.int(100000, 999999));
        if (/languagecode/.test(lower)) return random.pick(['en', 'ru', 'es', 'de']);
        return random.pick(['hello there', 'Fuzz', 'x', 'a longer text with words', 'Привет', '¡hola!']);
    }
  }
  return null;
}

/** Replaces one value somewhere inside `value` (or `value` itself, unless `top`) with `replacement`. */
function replaceSomewhere(random: Random, value: unknown, replacement: () => unknown, top = false): unknown {
  if (value === null || typeof value !== 'object' || (!top && random.chance(0.3))) return replacement();
  if (Array.isArray(value)) {
    if (value.length === 0) return [replacement()];
    const copy = [...value];
    const index = random.int(0, copy.length - 1);
    copy[index] = replaceSomewhere(random, copy[index], replacement);
    return copy;
  }
  const keys = Object.keys(value);
  if (keys.length === 0) return { [random.pick(['x', 'text', 'id'])]: replacement() };
  const key = random.pick(keys);
  return { ...(value as Record<string, unknown>), [key]: replaceSomewhere(random, (value as Record<string, unknown>)[key], replacement) };
}

/** Token spans of a document, when it lexes. */
function tokenSpans(text: string): { start: number; end: number; kind: string }[] {
  const spans: { start: number; end: number; kind: string }[] = [];
  const lexer = new Lexer(new Source(text));
  try {
    for (let token = lexer.advance(); token.kind !== TokenKind.EOF; token = lexer.advance()) spans.push({ start: token.start, end: token.end, kind: token.kind });
  } catch {
    // A document a previous mutation broke lexes only up to there.
  }
  return spans;
}

const punctuation = ['{', '}', '(', ')', '[', ']', ':', '!', '$', '@', '=', '|', '&', '.', '...', ',', '"', '"""', '#', '\\', '`', "'", ';', '<', '>', '?', '*', '%', '^', '~'];
const hugeNumbers = ['99999999999999999999999999', '-2147483649', '2147483648', '-1', '-0', '0', '1e309', '-1.5e-400', '0x10', '1_000', '00012', '9'.repeat(400), '1.7976931348623157e309'];

const textMutationNames = [
  'chars deleted',
  'chars duplicated',
  'chars swapped',
  'token deleted',
  'token duplicated',
  'tokens swapped',
  'punctuation inserted',
  'unicode inserted',
  'NUL inserted',
  'number or name replaced by a number',
  'variable replaced by a literal',
  'field inserted',
  'truncated',
  'name replaced',
  'directive inserted',
  'fragment spread inserted',
  'operation repeated',
  'operation name removed',
  'string or comment opened',
  'number inserted',
];

/** One textual mutation of a document, and what it was. */
function mutateText(random: Random, text: string, pools: Pools): [string, string] {
  const choice = random.int(0, textMutationNames.length - 1);
  return [mutateTextBy(choice, random, text, pools), textMutationNames[choice]!];
}

function mutateTextBy(choice: number, random: Random, text: string, pools: Pools): string {
  const at = () => random.int(0, text.length);
  const spans = tokenSpans(text);
  const span = () => random.pick(spans);
  const insert = (what: string) => {
    const position = at();
    return text.slice(0, position) + what + text.slice(position);
  };
  switch (choice) {
    case 0: {
      const start = at();
      return text.slice(0, start) + text.slice(start + random.int(1, 6));
    }
    case 1: {
      const start = at();
      const end = Math.min(text.length, start + random.int(1, 12));
      return text.slice(0, end) + text.slice(start, end) + text.slice(end);
    }
    case 2: {
      if (text.length < 2) return text;
      const chars = [...text];
      const a = random.int(0, chars.length - 1);
      const b = random.int(0, chars.length - 1);
      [chars[a], chars[b]] = [chars[b]!, chars[a]!];
      return chars.join('');
    }
    case 3: {
      if (spans.length === 0) return text;
      const token = span();
      return text.slice(0, token.start) + text.slice(token.end);
    }
    case 4: {
      if (spans.length === 0) return text;
      const token = span();
      return text.slice(0, token.end) + ' ' + text.slice(token.start, token.end) + text.slice(token.end);
    }
    case 5: {
      if (spans.length < 2) return text;
      let [a, b] = [span(), span()];
      if (a.start > b.start) [a, b] = [b, a];
      if (a.end > b.start) return text;
      return text.slice(0, a.start) + text.slice(b.start, b.end) + text.slice(a.end, b.start) + text.slice(a.start, a.end) + text.slice(b.end);
    }
    case 6:
      return insert(random.pick(punctuation));
    case 7:
      return insert(random.pick(unicodeSamples));
    case 8:
      return insert('\u0000');
    case 9: {
      // A huge, negative or malformed number in place of a number or a name.
      const numbers = spans.filter((token) => token.kind === TokenKind.INT || token.kind === TokenKind.NAME);
      if (numbers.length === 0) return insert(random.pick(hugeNumbers));
      const token = random.pick(numbers);
      return text.slice(0, token.start) + random.pick(hugeNumbers) + text.slice(token.end);
    }
    case 10: {
      // A variable replaced by a literal of any kind.
      const variables = [...text.matchAll(/\$[A-Za-z_]\w*/g)].filter((match) => !/\$\w+\s*:/.test(text.slice(match.index!, match.index! + match[0].length + 3)));
      if (variables.length === 0) return text;
      const variable = random.pick(variables);
      const literal = random.pick([...hugeNumbers, '"x"', 'null', 'true', '[]', '[1, [2]]', '{ a: 1 }', 'ENUM_VALUE', `"${random.pick(pools.realIds)}"`, `"""${random.pick(unicodeSamples)}"""`, '"\\u{1F600}"', '"\\uD800"', '"\\x41"', '$undeclared']);
      return text.slice(0, variable.index!) + literal + text.slice(variable.index! + variable[0].length);
    }
    case 11: {
      const braces = [...text.matchAll(/\{/g)];
      if (braces.length === 0) return text;
      const brace = random.pick(braces);
      const field = random.pick(['nonexistentField', '__typename', 'id', 'password', 'passwordHash', '__schema { types { name } }', '__type(name: "User") { name }', 'me { user { id } }', 'node(id: "x") { id }', 'a: id b: id', 'secret: __typename @deprecated']);
      return text.slice(0, brace.index! + 1) + ` ${field} ` + text.slice(brace.index! + 1);
    }
    case 12:
      return text.slice(0, random.int(0, text.length));
    case 13: {
      const names = spans.filter((token) => token.kind === TokenKind.NAME);
      if (names.length === 0) return text;
      const token = random.pick(names);
      const replacement = random.pick(['query', 'mutation', 'subscription', 'fragment', 'on', 'null', 'true', 'false', 'Query', 'User', '__typename', 'x'.repeat(random.int(1, 300)), 'µ', '_', 'ID', 'String']);
      return text.slice(0, token.start) + replacement + text.slice(token.end);
    }
    case 14:
      return insert(random.pick([' @skip(if: true) ', ' @include(if: $nope) ', ' @include(if: "yes") ', ' @deprecated ', ' @unknown ', ' @skip ', ' @specifiedBy(url: "x") ', ' @defer ', ' @stream(initialCount: 1) ']));
    case 15:
      return insert(random.pick([' ...Missing ', ' ... on User { handle } ', ' ... on Nope { x } ', ' ... { __typename } ', ' ...on ']));
    case 16:
      // Two operations (or a second one of the same name): operationName then matters.
      return `${text}\n${random.chance(0.5) ? text : 'query Other { __typename }'}`;
    case 17:
      return text.replace(/^(query|mutation|subscription)\s+\w+/, '$1');
    case 18:
      return insert(random.pick(['"unterminated', '"""block', '"\\', '"\\u12"', '# comment\n', '#', '\r\n', '\t', '\u00a0', '\ufeff']));
    default:
      return insert(` ${random.pick(hugeNumbers)} `);
  }
}

interface Case {
  index: number;
  /** Which seed operation it started from. */
  from: string;
  /** What was done to it, in order. */
  mutations: string[];
  auth: 'anonymous' | 'user' | 'admin' | 'bot' | 'bad token';
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  /** The request body (POST) or query string (GET), exactly as sent. */
  payload: string;
  /** The document as sent, when there is one: a subscription may be refused with 406. */
  document: string;
}

interface Sessions {
  user: TestUser;
  admin: TestUser;
}

/** Builds case `index` from its own PRNG, so it does not depend on what ran before it. */
function buildCase(index: number, seeds: Seed[], schema: GraphQLSchema, pools: Pools, sessions: Sessions): Case {
  const random = createRandom((seed ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0);
  const source = random.pick(seeds);
  const mutations: string[] = [];
  let text = source.text;

  // Three kinds of case: well-typed variables with edge values (they reach the resolvers),
  // variables of the wrong shape (they meet coercion), and broken documents (parser, validation).
  const kind = random.pick(['edge values', 'edge values', 'wrong shapes', 'broken text'] as const);
  mutations.push(kind);
  let variables: unknown = {};
  const spoil = kind === 'edge values' ? random.pick([0.1, 0.3, 0.6]) : 0;
  for (const definition of source.operation.variableDefinitions ?? []) {
    const type = typeFromAST(schema, definition.type as any) as GraphQLInputType | undefined;
    if (!type || (!isNonNullType(type) && random.chance(0.3))) continue;
    (variables as Record<string, unknown>)[definition.variable.name.value] = plausibleValue(random, type, definition.variable.name.value, pools, spoil);
  }
  const variableMutations = kind === 'wrong shapes' ? random.int(1, 3) : 0;
  for (let step = 0; step < variableMutations; step += 1) {
    const choice = random.int(0, 11);
    if (choice <= 7) {
      variables = replaceSomewhere(random, variables, () => hostileValue(random, pools), true);
      mutations.push('variables: hostile value');
    } else if (choice <= 9 && variables && typeof variables === 'object' && !Array.isArray(variables)) {
      const keys = Object.keys(variables);
      if (keys.length > 0) delete (variables as Record<string, unknown>)[random.pick(keys)];
      mutations.push('variables: one removed');
    } else if (choice === 10 && variables && typeof variables === 'object' && !Array.isArray(variables)) {
      (variables as Record<string, unknown>)[random.pick(['extra', 'input', '__proto__', 'constructor', 'first'])] = hostileValue(random, pools);
      mutations.push('variables: one added');
    } else {
      variables = random.pick([null, [], 'variables', 42, [{ input: {} }], true]);
      mutations.push('variables: not an object');
    }
  }

  const textMutations = kind === 'broken text' ? random.int(1, 3) : 0;
  for (let step = 0; step < textMutations; step += 1) {
    const [mutated, what] = mutateText(random, text, pools);
    mutations.push(`text: ${what}${mutated === text ? ' (no change)' : ''}`);
    text = mutated;
  }

  // Who sends it.
  const auth = source.bot && random.chance(0.6) ? 'bot' : random.pick(['anonymous', 'user', 'user', 'user', 'admin', 'admin', 'bot', 'bad token'] as const);
  const headers: Record<string, string> = { accept: random.pick(['application/graphql-response+json, application/json', 'application/json', 'application/graphql-response+json']) };
  if (auth === 'user') headers.authorization = `Bearer ${sessions.user.token}`;
  if (auth === 'admin') headers.authorization = `Bearer ${sessions.admin.token}`;
  if (auth === 'bot') headers['x-service-key'] = serviceKey;
  // The bot acts for a person with their token, or alone with its key.
  if (auth === 'bot' && random.chance(0.5)) headers.authorization = `Bearer ${sessions.user.token}`;
  if (auth === 'bad token') headers.authorization = random.pick(['Bearer ', 'Bearer x', 'Basic Zm9vOmJhcg==', `Bearer ${sessions.user.token.slice(0, -3)}abc`, `Bearer ${'a'.repeat(5_000)}`, 'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.', `bearer ${sessions.user.token}`]);

  // The envelope.
  let operationName: unknown = source.operation.name?.value;
  if (random.chance(0.06)) {
    operationName = random.pick([...pools.operationNames, '', 'Nope', null, 42, { name: 'x' }, ['A'], 'x'.repeat(500)]);
    mutations.push('operationName');
  }
  const envelope: Record<string, unknown> = { query: text, variables, operationName };
  if (random.chance(0.05)) {
    envelope.extensions = random.pick([{ persistedQuery: { version: 1, sha256Hash: 'abc' } }, 'x', [], null, { a: deepObject(200, false) }]);
    mutations.push('extensions');
  }
  if (random.chance(0.03)) {
    envelope.query = random.pick([null, 42, ['{ __typename }'], { query: text }, '', '   ']);
    mutations.push('query not a string');
  }

  const useGet = random.chance(0.08);
  if (useGet) {
    const params = new URLSearchParams();
    params.set('query', typeof envelope.query === 'string' ? envelope.query : String(envelope.query));
    if (random.chance(0.7)) params.set('variables', JSON.stringify(variables));
    if (typeof operationName === 'string') params.set('operationName', operationName);
    mutations.push('GET');
    return { index, from: source.name, mutations, auth, method: 'GET', headers, payload: params.toString(), document: text };
  }

  let payload = JSON.stringify(envelope);
  if (random.chance(0.03)) {
    const raw = random.int(0, 4);
    if (raw === 0) payload = payload.slice(0, random.int(0, payload.length));
    else if (raw === 1) payload = payload.replace(/"query"/, '"query" "query"');
    else if (raw === 2) payload = `${payload}\u0000`;
    else if (raw === 3) payload = payload.replace(/:/, ': NaN, "x":');
    else payload = `[${payload},${payload}]`;
    mutations.push(`raw body ${raw}`);
  }
  if (random.chance(0.04)) {
    headers['content-type'] = random.pick(['text/plain', 'application/graphql', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/json; charset=latin1', 'application/xml']);
    mutations.push(`content-type ${headers['content-type']}`);
  } else {
    headers['content-type'] = 'application/json';
  }
  return { index, from: source.name, mutations, auth, method: 'POST', headers, payload, document: text };
}

/** What is wrong with an answer, by the fuzz's rules; empty when nothing is. */
function problemsWith(fuzzCase: Case, answer: WireAnswer): string[] {
  const problems: string[] = [];
  if (answer.status >= 500) problems.push(`HTTP ${answer.status}`);
  // Refusals before GraphQL, which carry no GraphQL body: a subscription asked for without
  // text/event-stream (406), a content type that is not JSON (415), a request line or headers
  // over Node's limit (431).
  if (answer.text === '' && ((answer.status === 406 && /subscription/.test(fuzzCase.document)) || answer.status === 415 || answer.status === 431)) return problems;
  if (!answer.body || typeof answer.body !== 'object') return [...problems, 'the body is not JSON'];
  const { data, errors } = answer.body;
  if (data === undefined && errors === undefined) problems.push('neither data nor errors');
  if (errors !== undefined && (!Array.isArray(errors) || errors.length === 0)) problems.push('errors is not a non-empty list');
  for (const error of Array.isArray(errors) ? errors : []) {
    const code = error?.extensions?.code;
    if (typeof code !== 'string') problems.push(`an error without a code: ${String(error?.message).slice(0, 120)}`);
    if (code === 'INTERNAL_SERVER_ERROR') problems.push(`INTERNAL_SERVER_ERROR at ${(error.path ?? ['(no path)']).join('.')}`);
    if (code === 'SERVICE_UNAVAILABLE') problems.push('SERVICE_UNAVAILABLE with the database up');
    const leaked = internalsIn(`${error?.message ?? ''} ${JSON.stringify(error?.extensions ?? {})}`);
    if (leaked) problems.push(`internal text (${leaked}) in: ${String(error?.message).slice(0, 200)}`);
  }
  return problems;
}

describe('fuzzing the HTTP API with mutated client operations', () => {
  let s: HostileServer;
  let schema: GraphQLSchema;
  let seeds: Seed[];
  let pools: Pools;
  let sessions: Sessions;

  beforeAll(async () => {
    s = await startHostileServer({ ADMIN_HANDLES: 'fuzz_admin' });
    schema = buildSchema();
    seeds = [
      ...operationsOf(webOperations, 'web', false),
      ...operationsOf(telegramOperations, 'telegram', true),
      ...handWritten.map((text) => {
        const document = parse(text);
        return { name: `hand.${(document.definitions[0] as OperationDefinitionNode).name?.value}`, text: print(document), operation: document.definitions[0] as OperationDefinitionNode, bot: false };
      }),
    ];

    // A small real world for the operations to act on: friends, a conversation with messages.
    const user = await signUp(s.t, 'fuzz_user');
    const friend = await signUp(s.t, 'fuzz_friend');
    const admin = await signUp(s.t, 'fuzz_admin');
    await signUp(s.t, 'fuzz_stranger');
    await befriend(s.t, user, friend);
    await befriend(s.t, user, admin);
    const conversation = ok(await s.t.gql(`mutation($h: String!) { openDirectConversation(input: { handle: $h }) { id } }`, { h: friend.handle }, { token: user.token })).openDirectConversation.id as string;
    const messageIds: string[] = [];
    for (const text of ['first', 'second', 'third']) {
      messageIds.push(ok(await s.t.gql(`mutation($c: ID!, $t: String!) { sendMessage(input: { conversationId: $c, text: $t }) { id } }`, { c: conversation, t: text }, { token: user.token })).sendMessage.id);
    }
    const page = ok(await s.t.gql(`{ me { friends(first: 1) { edges { cursor } } conversations(first: 1) { edges { cursor } } } }`, {}, { token: user.token }));
    const messagesPage = ok(await s.t.gql(`query($c: ID!) { conversation(id: $c) { messages(first: 2) { edges { cursor } } } }`, { c: conversation }, { token: user.token }));
    sessions = { user, admin };
    const uuid = '00000000-0000-4000-8000-000000000000';
    pools = {
      handles: ['fuzz_user', 'fuzz_friend', '@Fuzz_Admin', 'fuzz_stranger', 'nobody_here', 'fu', 'x'.repeat(33), 'fuzz'],
      realIds: [user.id, friend.id, admin.id, conversation, ...messageIds],
      forgedIds: [
        encodeGlobalID('User', 'not-a-uuid'),
        encodeGlobalID('User', uuid),
        encodeGlobalID('Conversation', '1'),
        encodeGlobalID('Conversation', uuid.toUpperCase()),
        encodeGlobalID('Message', `${uuid}' OR '1'='1`),
        encodeGlobalID('Broadcast', ''),
        encodeGlobalID('Delivery', `${uuid}.x`),
        encodeGlobalID('Delivery', `${uuid}.99999999999999999999`),
        encodeGlobalID('Delivery', `${uuid}.-1`),
        encodeGlobalID('Notification', uuid),
        encodeGlobalID('CheckInPrompt', uuid),
        encodeGlobalID('Question', 'x'.repeat(200)),
        encodeGlobalID('Activity', uuid),
        encodeGlobalID('Nope', uuid),
        encodeGlobalID('__proto__', uuid),
        Buffer.from('no colon at all').toString('base64'),
        Buffer.from(':').toString('base64'),
        'not base64 at all!',
        '',
        user.rawId,
        `${user.id}=`,
        Buffer.from('User:\u0000').toString('base64'),
      ],
      realCursors: [page.me.friends.edges[0]?.cursor, page.me.conversations.edges[0]?.cursor, ...messagesPage.conversation.messages.edges.map((edge: { cursor: string }) => edge.cursor)].filter(Boolean),
      forgedCursors: [
        Buffer.from('{"handle": 5}').toString('base64'),
        Buffer.from('[1,2,3]').toString('base64'),
        Buffer.from('arrayconnection:-1').toString('base64'),
        Buffer.from('x'.repeat(2_000)).toString('base64'),
        Buffer.from('{"seq":1e400}').toString('base64'),
        Buffer.from('{"createdAt":"not a date","id":"x"}').toString('base64'),
        Buffer.from('null').toString('base64'),
        Buffer.from(JSON.stringify({ mutualCount: -1, handle: null })).toString('base64'),
        '%%%',
        '',
        'A'.repeat(10_000),
      ],
      operationNames: seeds.map((entry) => entry.operation.name?.value ?? ''),
    };
  });
  afterAll(async () => {
    await s.t.close();
  });

  it('should start from documents that are all valid, from both clients and written here', () => {
    expect(seeds.filter((entry) => entry.name.startsWith('web.')).length).toBeGreaterThan(40);
    expect(seeds.filter((entry) => entry.name.startsWith('telegram.')).length).toBeGreaterThan(20);
    for (const entry of seeds) expect(validate(schema, parse(entry.text)), entry.name).toEqual([]);
  });

  it(`should answer every mutated request below 500 with coded, masked errors (seed ${seed})`, { timeout: budgetMs + 35_000 }, async () => {
    const started = performance.now();
    const failures: { fuzzCase: Case; problems: string[]; answer: { status: number; text: string } }[] = [];
    const statuses = new Map<string, number>();
    const codes = new Map<string, number>();
    const count = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);
    let next = 0;
    let ran = 0;

    /** Signs the fuzz users in again when a case signed them out or spent their refresh token. */
    const keepSessionsOpen = async () => {
      for (const [name, session] of Object.entries(sessions) as [keyof Sessions, TestUser][]) {
        const me = await s.post({ query: '{ me { user { id } } }' }, { authorization: `Bearer ${session.token}` });
        if (me.body?.data?.me) continue;
        const signedIn = ok(await s.t.gql(`mutation($h: String!) { signIn(input: { handle: $h, password: "password-123" }) { accessToken } }`, { h: session.handle }));
        sessions[name] = { ...session, token: signedIn.signIn.accessToken };
      }
    };

    const worker = async () => {
      for (;;) {
        if (next >= maxCases || performance.now() - started > budgetMs) return;
        const index = next;
        next += 1;
        if (index > 0 && index % 50 === 0) await keepSessionsOpen();
        const fuzzCase = buildCase(index, seeds, schema, pools, sessions);
        let answer: WireAnswer;
        try {
          answer =
            fuzzCase.method === 'GET'
              ? await s.send({ method: 'GET', path: `/graphql?${fuzzCase.payload}`, headers: fuzzCase.headers, signal: AbortSignal.timeout(answerMs) })
              : await s.send({ method: 'POST', headers: fuzzCase.headers, body: fuzzCase.payload, signal: AbortSignal.timeout(answerMs) });
        } catch (error) {
          failures.push({ fuzzCase, problems: [`no answer: ${(error as Error).message}`], answer: { status: 0, text: '' } });
          ran += 1;
          continue;
        }
        ran += 1;
        count(statuses, String(answer.status));
        for (const error of answer.body?.errors ?? []) count(codes, String(error?.extensions?.code));
        const problems = problemsWith(fuzzCase, answer);
        if (problems.length > 0) failures.push({ fuzzCase, problems, answer: { status: answer.status, text: answer.text.slice(0, 400) } });
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    const seconds = ((performance.now() - started) / 1000).toFixed(1);

    // Failures grouped by what went wrong; the first of each kind is shown before repeats.
    const signature = (problems: string[]) => problems.map((problem) => problem.replace(/\d+/g, 'N').slice(0, 120)).join('; ');
    const byProblem = new Map<string, number>();
    for (const failure of failures) count(byProblem, signature(failure.problems));
    console.log(
      `fuzz: seed ${seed} (0x${seed.toString(16)}), ${ran} cases in ${seconds} s, ${failures.length} failed\n` +
        `  statuses: ${JSON.stringify(Object.fromEntries(statuses))}\n  codes: ${JSON.stringify(Object.fromEntries(codes))}`,
    );

    // Shown in turns across kinds (the first of each, then the second of each…), so one
    // frequent kind does not hide a rare one.
    failures.sort((a, b) => a.fuzzCase.index - b.fuzzCase.index);
    const kinds = [...new Set(failures.map((failure) => signature(failure.problems)))].map((kind) => failures.filter((failure) => signature(failure.problems) === kind));
    const inTurns = Array.from({ length: Math.max(0, ...kinds.map((kind) => kind.length)) }, (_, turn) => kinds.map((kind) => kind[turn]).filter((failure) => failure !== undefined)).flat();
    const shown = inTurns
      .slice(0, 10)
      .map(({ fuzzCase, problems, answer }) =>
        [
          `#${fuzzCase.index} from ${fuzzCase.from} [${fuzzCase.mutations.join(', ') || 'unmutated'}] as ${fuzzCase.auth}: ${problems.join('; ')}`,
          `  request: ${fuzzCase.method} ${JSON.stringify(fuzzCase.headers).replace(/Bearer [\w.-]+/g, 'Bearer …')} ${fuzzCase.payload.slice(0, 700)}`,
          `  answer: ${answer.status} ${answer.text}`,
        ].join('\n'),
      );
    const summary = [...byProblem].sort((a, b) => b[1] - a[1]).map(([problem, times]) => `  ${times} × ${problem}`);
    // Soft, so the health checks below are reported too when cases failed.
    expect.soft(failures.length, `${failures.length} of ${ran} cases failed (seed ${seed}):\n${summary.join('\n')}\n\nfirst ${shown.length}:\n${shown.join('\n\n')}`).toBe(0);
    expect.soft(ran, `only ${ran} cases ran in the time budget`).toBeGreaterThanOrEqual(minCases);

    // The process still answers as it did before the run.
    expect((await fetch(`${s.base}/health`)).status).toBe(200);
    expect((await fetch(`${s.base}/readiness`)).status).toBe(200);
    await keepSessionsOpen();
    const me = await s.post({ query: '{ me { user { handle } } }' }, { authorization: `Bearer ${sessions.user.token}` });
    expect(me.body).toEqual({ data: { me: { user: { handle: 'fuzz_user' } } } });
  });
});
