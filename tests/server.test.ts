// The HTTP server over real sockets on free ports: health and readiness, GraphiQL, error
// masking as a client sees it, and a graceful stop.
import { Agent, request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './utils/test-app.ts';

const host = '127.0.0.1';

async function startServer(t: TestApp): Promise<string> {
  const { port } = await t.app.server.start(0, host);
  return `http://${host}:${port}`;
}

async function post(base: string, query: string, variables: Record<string, unknown> = {}) {
  const response = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const text = await response.text();
  return { status: response.status, text, body: JSON.parse(text) as { data?: any; errors?: { message: string; extensions?: Record<string, any> }[] } };
}

const signUp = `mutation($input: SignUpInput!) { signUp(input: $input) { accessToken user { handle } } }`;
const signIn = `mutation { signIn(input: { handle: "abc", password: "whatever1" }) { accessToken } }`;
const me = `{ me { user { id } } }`;

/** Text that would give away internals: stack frames, the ORM, SQL. */
function expectNoInternals(text: string) {
  const lower = text.toLowerCase();
  for (const word of ['prisma', 'sql', 'stack', 'pglite', 'node_modules']) expect(lower).not.toContain(word);
  expect(text).not.toMatch(/\bat .+:\d+:\d+/);
}

describe('a running server', () => {
  let t: TestApp;
  let base: string;
  beforeAll(async () => {
    t = await createTestApp();
    base = await startServer(t);
  });
  afterAll(() => t.close());

  it('should answer /health and /readiness with 200', async () => {
    expect((await fetch(`${base}/health`)).status).toBe(200);
    expect((await fetch(`${base}/readiness`)).status).toBe(200);
  });

  it('should serve GraphiQL with the example operations to a browser', async () => {
    const response = await fetch(`${base}/graphql`, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/text\/html/);
    const html = await response.text();
    expect(html).toMatch(/graphiql/i);
    expect(html).toContain('mutation SignUp');
  });

  it('should run operations posted over HTTP', async () => {
    const created = await post(base, signUp, { input: { handle: 'wire', displayName: 'Wire', password: 'password-123' } });
    expect(created.status).toBe(200);
    expect(created.body.errors).toBeUndefined();
    expect(created.body.data.signUp.user.handle).toBe('wire');

    const response = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${created.body.data.signUp.accessToken}` },
      body: JSON.stringify({ query: `{ me { user { handle } } }` }),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: { me: { user: { handle: 'wire' } } } });
  });

  it('should carry no stack traces in error responses', async () => {
    const failures = [
      await post(base, me),
      await post(base, signUp, { input: { handle: 'x', displayName: 'X', password: 'password-123' } }),
      await post(base, signUp, { input: { handle: 'wire', displayName: 'Wire', password: 'password-123' } }),
      await post(base, `{ noSuchField }`),
    ];
    expect(failures.map((failure) => failure.body.errors?.[0]?.extensions?.code)).toEqual([
      'UNAUTHENTICATED',
      'BAD_USER_INPUT',
      'CONFLICT',
      'GRAPHQL_VALIDATION_FAILED',
    ]);
    for (const failure of failures) expectNoInternals(failure.text);
  });
});

describe('GraphiQL switched off', () => {
  let t: TestApp;
  let base: string;
  beforeAll(async () => {
    t = await createTestApp({ GRAPHIQL: 'false' });
    base = await startServer(t);
  });
  afterAll(() => t.close());

  it('should not serve the GraphiQL page', async () => {
    const response = await fetch(`${base}/graphql`, { headers: { accept: 'text/html' } });
    expect(response.headers.get('content-type') ?? '').not.toMatch(/text\/html/);
    const body = await response.text();
    expect(body).not.toMatch(/graphiql/i);
    expect(body).not.toContain('mutation SignUp');
  });
});

describe('readiness without a database', () => {
  let t: TestApp;
  let base: string;
  beforeAll(async () => {
    t = await createTestApp();
    base = await startServer(t);
  });
  // The test drops the database itself, so only the server is left to stop.
  afterAll(() => t.app.server.stop());

  it('should turn /readiness to 503 once the database is gone, while /health stays 200', async () => {
    expect((await fetch(`${base}/readiness`)).status).toBe(200);
    // drop() closes the database (and on PostgreSQL removes it: Prisma would reconnect to a
    // database that was merely disconnected).
    await t.drop();
    expect((await fetch(`${base}/readiness`)).status).toBe(503);
    expect((await fetch(`${base}/health`)).status).toBe(200);
  });
});

describe('error masking in production', () => {
  let t: TestApp;
  let base: string;
  beforeAll(async () => {
    t = await createTestApp({ NODE_ENV: 'production' });
    base = await startServer(t);
  });
  afterAll(() => t.app.server.stop());

  it('should pass expected errors through unmasked', async () => {
    const unauthenticated = await post(base, me);
    expect(unauthenticated.body.errors?.[0]).toMatchObject({
      message: 'Sign in first: this operation needs a valid access token.',
      extensions: { code: 'UNAUTHENTICATED' },
    });
    const badInput = await post(base, `mutation { signIn(input: { handle: "ab", password: "whatever1" }) { accessToken } }`);
    expect(badInput.body.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'input.handle' });
  });

  it('should mask an unexpected error as "Unexpected error." with no internals', async () => {
    await t.drop();
    const result = await post(base, signIn);
    expect(result.body.data ?? null).toBeNull();
    expect(result.body.errors).toHaveLength(1);
    expect(result.body.errors![0]).toMatchObject({ message: 'Unexpected error.', extensions: { code: 'INTERNAL_SERVER_ERROR' } });
    expectNoInternals(result.text);
  });
});

describe('graceful stop', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  interface Answer {
    status: number | undefined;
    text: string;
  }

  /**
   * Posts `query`; `inFlight` runs once the server has read the request head and before the
   * body is sent. ("Expect: 100-continue" makes the server confirm it has the head.)
   */
  function postWhile(port: number, agent: Agent, query: string, inFlight?: () => void): Promise<Answer> {
    const body = JSON.stringify({ query });
    const headers: Record<string, string | number> = { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) };
    if (inFlight) headers.expect = '100-continue';
    const outgoing = request({ host, port, agent, method: 'POST', path: '/graphql', headers });
    return new Promise<Answer>((resolve, reject) => {
      outgoing.on('error', reject);
      outgoing.on('response', (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => resolve({ status: response.statusCode, text }));
        response.on('error', reject);
      });
      if (!inFlight) return void outgoing.end(body);
      outgoing.once('continue', () => {
        inFlight();
        outgoing.end(body);
      });
      outgoing.flushHeaders();
    });
  }

  it('should finish a request in flight, then serve nothing more and refuse new connections', async () => {
    const { port } = await t.app.server.start(0, host);
    // One keep-alive socket, so a second request would travel on the first one's connection.
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    let stopped: Promise<void> | undefined;

    const answer = await postWhile(port, agent, `{ __typename }`, () => {
      stopped = t.app.server.stop();
    });
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.text)).toEqual({ data: { __typename: 'Query' } });

    // The connection that carried it must not be kept open for more requests.
    const late = await postWhile(port, agent, `{ __typename }`).catch((error: NodeJS.ErrnoException) => error);
    expect(late).toBeInstanceOf(Error);
    await stopped;
    agent.destroy();

    const refused = await fetch(`http://${host}:${port}/health`).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(TypeError);
    expect((refused as TypeError & { cause?: { code?: string } }).cause?.code).toBe('ECONNREFUSED');
  });
});
