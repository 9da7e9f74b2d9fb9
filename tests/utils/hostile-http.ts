import { Lexer, Source, TokenKind } from 'graphql';
import { createTestApp, type TestApp } from './test-app.ts';

/** One error of a GraphQL response as a client receives it. */
export interface WireError {
  message: string;
  path?: (string | number)[];
  extensions?: Record<string, any>;
}

/** A GraphQL response body as it came off the wire (or undefined when it was not JSON). */
export interface WireBody {
  data?: any;
  errors?: WireError[];
}

export interface WireAnswer {
  status: number;
  text: string;
  body: WireBody | undefined;
  /** Wall-clock time from sending the request to the end of the answer, in ms. */
  ms: number;
}

export interface HostileServer {
  t: TestApp;
  /** http://127.0.0.1:<port> */
  base: string;
  /** http://127.0.0.1:<port>/graphql */
  url: string;
  /** ws://127.0.0.1:<port>/graphql */
  wsUrl: string;
  /** POSTs `body` (an object is sent as JSON, a string as it is) to /graphql. */
  post(body: unknown, headers?: Record<string, string>): Promise<WireAnswer>;
  /** Any request to /graphql (or `path`), answered with its status and body text. */
  send(init: RequestInit & { path?: string }): Promise<WireAnswer>;
}

/**
 * A real server on a free loopback port, in production mode (unexpected errors masked), with
 * rate limits off: these suites send thousands of requests from one address on purpose.
 */
export async function startHostileServer(env: Record<string, string> = {}): Promise<HostileServer> {
  const t = await createTestApp({ NODE_ENV: 'production', RATE_LIMITS: 'off', ...env });
  const { port } = await t.app.server.start(0, '127.0.0.1');
  const base = `http://127.0.0.1:${port}`;
  const send = async ({ path = '/graphql', ...init }: RequestInit & { path?: string }): Promise<WireAnswer> => {
    const started = performance.now();
    const response = await fetch(`${base}${path}`, init);
    const text = await response.text();
    let body: WireBody | undefined;
    try {
      body = JSON.parse(text) as WireBody;
    } catch {
      body = undefined;
    }
    return { status: response.status, text, body, ms: performance.now() - started };
  };
  return {
    t,
    base,
    url: `${base}/graphql`,
    wsUrl: `ws://127.0.0.1:${port}/graphql`,
    send,
    post: (body, headers = {}) =>
      send({
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json', ...headers },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      }),
  };
}

/** How many lexical tokens graphql-js reads in `document` (what the token limit counts). */
export function tokenCount(document: string): number {
  const lexer = new Lexer(new Source(document));
  let tokens = 0;
  try {
    while (lexer.advance().kind !== TokenKind.EOF) tokens += 1;
  } catch {
    // A lexical error ends the count where it stands.
  }
  return tokens;
}

/**
 * Words that would give away the server's internals in an error message: the ORM, SQL, stack
 * frames, file paths, JavaScript's own error names. Returns the first found, or null.
 */
export function internalsIn(message: string): string | null {
  const checks: [string, RegExp][] = [
    ['prisma', /prisma/i],
    ['Invalid `', /Invalid `/],
    ['SELECT', /\bSELECT\b/],
    ['INSERT', /\bINSERT\b/],
    // `at fn (/path/file.js:1:2)`, `at /path/file.js:1:2`, `at file:///…`, `at node:internal/…`
    ['stack frame', /\bat (?:[\w$.<>[\] ]+ )?\(?(?:file:\/\/|\/|node:|[A-Za-z]:\\)[^\s)]*:\d+:\d+/],
    ['node_modules', /node_modules/],
    ['TypeError', /TypeError/],
    ['ReferenceError', /ReferenceError/],
    ['RangeError', /RangeError|Maximum call stack/],
    ['pglite', /pglite/i],
  ];
  for (const [name, pattern] of checks) if (pattern.test(message)) return name;
  return null;
}
