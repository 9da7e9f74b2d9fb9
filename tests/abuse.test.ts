// An abuse corpus: hostile documents, bodies and variables sent to a real server in production
// mode over HTTP (and some over graphql-ws and SSE). Each must be refused by the limit meant for
// it before any resolver runs (a signUp hidden inside creates nobody), and
// the server must answer normally afterwards.
import WebSocket from 'ws';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { OperationLimits } from '../src/config.ts';
import { maxNesting, type LimitName as Limit } from '../src/limits/operation-limits.ts';
import { startHostileServer, tokenCount, type HostileServer, type WireAnswer, type WireError } from './utils/hostile-http.ts';
import { connectLive, type LiveClient } from './utils/live-client.ts';
import { serviceKey } from './utils/test-app.ts';
import { directConversation, signUp, type TestUser } from './utils/users.ts';
import { within } from './utils/waiting.ts';

/**
 * How long a socket frame may take to come: a bound on waiting, not a timing goal (an
 * operation whose checking blew up would hit it, or the test's own timeout).
 */
const quickMs = 10_000;

/** `code/limit` of every error, in order (`code` alone for errors that name no limit). */
const refusals = (errors: WireError[] | undefined) => (errors ?? []).map((error) => [error.extensions?.code, error.extensions?.limit].filter(Boolean).join('/'));

/** A mutation that would create the user `handle` if any resolver ran. */
const signUpField = (handle: string) => `signUp(input: { handle: "${handle}", displayName: "Abuse", password: "password-123" })`;

/**
 * `levels` nested selections of real fields (me > user > friends > edges > node > friends …)
 * ending in __typename, so the document is valid at any depth; graphql-armor counts the
 * leaf as a level too.
 */
function nestedSelection(levels: number, start: string[] = ['me', 'user'], pageArgs = ''): string {
  const cycle = [`friends${pageArgs}`, 'edges', 'node'];
  const path: string[] = [];
  for (let index = 0; path.length < levels - 1; index += 1) path.push(index < start.length ? start[index]! : cycle[(index - start.length) % 3]!);
  return `${path.map((field) => `${field} { `).join('')}__typename${' }'.repeat(path.length)}`;
}

/** A chain of friends connections `levels` deep, each asking for `first` (inline or a variable). */
const friendsPages = (levels: number, first: string): string =>
  levels === 0 ? 'handle' : `friends(first: ${first}) { edges { node { handle ${friendsPages(levels - 1, first)} } } }`;

/** The cost the server reported in a cost refusal's message. */
const reportedCost = (answer: WireAnswer) => Number(/costs (\d+)/.exec(answer.body?.errors?.[0]?.message ?? '')?.[1]);

/** The `next` payloads of an SSE answer, parsed. */
function sseEvents(text: string): { data?: any; errors?: WireError[] }[] {
  return text
    .split('\n\n')
    .filter((block) => /^event: next$/m.test(block))
    .map((block) => JSON.parse(block.split('\n').find((line) => line.startsWith('data: '))!.slice('data: '.length)));
}

describe('the abuse corpus', () => {
  let s: HostileServer;
  let limits: OperationLimits;
  let owner: TestUser;
  let bearer: Record<string, string>;

  beforeAll(async () => {
    s = await startHostileServer({ ADMIN_HANDLES: 'abuse_admin' });
    limits = s.t.config.limits;
    owner = await signUp(s.t, 'abuse_owner');
    bearer = { authorization: `Bearer ${owner.token}` };
    console.log(`limits under test: ${JSON.stringify(limits)}`);
  });
  afterAll(async () => {
    await s.t.close();
  });

  /** The limit a document over the token budget meets first; `limit` otherwise. */
  const expectedLimit = (document: string, limit: Limit): Limit => (tokenCount(document) > limits.maxTokens ? 'tokens' : limit);

  /** Refused by `limit` (BAD_USER_INPUT), quickly, with no other limit named. */
  function expectRefused(answer: WireAnswer, limit: Limit) {
    expect(answer.status).toBeLessThan(500);
    expect(answer.body, `a JSON body: ${answer.text.slice(0, 200)}`).toBeDefined();
    expect(answer.body!.data ?? null).toBeNull();
    const limited = refusals(answer.body!.errors).filter((refusal) => refusal.includes('/'));
    expect(limited, answer.text.slice(0, 500)).toEqual([`BAD_USER_INPUT/${limit}`]);
  }

  /** How many accounts exist: a signUp that ran would add one. */
  const userCount = () => s.t.db.prisma.user.count();

  /** The SQL statements sent since `mark`, other than the per-request session check. */
  const resolverStatements = (mark: number) => s.t.statements.slice(mark).filter((sql) => !/"Session"/.test(sql));

  // After every case: the process still answers its health check and a real signed-in query.
  afterEach(async () => {
    expect((await fetch(`${s.base}/health`)).status).toBe(200);
    const me = await s.post({ query: '{ me { user { handle } } }' }, bearer);
    expect(me.status).toBe(200);
    expect(me.body).toEqual({ data: { me: { user: { handle: 'abuse_owner' } } } });
  });

  describe('depth', () => {
    it('should refuse 1,000 levels of nesting, and as many levels as the token limit lets through, before any resolver runs', async () => {
      const before = await userCount();
      const thousand = `mutation { ${signUpField('deep_thousand')} { ${nestedSelection(999, ['user'])} } }`;
      // Its brackets nest past the parser's bound within the token budget: refused before parsing.
      expectRefused(await s.post({ query: thousand }), 'depth');

      // Three tokens a level (`friends {` … `}`): the deepest document the token limit admits.
      const levels = Math.floor((limits.maxTokens - 40) / 3);
      const deepest = `mutation { ${signUpField('deep_budget')} { ${nestedSelection(levels, ['user'])} } }`;
      expect(tokenCount(deepest)).toBeLessThanOrEqual(limits.maxTokens);
      const answer = await s.post({ query: deepest });
      expectRefused(answer, 'depth');
      expect(answer.body!.errors![0]!.message).toBe(`The document nests brackets more than ${maxNesting} deep.`);
      // Within the bracket bound, the depth limit counts the levels.
      const parsed = `mutation { ${signUpField('deep_parsed')} { ${nestedSelection(100, ['user'])} } }`;
      const parsedAnswer = await s.post({ query: parsed });
      expectRefused(parsedAnswer, 'depth');
      expect(parsedAnswer.body!.errors![0]!.message).toBe(`Query depth limit of ${limits.maxDepth} exceeded, found 101.`);
      expect(await userCount()).toBe(before);
    });

    it('should take a document exactly at the depth limit and refuse one level more, hidden mutation included', async () => {
      const before = await userCount();
      // signUp > user > friends > edges > node … > __typename: signUp is one level, the rest `levels`.
      const overByOne = `mutation { ${signUpField('deep_over')} { ${nestedSelection(limits.maxDepth, ['user'], '(first: 1)')} } }`;
      const overAnswer = await s.post({ query: overByOne });
      expectRefused(overAnswer, 'depth');
      expect(overAnswer.body!.errors![0]!.message).toBe(`Query depth limit of ${limits.maxDepth} exceeded, found ${limits.maxDepth + 1}.`);
      expect(await userCount()).toBe(before);

      // The same mutation at the limit runs (the hidden signUp is a real observation); only the
      // friends list below it needs a signed-in caller.
      const atLimit = `mutation { ${signUpField('deep_at')} { ${nestedSelection(limits.maxDepth - 1, ['user'], '(first: 1)')} } }`;
      const atAnswer = await s.post({ query: atLimit });
      expect(atAnswer.body?.errors?.map((error) => [error.extensions?.code, error.path?.join('.')])).toEqual([['UNAUTHENTICATED', 'signUp.user.friends']]);
      expect(await userCount()).toBe(before + 1);

      const queryAtLimit = await s.post({ query: `{ ${nestedSelection(limits.maxDepth, ['me', 'user'], '(first: 1)')} }` }, bearer);
      expect(queryAtLimit.body?.errors).toBeUndefined();
      expect(Array.isArray(queryAtLimit.body?.data.me.user.friends.edges)).toBe(true);
      expectRefused(await s.post({ query: `{ ${nestedSelection(limits.maxDepth + 1, ['me', 'user'], '(first: 1)')} }` }, bearer), 'depth');
    });

    it('should refuse nested introspection (graphql-js caps it whatever the depth limit says)', async () => {
      const nest = (levels: number): string => (levels === 0 ? 'name' : `fields { type { ofType { ${nest(levels - 1)} } } }`);
      const answer = await s.post({ query: `{ __schema { types { ${nest(4)} } } }` });
      expect(answer.body?.data ?? null).toBeNull();
      expect(answer.body?.errors?.map((error) => [error.extensions?.code, error.message])).toContainEqual(['GRAPHQL_VALIDATION_FAILED', 'Maximum introspection depth exceeded']);
    });
  });

  describe('aliases', () => {
    it('should refuse hundreds of aliases of a real field', async () => {
      const mark = s.t.statements.length;
      const aliases = Array.from({ length: 300 }, (_, index) => `a${index}: unreadNotificationCount`).join(' ');
      const document = `{ me { ${aliases} } }`;
      const answer = await s.post({ query: document }, bearer);
      expectRefused(answer, expectedLimit(document, 'aliases'));
      expect(answer.body!.errors![0]!.message).toBe(`Aliases limit of ${limits.maxAliases} exceeded, found 300.`);
      expect(resolverStatements(mark)).toEqual([]);
    });

    it('should refuse as many aliased signUps as the token limit admits, creating nobody', async () => {
      const before = await userCount();
      const one = (index: number) => `a${index}: ${signUpField(`alias_${index}`)} { accessToken }`;
      const count = Math.floor((limits.maxTokens - 10) / tokenCount(`{ ${one(100)} }`));
      expect(count).toBeGreaterThan(limits.maxAliases);
      const document = `mutation { ${Array.from({ length: count }, (_, index) => one(index)).join(' ')} }`;
      expectRefused(await s.post({ query: document }), 'aliases');
      expect(await userCount()).toBe(before);
    });

    it('should count the aliases of a fragment at every place it is spread', async () => {
      const perFragment = Math.floor(limits.maxAliases / 2) + 1;
      const fragment = `fragment Counts on Viewer { ${Array.from({ length: perFragment }, (_, index) => `c${index}: unreadNotificationCount`).join(' ')} }`;
      // Once is within the limit; twice is over it.
      const once = await s.post({ query: `{ me { ...Counts } } ${fragment}` }, bearer);
      expect(once.body?.errors).toBeUndefined();
      expectRefused(await s.post({ query: `{ me { ...Counts } again: me { ...Counts } } ${fragment}` }, bearer), 'aliases');
    });
  });

  describe('repeated fields', () => {
    it('should refuse thousands of repeated fields at the token limit', async () => {
      const document = `{ me { ${'unreadNotificationCount '.repeat(3_000)}} }`;
      expect(tokenCount(document)).toBeGreaterThan(limits.maxTokens);
      expectRefused(await s.post({ query: document }, bearer), 'tokens');
    });

    it('should answer or refuse, quickly, as many repeated fields as the token limit admits', async () => {
      const mark = s.t.statements.length;
      const document = `{ me { ${'unreadNotificationCount '.repeat(limits.maxTokens - 10)}} }`;
      const answer = await s.post({ query: document }, bearer);
      expect(answer.status).toBeLessThan(500);
      // Identical fields merge into one; graphql-js may also stop comparing them past its own
      // budget ("Validation aborted."), a validation failure that runs nothing.
      if (answer.body?.errors) {
        expect(refusals(answer.body.errors)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
        expect(resolverStatements(mark)).toEqual([]);
      } else {
        expect(answer.body?.data).toEqual({ me: { unreadNotificationCount: expect.any(Number) } });
      }
    });
  });

  describe('directives', () => {
    it('should refuse many directives, before any resolver runs', async () => {
      const before = await userCount();
      const document = `mutation { ${signUpField('directives')} { accessToken ${'__typename @include(if: true) '.repeat(100)}} }`;
      const answer = await s.post({ query: document });
      expectRefused(answer, expectedLimit(document, 'directives'));
      expect(answer.body!.errors![0]!.message).toBe(`Directives limit of ${limits.maxDirectives} exceeded, found 100.`);
      expect(await userCount()).toBe(before);
    });

    it('should count the directives on every spread of a fragment, also when it is spread again', async () => {
      const spreads = limits.maxDirectives * 5;
      const document = `{ me { ${'...Linked @include(if: true) '.repeat(spreads)}} } fragment Linked on Viewer { telegramLinked }`;
      expect(tokenCount(document)).toBeLessThanOrEqual(limits.maxTokens);
      expectRefused(await s.post({ query: document }, bearer), 'directives');
    });
  });

  describe('huge strings', () => {
    it('should carry a 90 KB string argument to input validation, which refuses it', async () => {
      const before = await userCount();
      const huge = 'x'.repeat(90 * 1024);
      const inline = await s.post({ query: `mutation { signUp(input: { handle: "huge_inline", displayName: "${huge}", password: "password-123" }) { accessToken } }` });
      expect(inline.status).toBe(200);
      expect(inline.body?.errors?.map((error) => error.extensions)).toEqual([{ code: 'BAD_USER_INPUT', field: 'input.displayName' }]);

      const asVariable = await s.post({
        query: 'mutation($input: SignUpInput!) { signUp(input: $input) { accessToken } }',
        variables: { input: { handle: 'huge_variable', displayName: huge, password: 'password-123' } },
      });
      expect(asVariable.status).toBe(200);
      expect(asVariable.body?.errors?.map((error) => error.extensions)).toEqual([{ code: 'BAD_USER_INPUT', field: 'input.displayName' }]);
      // The refusal names the field; it does not echo 90 KB back.
      expect(asVariable.text.length).toBeLessThan(2_000);

      const search = await s.post({ query: 'query($q: String!) { searchUsers(query: $q) { edges { cursor } } }', variables: { q: huge } }, bearer);
      expect(search.body?.errors?.map((error) => error.extensions)).toEqual([{ code: 'BAD_USER_INPUT', field: 'query' }]);
      expect(await userCount()).toBe(before);
    });

    it('should answer 413 to a 200 KB string, inline or as a variable', async () => {
      const before = await userCount();
      const huge = 'x'.repeat(200 * 1024);
      const inline = await s.post({ query: `mutation { signUp(input: { handle: "huge_413", displayName: "${huge}", password: "password-123" }) { accessToken } }` });
      expect(inline.status).toBe(413);
      expectRefused(inline, 'bodySize');
      const asVariable = await s.post({ query: 'query($q: String!) { searchUsers(query: $q) { edges { cursor } } }', variables: { q: huge } }, bearer);
      expect(asVariable.status).toBe(413);
      expectRefused(asVariable, 'bodySize');
      expect(await userCount()).toBe(before);
    });
  });

  describe('hostile text', () => {
    it('should store or refuse with a code NUL, lone surrogates, direction overrides and control characters in every free-text input', async () => {
      const friend = await signUp(s.t, 'abuse_friend');
      const admin = await signUp(s.t, 'abuse_admin');
      const conversationId = await directConversation(s.t, owner, friend);
      const samples: Record<string, string> = {
        nul: 'a\u0000b',
        'lone surrogate': 'a\ud800b',
        'direction override': '\u202eevil\u202c',
        'control characters': 'a\u0001\u001f\u007fb',
        'zero width': '\u200b\u200d\ufeff',
      };
      const asOwner = { authorization: `Bearer ${owner.token}` };
      const asAdmin = { authorization: `Bearer ${admin.token}` };
      const asBot = { 'x-service-key': serviceKey };
      let serial = 0;
      const inputs: [string, string, (text: string) => Record<string, unknown>, Record<string, string>][] = [
        ['signUp displayName', 'mutation($i: SignUpInput!) { signUp(input: $i) { accessToken } }', (text) => ({ i: { handle: `hostile_${(serial += 1)}`, displayName: text, password: 'password-123' } }), {}],
        ['updateProfile displayName', 'mutation($t: String!) { updateProfile(input: { displayName: $t }) { id } }', (text) => ({ t: text }), asOwner],
        ['sendMessage text', 'mutation($c: ID!, $t: String!) { sendMessage(input: { conversationId: $c, text: $t }) { id } }', (text) => ({ c: conversationId, t: text }), asOwner],
        ['createGroup title', 'mutation($t: String!, $m: [ID!]!) { createGroup(input: { title: $t, memberIds: $m }) { id } }', (text) => ({ t: text, m: [friend.id] }), asOwner],
        ['upsertQuestion name', 'mutation($t: String!) { upsertQuestion(input: { name: $t, text: "Why?", active: false }) { id } }', (text) => ({ t: `${text}${(serial += 1)}` }), asOwner],
        ['upsertQuestion text', 'mutation($t: String!, $n: String!) { upsertQuestion(input: { name: $n, text: $t, active: false }) { id } }', (text) => ({ t: text, n: `q${(serial += 1)}` }), asOwner],
        ['recordActivity text', 'mutation($t: String!) { recordActivity(input: { text: $t }) { id } }', (text) => ({ t: text }), asOwner],
        ['searchUsers query', 'query($t: String!) { searchUsers(query: $t) { edges { cursor } } }', (text) => ({ t: text }), asOwner],
        ['previewBroadcast text', 'mutation($t: String!) { previewBroadcast(input: { text: $t }) { recipientCount } }', (text) => ({ t: text }), asAdmin],
        ['sendBroadcast text', 'mutation($t: String!) { sendBroadcast(input: { text: $t }) { id } }', (text) => ({ t: text }), asAdmin],
        ['telegramSignIn firstName', 'mutation($i: TelegramSignInInput!) { telegramSignIn(input: $i) { accessToken } }', (text) => ({ i: { telegramId: String(700 + (serial += 1)), chatId: '1', firstName: text } }), asBot],
      ];
      const unexpected: string[] = [];
      for (const [input, query, variables, headers] of inputs) {
        for (const [sample, text] of Object.entries(samples)) {
          const answer = await s.post({ query, variables: variables(text) }, headers);
          const codes = (answer.body?.errors ?? []).map((error) => error.extensions?.code);
          const fine = answer.status < 500 && answer.body !== undefined && codes.every((code) => typeof code === 'string' && code !== 'INTERNAL_SERVER_ERROR');
          if (!fine) unexpected.push(`${input} with ${sample} ${JSON.stringify(text)}: ${answer.status} ${answer.text.slice(0, 160)}`);
        }
      }
      expect(unexpected, `${unexpected.length} of ${inputs.length * Object.keys(samples).length}:\n${unexpected.join('\n')}`).toEqual([]);
    });
  });

  describe('nested list literals', () => {
    // Over the token limit, the parser would have to recurse 5,000 levels to reach the end:
    // the refusal must come before its recursion runs out of stack (by the token count or a
    // nesting bound of its own).
    it('should refuse a list literal nested 5,000 deep in an argument', async () => {
      const document = `{ searchUsers(query: ${'['.repeat(5_000)}"x"${']'.repeat(5_000)}) { edges { cursor } } }`;
      const answer = await s.post({ query: document }, bearer);
      expect(answer.status, `answered ${answer.status}: ${answer.text.slice(0, 200)}`).toBeLessThan(500);
      expectRefused(answer, refusals(answer.body?.errors).includes('BAD_USER_INPUT/depth') ? 'depth' : 'tokens');
    });

    it('should refuse a list literal nested 5,000 deep over a WebSocket, answering that operation and keeping the socket', async () => {
      const document = `{ searchUsers(query: ${'['.repeat(5_000)}"x"${']'.repeat(5_000)}) { edges { cursor } } }`;
      const socket = await rawSocket(s.wsUrl, owner.token);
      try {
        const refused = await socket.operation('deep', document);
        expect(refused.type).toBe('error');
        expect(refusals(refused.payload)).toEqual([expect.stringMatching(/^BAD_USER_INPUT\/(tokens|depth)$/)]);
        expect((await socket.operation('after', '{ me { user { handle } } }')).payload).toEqual({ data: { me: { user: { handle: 'abuse_owner' } } } });
      } finally {
        socket.terminate();
      }
    });

    it('should refuse a list literal as deep as the token limit admits by its nesting, and one within the bound as a bad argument', async () => {
      const depth = Math.floor((limits.maxTokens - 20) / 2);
      const document = `{ searchUsers(query: ${'['.repeat(depth)}"x"${']'.repeat(depth)}) { edges { cursor } } }`;
      expect(tokenCount(document)).toBeLessThanOrEqual(limits.maxTokens);
      expectRefused(await s.post({ query: document }, bearer), 'depth');
      const within = maxNesting - 10;
      const parsed = await s.post({ query: `{ searchUsers(query: ${'['.repeat(within)}"x"${']'.repeat(within)}) { edges { cursor } } }` }, bearer);
      expect(parsed.body?.errors?.map((error) => error.extensions)).toEqual([{ code: 'BAD_USER_INPUT', field: 'query' }]);
    });

    it('should refuse deeply nested JSON variables (arrays 20,000 deep, objects 10,000 deep) as BAD_USER_INPUT', async () => {
      const before = await userCount();
      const deepArray = `${'['.repeat(20_000)}${']'.repeat(20_000)}`;
      const body = `{"query":"mutation($input: SignUpInput!) { signUp(input: $input) { accessToken } }","variables":{"input":{"handle":"deep_json","displayName":${deepArray},"password":"password-123"}}}`;
      const answer = await s.post(body);
      expect(answer.status).toBe(400);
      expect(answer.body?.errors?.map((error) => error.extensions)).toEqual([{ code: 'BAD_USER_INPUT', field: 'input.displayName' }]);
      const deepObject = `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`;
      const objectAnswer = await s.post(`{"query":"query($q: String!) { searchUsers(query: $q) { edges { cursor } } }","variables":{"q":${deepObject}}}`, bearer);
      expect(objectAnswer.status).toBe(400);
      expect(objectAnswer.body?.errors?.map((error) => error.extensions)).toEqual([{ code: 'BAD_USER_INPUT', field: 'q' }]);
      expect(await userCount()).toBe(before);
    });
  });

  describe('variables', () => {
    it('should answer 413 to a variables object over the body limit', async () => {
      const before = await userCount();
      const answer = await s.post({
        query: 'mutation($input: SignUpInput!) { signUp(input: $input) { accessToken } }',
        variables: { input: { handle: 'big_vars', displayName: 'Big', password: 'password-123' }, padding: Array.from({ length: limits.maxBodyBytes / 4 }, () => ({ a: 1 })) },
      });
      expect(answer.status).toBe(413);
      expectRefused(answer, 'bodySize');
      expect(await userCount()).toBe(before);
    });

    it('should take as many variables as the token limit admits and answer with an ordinary error', async () => {
      const count = Math.floor((limits.maxTokens - 40) / 7);
      const names = Array.from({ length: count }, (_, index) => `m${index}`);
      const document = `mutation(${names.map((name) => `$${name}: ID!`).join(' ')}) { createGroup(input: { title: "many", memberIds: [${names.map((name) => `$${name}`).join(' ')}] }) { id } }`;
      expect(tokenCount(document)).toBeLessThanOrEqual(limits.maxTokens);
      const before = await s.t.db.prisma.conversation.count();
      const answer = await s.post({ query: document, variables: Object.fromEntries(names.map((name) => [name, owner.id])) }, bearer);
      expect(answer.body?.errors?.map((error) => error.extensions)).toEqual([{ code: 'BAD_USER_INPUT', field: 'input.memberIds' }]);
      expect(await s.t.db.prisma.conversation.count()).toBe(before);
    });

    it('should ignore thousands of variables the operation does not declare', async () => {
      const extra = Object.fromEntries(Array.from({ length: 2_000 }, (_, index) => [`unused${index}`, [index, `${index}`]]));
      const answer = await s.post({ query: 'query($h: String!) { user(handle: $h) { handle } }', variables: { ...extra, h: 'abuse_owner' } }, bearer);
      expect(answer.body).toEqual({ data: { user: { handle: 'abuse_owner' } } });
    });
  });

  describe('fragments', () => {
    /** `count` fragments on Viewer, each spreading the next `fanOut` times; the last selects a field. */
    const chain = (count: number, fanOut: number) =>
      Array.from({ length: count }, (_, index) =>
        index + 1 < count
          ? `fragment F${index} on Viewer { telegramLinked ${`...F${index + 1} `.repeat(fanOut)}}`
          : `fragment F${index} on Viewer { unreadNotificationCount }`,
      ).join('\n');

    it('should refuse, quickly, 30 fragments that each spread the next one twice and three times (2^30, 3^30 copies)', async () => {
      const mark = s.t.statements.length;
      for (const fanOut of [2, 3]) expectRefused(await s.post({ query: `{ me { ...F0 } } ${chain(30, fanOut)}` }, bearer), 'depth');
      expect(resolverStatements(mark)).toEqual([]);
    });

    it('should price, quickly, fragments that expand exponentially within the depth limit', async () => {
      // 50^4 ≈ 6 million copies of a field, five levels deep.
      const document = `{ me { ...F0 } } ${chain(5, 50)}`;
      const answer = await s.post({ query: document }, bearer);
      expectRefused(answer, 'cost');
      expect(reportedCost(answer)).toBeGreaterThan(limits.maxCost);
      // A small expansion of the same shape is within every limit and runs.
      const small = await s.post({ query: `{ me { ...F0 } } ${chain(3, 2)}` }, bearer);
      expect(small.body?.errors).toBeUndefined();
      expect(Object.keys(small.body?.data.me ?? {}).sort()).toEqual(['telegramLinked', 'unreadNotificationCount']);
    });

    it('should refuse fragment cycles, mutation included, creating nobody', async () => {
      const before = await userCount();
      const cycle = await s.post({ query: `mutation { ${signUpField('cycle')} { ...A } } fragment A on AuthPayload { accessToken ...B } fragment B on AuthPayload { user { id } ...A }` });
      expect(cycle.body?.errors?.map((error) => [error.extensions?.code, error.message])).toContainEqual(['GRAPHQL_VALIDATION_FAILED', 'Cannot spread fragment "A" within itself via "B".']);
      const self = await s.post({ query: '{ me { ...Self } } fragment Self on Viewer { telegramLinked ...Self }' }, bearer);
      expect(self.body?.errors?.map((error) => [error.extensions?.code, error.message])).toContainEqual(['GRAPHQL_VALIDATION_FAILED', 'Cannot spread fragment "Self" within itself.']);
      expect(await userCount()).toBe(before);
    });
  });

  describe('cost', () => {
    it('should refuse connection pages of 100 nested three deep, and run the same with pages of 2', async () => {
      const mark = s.t.statements.length;
      const expensive = await s.post({ query: `{ me { user { ${friendsPages(3, '100')} } } }` }, bearer);
      expectRefused(expensive, 'cost');
      expect(resolverStatements(mark)).toEqual([]);
      const cheap = await s.post({ query: `{ me { user { handle ${friendsPages(3, '2')} } } }` }, bearer);
      expect(cheap.body?.errors).toBeUndefined();
      expect(cheap.body?.data.me.user.handle).toBe('abuse_owner');
    });

    it('should price page sizes sent as variables, or as variable defaults, exactly as written inline', async () => {
      const inline = await s.post({ query: `{ me { user { ${friendsPages(3, '100')} } } }` }, bearer);
      const variables = await s.post({ query: `query($n: Int) { me { user { ${friendsPages(3, '$n')} } } }`, variables: { n: 100 } }, bearer);
      const defaults = await s.post({ query: `query($n: Int = 100) { me { user { ${friendsPages(3, '$n')} } } }` }, bearer);
      for (const answer of [inline, variables, defaults]) expectRefused(answer, 'cost');
      expect(reportedCost(inline)).toBeGreaterThan(limits.maxCost);
      expect(reportedCost(variables)).toBe(reportedCost(inline));
      expect(reportedCost(defaults)).toBe(reportedCost(inline));
      const cheap = await s.post({ query: `query($n: Int) { me { user { ${friendsPages(3, '$n')} } } }`, variables: { n: 2 } }, bearer);
      expect(cheap.body?.errors).toBeUndefined();
      // A page size far over what the API serves is priced at what was asked, not wrapped around.
      const absurd = await s.post({ query: `query($n: Int) { me { user { ${friendsPages(3, '$n')} } } }`, variables: { n: 2 ** 31 - 1 } }, bearer);
      expectRefused(absurd, 'cost');
    });

    it('should refuse pages asked for through a variable default exactly as when the variable is sent', async () => {
      // Pages of 100 three deep: over the budget whichever way the 100 arrives.
      const query = `query($n: Int = 100) { me { user { ${friendsPages(3, '$n')} } } }`;
      const sent = await s.post({ query, variables: { n: 100 } }, bearer);
      expectRefused(sent, 'cost');
      const defaulted = await s.post({ query }, bearer);
      expect(defaulted.body?.data ?? null, `answered ${defaulted.text.slice(0, 200)}`).toBeNull();
      expectRefused(defaulted, 'cost');
    });

    it('should refuse an over-budget mutation before its resolver runs', async () => {
      const before = await userCount();
      const answer = await s.post({ query: `mutation { ${signUpField('costly')} { user { ${friendsPages(3, '100')} } } }` });
      expectRefused(answer, 'cost');
      expect(await userCount()).toBe(before);
    });
  });

  describe('over a WebSocket (graphql-ws)', () => {
    let live: LiveClient;
    afterEach(async () => {
      await live?.close();
    });

    /** The first result of an operation over the socket, whether sent as `next` or `error`. */
    async function firstResult(query: string, variables?: Record<string, unknown>) {
      const subscription = live.subscribe(query, variables);
      await within(quickMs, 'an answer over the socket', subscription.waitFor(1));
      return subscription.results[0]!;
    }

    it('should refuse too deep, too many aliases, too costly and too many tokens with the same codes as HTTP, and keep serving the socket', async () => {
      live = connectLive(s.wsUrl, owner.token);
      const before = await userCount();
      const cases: [string, Limit][] = [
        [`mutation { ${signUpField('ws_deep')} { ${nestedSelection(limits.maxDepth + 5, ['user'], '(first: 1)')} } }`, 'depth'],
        [`{ me { ${Array.from({ length: 300 }, (_, index) => `a${index}: unreadNotificationCount`).join(' ')} } }`, 'aliases'],
        [`{ me { user { ${friendsPages(3, '100')} } } }`, 'cost'],
        [`mutation { ${signUpField('ws_cost')} { user { ${friendsPages(3, '100')} } } }`, 'cost'],
        [`{ me { ${'unreadNotificationCount '.repeat(3_000)}} }`, 'tokens'],
      ];
      for (const [query, limit] of cases) {
        const result = await firstResult(query);
        expect(result.data ?? null).toBeNull();
        expect(refusals(result.errors).filter((refusal) => refusal.includes('/')), query.slice(0, 100)).toEqual([`BAD_USER_INPUT/${limit}`]);
      }
      expect(await userCount()).toBe(before);
      // The same socket still runs ordinary operations.
      expect(await firstResult('{ me { user { handle } } }')).toEqual({ data: { me: { user: { handle: 'abuse_owner' } } } });
    });

    it('should refuse a subscription whose selection is over the depth limit', async () => {
      live = connectLive(s.wsUrl, owner.token);
      const deep = `subscription { feedEvents { author { ${nestedSelection(limits.maxDepth, [], '(first: 1)')} } } }`;
      const result = await firstResult(deep);
      expect(refusals(result.errors).filter((refusal) => refusal.includes('/'))).toEqual(['BAD_USER_INPUT/depth']);
    });
  });

  describe('over SSE', () => {
    it('should refuse a too deep and a too costly operation as a stream event carrying the same codes', async () => {
      const before = await userCount();
      const stream = (query: string) => s.post({ query }, { ...bearer, accept: 'text/event-stream' });
      const deep = await stream(`mutation { ${signUpField('sse_deep')} { ${nestedSelection(limits.maxDepth + 5, ['user'], '(first: 1)')} } }`);
      const costly = await stream(`{ me { user { ${friendsPages(3, '100')} } } }`);
      for (const [answer, limit] of [[deep, 'depth'], [costly, 'cost']] as const) {
        expect(answer.status).toBe(200);
        const events = sseEvents(answer.text);
        expect(events).toHaveLength(1);
        expect(refusals(events[0]!.errors).filter((refusal) => refusal.includes('/'))).toEqual([`BAD_USER_INPUT/${limit}`]);
      }
      expect(await userCount()).toBe(before);
    });
  });
});

/**
 * The configuration admits a token budget of up to 100,000. The limits must still hold there:
 * a selection nested deeper than the parser's recursion can go is refused, never a crash.
 */
describe('the abuse corpus with the largest token budget the configuration admits', () => {
  let s: HostileServer;
  beforeAll(async () => {
    s = await startHostileServer({ MAX_TOKENS: '100000' });
  });
  afterAll(async () => {
    await s.t.close();
  });

  it('should refuse a selection nested 5,000 deep with an error code, not a 5xx', async () => {
    const answer = await s.post({ query: `{ ${'me { '.repeat(5_000)}__typename${' }'.repeat(5_000)} }` });
    expect(answer.status, `answered ${answer.status}: ${answer.text.slice(0, 200)}`).toBeLessThan(500);
    expect(refusals(answer.body?.errors)).toContainEqual(expect.stringMatching(/^BAD_USER_INPUT\/(tokens|depth)$/));
    expect((await fetch(`${s.base}/health`)).status).toBe(200);
  });
});

interface Frame {
  type: string;
  id?: string;
  payload?: any;
}

/**
 * A graphql-transport-ws socket driven frame by frame, signed in as `token`: a client library
 * would hide whether the server answered one operation or closed the whole socket.
 */
async function rawSocket(wsUrl: string, token: string) {
  const socket = new WebSocket(wsUrl, 'graphql-transport-ws');
  const frames: Frame[] = [];
  let closedWith: number | undefined;
  const listeners = new Set<() => void>();
  const wake = () => listeners.forEach((listener) => listener());
  socket.on('error', () => {});
  socket.on('close', (code) => {
    closedWith = code;
    wake();
  });
  socket.on('message', (data) => {
    frames.push(JSON.parse(String(data)) as Frame);
    wake();
  });
  const frame = (what: string, match: (frame: Frame) => boolean) =>
    within(
      quickMs,
      what,
      new Promise<Frame>((resolve, reject) => {
        const look = () => {
          const found = frames.find(match);
          if (found) return resolve(found);
          if (closedWith !== undefined) reject(new Error(`the server closed the socket (${closedWith}) before ${what}; frames: ${JSON.stringify(frames).slice(0, 300)}`));
        };
        listeners.add(look);
        look();
      }),
    );
  await within(quickMs, 'the socket to open', new Promise((resolve) => socket.once('open', resolve)));
  socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } }));
  await frame('connection_ack', (f) => f.type === 'connection_ack');
  return {
    /** Sends a subscribe and waits for its first frame (next or error). */
    async operation(id: string, query: string): Promise<Frame> {
      socket.send(JSON.stringify({ type: 'subscribe', id, payload: { query } }));
      return frame(`an answer to ${id}`, (f) => f.id === id);
    },
    terminate: () => socket.terminate(),
  };
}
