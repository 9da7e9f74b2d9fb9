import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { Lexer, print, Source, TokenKind, validate, visit, type DocumentNode } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as telegramOperations from '../clients/telegram/src/generated/graphql.ts';
import * as webOperations from '../clients/web/src/generated/graphql.ts';
import { loadConfig } from '../src/config.ts';
import { operationCost } from '../src/limits/cost.ts';
import { buildSchema } from '../src/schema.ts';
import { createTestApp, ok, type TestApp } from './utils/test-app.ts';
import { signUp } from './utils/users.ts';
import { connectLive } from './utils/live-client.ts';
import { pollUntil } from './utils/waiting.ts';
import WebSocket from 'ws';

const defaults = loadConfig({}).limits;

/** Every operation the web client and the bot send, as the codegen output holds them. */
const clientDocuments = Object.entries({ ...webOperations, ...telegramOperations }).filter(
  (entry): entry is [string, DocumentNode] => entry[0].endsWith('Document') && (entry[1] as DocumentNode)?.kind === 'Document',
);

function measure(document: DocumentNode) {
  const schema = buildSchema();
  const found = { depth: 0, aliases: 0, directives: 0 };
  // No limit: each rule only reports what it counted.
  const counting = (name: keyof typeof found) => ({
    n: Number.MAX_SAFE_INTEGER,
    onAccept: [(_context: unknown, details: { n?: number }) => void (found[name] = Math.max(found[name], details.n ?? 0))],
  });
  validate(schema, document, [maxDepthRule(counting('depth')), maxAliasesRule(counting('aliases'))]);
  visit(document, { Directive: () => void (found.directives += 1) });
  const lexer = new Lexer(new Source(print(document)));
  let tokens = 0;
  while (lexer.advance().kind !== TokenKind.EOF) tokens += 1;
  // The largest page any client asks for through a variable is 30; price them at 100, the most the API serves.
  const pageVariables = { first: 100, last: 100 };
  return { ...found, tokens, cost: operationCost(schema, document, undefined, pageVariables) };
}

describe('the default limits', () => {
  it('should leave room for every operation of the web client and the bot', () => {
    expect(clientDocuments.length).toBeGreaterThan(50);
    const largest = { depth: 0, aliases: 0, directives: 0, tokens: 0, cost: 0 };
    for (const [name, document] of clientDocuments) {
      const measured = measure(document);
      for (const key of Object.keys(largest) as (keyof typeof largest)[]) largest[key] = Math.max(largest[key], measured[key]);
      expect.soft(measured.depth, `${name} depth`).toBeLessThanOrEqual(defaults.maxDepth);
      expect.soft(measured.aliases, `${name} aliases`).toBeLessThanOrEqual(defaults.maxAliases);
      expect.soft(measured.directives, `${name} directives`).toBeLessThanOrEqual(defaults.maxDirectives);
      expect.soft(measured.tokens, `${name} tokens`).toBeLessThanOrEqual(defaults.maxTokens);
      expect.soft(measured.cost, `${name} cost`).toBeLessThanOrEqual(defaults.maxCost);
    }
    // The measures work at all: the clients do nest and page.
    expect(largest.depth).toBeGreaterThan(5);
    expect(largest.cost).toBeGreaterThan(1000);
    console.log(`largest client operation: ${JSON.stringify(largest)}; limits: ${JSON.stringify(defaults)}`);
  });
});

/** A real server on loopback: these checks concern HTTP itself (status codes, headers, bodies). */
async function startServer(env: Record<string, string> = {}) {
  const t = await createTestApp({ NODE_ENV: 'production', ...env });
  const { url } = await t.app.server.start(0, '127.0.0.1');
  const post = async (body: unknown, headers: Record<string, string> = {}) => {
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });
    return { status: response.status, headers: response.headers, body: (await response.json()) as { data?: any; errors?: { message: string; extensions?: Record<string, any> }[] } };
  };
  return { t, url, post };
}

const nested = (levels: number) => `{ me { user { ${'friends(first: 1) { edges { node { '.repeat(levels)}handle${' } } }'.repeat(levels)} } } }`;

describe('limits on what one operation may ask', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(async () => {
    await server.t.close();
  });

  const refusedBy = (body: { errors?: { extensions?: Record<string, any> }[] }) => body.errors?.map((error) => `${error.extensions?.code}/${error.extensions?.limit}`);

  it('should refuse a document nested deeper than the limit, and take one at the limit', async () => {
    const tooDeep = (await server.post({ query: nested(4) })).body;
    expect(refusedBy(tooDeep)).toEqual(['BAD_USER_INPUT/depth']);
    expect(tooDeep.errors?.[0]?.message).toBe('Query depth limit of 12 exceeded, found 15.');
    // me > user > 3 × (friends > edges > node) > handle is 12 levels: it runs, and asks for a token.
    expect((await server.post({ query: nested(3) })).body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('should refuse more aliases than the limit before any resolver runs', async () => {
    const signUps = Array.from({ length: defaults.maxAliases + 1 }, (_, index) => `u${index}: signUp(input: { handle: "alias_${index}", displayName: "A", password: "password-123" }) { accessToken }`);
    const before = await server.t.db.prisma.user.count();
    expect(refusedBy((await server.post({ query: `mutation { ${signUps.join(' ')} }` })).body)).toEqual(['BAD_USER_INPUT/aliases']);
    expect(await server.t.db.prisma.user.count()).toBe(before);
  });

  it('should refuse more directives than the limit', async () => {
    const fields = Array.from({ length: defaults.maxDirectives + 1 }, (_, index) => `f${index}: __typename @include(if: true)`).join(' ');
    expect(refusedBy((await server.post({ query: `{ ${fields} }` })).body)).toContain('BAD_USER_INPUT/directives');
  });

  it('should stop reading a document at the token limit', async () => {
    const response = await server.post({ query: `{ ${'__typename '.repeat(defaults.maxTokens)} }` });
    expect(refusedBy(response.body)).toEqual(['BAD_USER_INPUT/tokens']);
    expect(response.body.errors?.[0]?.message).toBe(`Token limit of ${defaults.maxTokens} exceeded.`);
  });

  it('should price connections by the page asked for, written inline or sent as variables, before any resolver runs', async () => {
    const user = await signUp(server.t, 'pricing');
    const query = `query($outer: Int, $inner: Int) { me { user { friends(first: $outer) { edges { node { friends(first: $inner) { edges { node { handle displayName } } } } } } } } }`;
    server.t.statements.length = 0;
    const expensive = await server.post({ query, variables: { outer: 100, inner: 100 } }, { authorization: `Bearer ${user.token}` });
    expect(refusedBy(expensive.body)).toEqual(['BAD_USER_INPUT/cost']);
    expect(expensive.body.errors?.[0]?.message).toMatch(/^The operation costs \d+, more than the 20000 allowed/);
    const written = `{ me { user { friends(first: 100) { edges { node { friends(first: 100) { edges { node { handle displayName } } } } } } } } }`;
    const inline = await server.post({ query: written }, { authorization: `Bearer ${user.token}` });
    expect(refusedBy(inline.body)).toEqual(['BAD_USER_INPUT/cost']);
    // Only the session check ran: no resolver read anything.
    expect(server.t.statements.filter((sql) => !/"Session"/.test(sql))).toEqual([]);
    // A variable left out takes its own default, and is priced with it.
    const defaulted = query.replace('$outer: Int, $inner: Int', '$outer: Int = 100, $inner: Int = 100');
    expect(refusedBy((await server.post({ query: defaulted }, { authorization: `Bearer ${user.token}` })).body)).toEqual(['BAD_USER_INPUT/cost']);
    const cheap = await server.post({ query, variables: { outer: 10, inner: 10 } }, { authorization: `Bearer ${user.token}` });
    expect(cheap.body.errors).toBeUndefined();
    expect(cheap.body.data.me.user.friends.edges).toEqual([]);
  });

  it('should answer 413 to a body over the limit, whether its length is declared or it comes chunked', async () => {
    const big = JSON.stringify({ query: '{ __typename }', variables: { padding: 'x'.repeat(defaults.maxBodyBytes) } });
    const declared = await server.post(big);
    expect(declared.status).toBe(413);
    expect(refusedBy(declared.body)).toEqual(['BAD_USER_INPUT/bodySize']);
    const chunks = new ReadableStream<Uint8Array>({
      start(controller) {
        const bytes = new TextEncoder().encode(big);
        for (let offset = 0; offset < bytes.length; offset += 16_384) controller.enqueue(bytes.slice(offset, offset + 16_384));
        controller.close();
      },
    });
    const chunked = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: chunks, duplex: 'half' } as RequestInit);
    expect(chunked.status).toBe(413);
    // A chunked body under the limit is read and run as usual.
    const small = new Blob([JSON.stringify({ query: '{ __typename }' })]).stream();
    const fine = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: small, duplex: 'half' } as RequestInit);
    expect(await fine.json()).toEqual({ data: { __typename: 'Query' } });
  });

  it('should answer malformed JSON and batches with 400', async () => {
    const malformed = await server.post('{"query": ');
    expect(malformed.status).toBe(400);
    expect(malformed.body.errors?.[0]?.extensions?.code).toBe('BAD_REQUEST');
    const batch = await server.post([{ query: '{ __typename }' }, { query: '{ __typename }' }]);
    expect(batch.status).toBe(400);
    expect(batch.body.errors?.[0]?.message).toBe('Batching is not supported.');
  });

  it('should leave suggestions out of every error in production', async () => {
    const field = await server.post({ query: '{ mee { id } }' });
    expect(field.body.errors?.[0]?.message).toBe('Cannot query field "mee" on type "Query".');
    const enumValue = await server.post({ query: 'mutation { signUp(input: { handle: "abc", displayName: "A", password: "password-123", locale: EM }) { accessToken } }' });
    expect(enumValue.body.errors?.[0]?.message).toMatch(/^Value "EM" does not exist in "Locale" enum\.?$/);
    const variable = await server.post({ query: 'mutation($input: SignUpInput!) { signUp(input: $input) { accessToken } }', variables: { input: { handl: 'abc', displayName: 'A', password: 'password-123' } } });
    expect(variable.body.errors?.length).toBeGreaterThan(0);
    for (const error of variable.body.errors ?? []) expect(error.message).not.toMatch(/Did you mean/);
    expect(variable.body.errors?.map((error) => error.message).join(' ')).toMatch(/"handl" is not defined by type "SignUpInput"/);
  });

  it('should answer introspection by default (GraphiQL uses it)', async () => {
    const { body } = await server.post({ query: '{ __schema { queryType { name } } }' });
    expect(body.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
  });
});

describe('limits from the configuration', () => {
  it('should apply the configured limits instead of the defaults', async () => {
    const server = await startServer({ MAX_DEPTH: '5', MAX_ALIASES: '1', MAX_COST: '50', MAX_BODY_BYTES: '2048' });
    try {
      expect((await server.post({ query: nested(1) })).body.errors?.[0]?.extensions?.limit).toBe('depth');
      expect((await server.post({ query: '{ a: me { user { id } } b: me { user { id } } }' })).body.errors?.[0]?.extensions?.limit).toBe('aliases');
      expect((await server.post({ query: '{ searchUsers(query: "x", first: 60) { edges { node { id } } } }' })).body.errors?.[0]?.extensions?.limit).toBe('cost');
      expect((await server.post({ query: '{ __typename }', variables: { padding: 'x'.repeat(2048) } })).status).toBe(413);
    } finally {
      await server.t.close();
    }
  });

  it('should hold one WebSocket to the configured number of running operations', async () => {
    const server = await startServer({ MAX_SOCKET_OPERATIONS: '2' });
    const user = await signUp(server.t, 'many_streams');
    const live = connectLive(server.url.replace(/^http/, 'ws'), user.token);
    try {
      const stream = `subscription { myEvents { __typename } }`;
      const first = live.subscribe(stream);
      const second = live.subscribe(stream);
      const third = live.subscribe(stream);
      expect(await third.ended).toBe('error');
      expect(third.results[0]?.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', limit: 'socketOperations' });
      expect(first.results).toEqual([]);
      first.dispose();
      // Its place is free once the server has seen it completed: a query then runs.
      await pollUntil(5000, 'a free place on the socket', async () => {
        const query = live.subscribe('{ __typename }');
        await query.ended;
        return query.results[0]?.data?.__typename === 'Query';
      });
      second.dispose();
    } finally {
      await live.close();
      await server.t.close();
    }
  });

  it('should refuse introspection when it is switched off, over HTTP and WebSocket, and show suggestions in development', async () => {
    const server = await startServer({ INTROSPECTION: 'false', NODE_ENV: 'development' });
    const live = connectLive(server.url.replace(/^http/, 'ws'));
    try {
      const introspection = await server.post({ query: '{ __schema { queryType { name } } }' });
      expect(introspection.body.data).toBeUndefined();
      expect(introspection.body.errors?.[0]?.message).toMatch(/introspection/i);
      const overSocket = live.subscribe('{ __type(name: "Query") { name } }');
      await overSocket.ended;
      expect(overSocket.results[0]?.data ?? undefined).toBeUndefined();
      expect(overSocket.results[0]?.errors?.[0]?.message).toMatch(/introspection/i);
      expect((await server.post({ query: '{ mee { id } }' })).body.errors?.[0]?.message).toMatch(/Did you mean "me"\?/);
    } finally {
      await live.close();
      await server.t.close();
    }
  });
});

describe('browsers', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  beforeAll(async () => {
    server = await startServer({ CORS_ORIGINS: 'https://app.example.com,http://localhost:5173' });
  });
  afterAll(async () => {
    await server.t.close();
  });

  it('should refuse a POST a page could send cross-site without a preflight, unless it carries the CSRF header', async () => {
    const attempt = (contentType: string, headers: Record<string, string> = {}) =>
      fetch(server.url, { method: 'POST', headers: { 'content-type': contentType, ...headers }, body: JSON.stringify({ query: 'mutation { signOut }' }) });
    for (const contentType of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const response = await attempt(contentType);
      expect(response.status, contentType).toBe(403);
      expect(((await response.json()) as any).errors[0].message).toBe('Required CSRF header(s) not present');
    }
    expect((await attempt('text/plain', { 'x-graphql-yoga-csrf': '1' })).status).not.toBe(403);
    expect((await attempt('application/json')).status).toBe(200);
  });

  it('should allow the configured origins only', async () => {
    const preflight = (origin: string) =>
      fetch(server.url, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,authorization' } });
    const allowed = await preflight('https://app.example.com');
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
    expect(allowed.headers.get('access-control-allow-credentials')).toBeNull();
    const other = await preflight('https://evil.example.com');
    expect(other.headers.get('access-control-allow-origin')).not.toBe('https://evil.example.com');
    expect(other.headers.get('access-control-allow-origin')).not.toBe('*');
    const simple = await server.post({ query: '{ __typename }' }, { origin: 'https://evil.example.com' });
    expect(simple.headers.get('access-control-allow-origin')).not.toBe('https://evil.example.com');
    expect((await server.post({ query: '{ __typename }' }, { origin: 'http://localhost:5173' })).headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
  });

  it('should let WebSockets in from the server’s own origin, the configured ones, and clients that send none', async () => {
    const wsUrl = server.url.replace(/^http/, 'ws');
    const open = (origin?: string) =>
      new Promise<string>((resolve) => {
        const socket = new WebSocket(wsUrl, 'graphql-transport-ws', origin ? { origin } : {});
        socket.once('open', () => {
          socket.close();
          resolve('open');
        });
        socket.once('unexpected-response', (_request, response) => {
          resolve(`refused ${response.statusCode}`);
          socket.terminate();
        });
        socket.once('error', () => resolve('error'));
      });
    expect(await open()).toBe('open');
    expect(await open(new URL(server.url).origin)).toBe('open');
    expect(await open('https://app.example.com')).toBe('open');
    expect(await open('https://evil.example.com')).toBe('refused 401');
  });

  it('should send no CORS headers at all when no origin is configured', async () => {
    const plain = await startServer();
    try {
      const response = await plain.post({ query: '{ __typename }' }, { origin: 'https://app.example.com' });
      expect(response.headers.get('access-control-allow-origin')).toBeNull();
    } finally {
      await plain.t.close();
    }
  });
});
