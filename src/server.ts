import { randomUUID } from 'node:crypto';
import { createServer as createHttpServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { useCSRFPrevention } from '@graphql-yoga/plugin-csrf-prevention';
import { GraphQLError, type ExecutionArgs, type GraphQLSchema } from 'graphql';
import { createYoga, useReadinessCheck, type Plugin } from 'graphql-yoga';
import type { OperationResult } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import type { Logger } from 'pino';
import { WebSocketServer } from 'ws';
import type { OperationLimits } from './config.ts';
import type { Context } from './context.ts';
import type { Database } from './db/database.ts';
import { createMaskError } from './errors-masking.ts';
import { graphiqlExamples } from './graphiql-examples.ts';
import { useInputErrorCodes } from './input-error-codes.ts';
import { createRequestIds, useOperationLogging } from './logging.ts';
import { limitBodySize } from './limits/body-size.ts';
import { limitError, useOperationLimits } from './limits/operation-limits.ts';
import { useIntrospectionOff, useSuggestionsHidden } from './limits/schema-exposure.ts';
import type { PubSub } from './pubsub/pubsub.ts';
import { useRateLimits } from './rate-limits/rate-limit-plugin.ts';
import { bearerToken, clientAddress, createContextFactory, headersFromParams } from './request-context.ts';
import type { Services } from './services.ts';
import type { WebAssets } from './web-assets.ts';

export interface ServerDeps {
  schema: GraphQLSchema;
  db: Database;
  pubsub: PubSub;
  services: Services;
  log: Logger;
  /** The web client's files, served at / (none: the API only). */
  webAssets?: WebAssets;
  options: ServerOptions;
}

export interface ServerOptions {
  /** Serve GraphiQL at /graphql. */
  graphiql: boolean;
  /** Answer introspection queries. */
  introspection: boolean;
  /** Show unexpected errors' details to clients (development only). */
  exposeErrors: boolean;
  /** Leave "Did you mean …?" out of validation errors (production: they map the schema for a caller). */
  hideSuggestions: boolean;
  /** Origins besides the server's own that browsers may call it from. */
  corsOrigins: string[];
  limits: OperationLimits;
  /** How long a WebSocket may stay open without connection_init. */
  wsInitTimeoutMs: number;
  /** Take the client's address from X-Forwarded-For (behind a proxy we run). */
  trustProxy: boolean;
}

/** Yoga's enveloped execute and subscribe, handed to graphql-ws through rootValue. */
interface EnvelopedRoot {
  execute: (args: ExecutionArgs) => OperationResult;
  subscribe: (args: ExecutionArgs) => OperationResult;
}

export interface ChorusServer {
  /** Listens; resolves with the bound address (port 0 picks a free port). */
  start(port: number, host: string): Promise<{ port: number; url: string }>;
  /** Stops accepting, lets in-flight requests finish, then resolves. */
  stop(): Promise<void>;
  /** Yoga's fetch handler: tests call it in-process. */
  fetch: (url: string, init?: RequestInit) => Promise<Response>;
}

interface InitialContext {
  request?: Request;
  /** Node's request, when the operation came over this server's HTTP (not in-process). */
  req?: IncomingMessage;
  /** The payload of graphql-ws' connection_init, for operations over a WebSocket. */
  connectionParams?: Record<string, unknown>;
  /** The WebSocket's upgrade request, for operations over a WebSocket. */
  socketRequest?: IncomingMessage;
}

/**
 * Yoga (HTTP, SSE, GraphiQL) and graphql-ws on one Node HTTP server and one path, /graphql;
 * /health and /readiness for orchestrators; the web client at every other path.
 */
export function createServer({ schema, db, pubsub, services, log, webAssets, options }: ServerDeps): ChorusServer {
  const contextFor = createContextFactory({ db, pubsub, services, log });
  const requestIds = createRequestIds();
  const addressOf = (request: IncomingMessage | undefined) =>
    clientAddress(request?.socket.remoteAddress, request?.headers['x-forwarded-for'], options.trustProxy);
  const yoga = createYoga<InitialContext, Context>({
    schema,
    graphqlEndpoint: '/graphql',
    healthCheckEndpoint: '/health',
    landingPage: false,
    logging: log,
    graphiql: options.graphiql ? { title: 'Chorus', defaultQuery: graphiqlExamples } : false,
    maskedErrors: { maskError: createMaskError(options.exposeErrors) },
    // One operation per request: a batch would multiply every limit below by its length.
    batching: false,
    // No CORS headers at all unless origins are configured: browsers then allow only the
    // server's own origin, where the web client is served.
    cors: options.corsOrigins.length > 0 ? { origin: options.corsOrigins, methods: ['GET', 'POST'], credentials: false } : false,
    context: ({ request, req, connectionParams, socketRequest }) =>
      connectionParams
        ? contextFor(headersFromParams(connectionParams), randomUUID(), addressOf(socketRequest))
        : contextFor(request!.headers, requestIds.idFor(request!), addressOf(req)),
    plugins: [
      requestIds.plugin,
      useCSRFPreventionOnPosts(),
      ...(options.introspection ? [] : [useIntrospectionOff()]),
      ...(options.hideSuggestions ? [useSuggestionsHidden()] : []),
      // Counted before the cost is priced, so an operation refused for its cost still counts.
      ...(services.rateLimiter ? [useRateLimits(services.rateLimiter)] : []),
      ...useOperationLimits(options.limits),
      useInputErrorCodes(),
      useOperationLogging(),
      useReadinessCheck({
        endpoint: '/readiness',
        check: async () => {
          const checks = await Promise.allSettled([db.ping(), pubsub.ping()]);
          checks.forEach((check, index) => {
            if (check.status === 'rejected') log.warn({ err: check.reason }, `readiness: ${index === 0 ? 'database' : 'redis'} unreachable`);
          });
          return checks.every((check) => check.status === 'fulfilled');
        },
      }),
    ],
  });

  const api = limitBodySize(options.limits.maxBodyBytes, yoga);
  const http: Server = createHttpServer(webAssets ? (request, response) => webAssets(request, response, () => api(request, response)) : api);
  // A message over the body limit closes the socket (1009, message too big).
  const sockets = new WebSocketServer({
    server: http,
    path: '/graphql',
    maxPayload: options.limits.maxBodyBytes,
    // Browsers open WebSockets to any site without asking it first, and CORS does not apply
    // to them: a page elsewhere could run operations from its visitors' browsers. A browser
    // always says where the page came from; other clients send no Origin and may connect.
    verifyClient: ({ origin, req }: { origin?: string; req: IncomingMessage }) => originAllowed(origin, req.headers.host, options.corsOrigins),
  });
  // graphql-ws runs each operation through Yoga's envelop, so the same context, auth, error
  // masking and limits apply on the socket as over HTTP.
  const socketServer = useServer<Record<string, unknown>>(
    {
      // Close reasons carry an unexpected error's message only in development, whatever NODE_ENV says.
      isProd: !options.exposeErrors,
      connectionInitWaitTimeout: options.wsInitTimeoutMs,
      execute: (args) => (args.rootValue as EnvelopedRoot).execute(args),
      subscribe: (args) => (args.rootValue as EnvelopedRoot).subscribe(args),
      // A token that does not verify closes the socket at once (4403 Forbidden); no token is
      // allowed, so public operations work and protected ones answer UNAUTHENTICATED.
      onConnect: async ({ connectionParams }) => {
        const token = bearerToken(headersFromParams(connectionParams ?? {}).get('authorization'));
        return token === null || (await services.sessions.viewerFor(token)) !== null;
      },
      // extensions.http is Yoga's instruction for an HTTP response (a status, headers); on a
      // socket it means nothing, so it is not sent.
      onNext: (_socketContext, _id, _payload, _args, result) =>
        result.errors?.some((error) => error.extensions?.http)
          ? { ...result, errors: result.errors.map((error) => ({ ...error.toJSON(), extensions: withoutHttp(error.extensions) })) }
          : undefined,
      onSubscribe: async (socketContext, _id, payload) => {
        // Each live subscription holds memory until it ends; `general` only slows down how fast they start.
        if (Object.keys(socketContext.subscriptions).length >= options.limits.maxSocketOperations) {
          return [limitError('socketOperations', `This connection already runs ${options.limits.maxSocketOperations} operations: complete one first.`)];
        }
        const enveloped = yoga.getEnveloped({ connectionParams: socketContext.connectionParams ?? {}, socketRequest: socketContext.extra.request });
        let document;
        try {
          document = enveloped.parse(payload.query);
        } catch (error) {
          // graphql-ws closes the whole socket (4500) for anything but GraphQLErrors here.
          return [error instanceof GraphQLError ? error : new GraphQLError('Unexpected error.', { extensions: { code: 'INTERNAL_SERVER_ERROR' } })];
        }
        const errors = enveloped.validate(enveloped.schema, document);
        if (errors.length > 0) return errors;
        return {
          schema: enveloped.schema,
          document,
          operationName: payload.operationName,
          variableValues: payload.variables,
          contextValue: await enveloped.contextFactory(),
          rootValue: { execute: enveloped.execute, subscribe: enveloped.subscribe },
        };
      },
    },
    sockets,
  );
  let stopping = false;
  let stopped: Promise<void> | undefined;
  // A keep-alive connection whose request was in flight at stop() would stay open for the
  // keep-alive timeout, serving further requests and holding close() back: end it as soon as
  // its response is sent. (Node's own listener, which frees the socket, runs before this one.)
  http.on('request', (_request, response) => {
    response.once('finish', () => {
      if (stopping) http.closeIdleConnections();
    });
  });

  return {
    fetch: async (url, init) => yoga.fetch(url, init ?? {}),
    start(port, host) {
      return new Promise((resolve, reject) => {
        http.once('error', reject);
        http.listen(port, host, () => {
          http.off('error', reject);
          const address = http.address() as AddressInfo;
          resolve({ port: address.port, url: `http://${host}:${address.port}/graphql` });
        });
      });
    },
    stop() {
      // Idempotent: a second call (tests' teardown after a test stopped it) waits for the first.
      stopped ??= (async () => {
        stopping = true;
        // Subscribers are told the server is going away (1001) so they reconnect elsewhere.
        await socketServer.dispose();
        await new Promise<void>((resolve, reject) => {
          if (!http.listening) return resolve();
          http.close((error) => (error ? reject(error) : resolve()));
          // Keep-alive sockets with no request in flight would hold close() open.
          http.closeIdleConnections();
        });
      })();
      return stopped;
    },
  };
}

/**
 * Yoga's CSRF prevention, for POSTs: a browser sends a cross-site POST without a preflight
 * only with a form's content types, and those need the x-graphql-yoga-csrf header here. GETs
 * pass: they can only run queries (Yoga refuses mutations over GET), and the API takes no
 * cookies, so a cross-site GET runs as nobody and its answer stays unreadable to the page
 * that sent it.
 */
function useCSRFPreventionOnPosts(): Plugin {
  const csrf = useCSRFPrevention();
  return {
    onRequestParse(payload) {
      if (payload.request.method === 'GET') return;
      try {
        return csrf.onRequestParse?.(payload);
      } catch (error) {
        // The same refusal (403), with a code of ours.
        throw new GraphQLError((error as Error).message, { extensions: { code: 'FORBIDDEN', http: { status: 403 } } });
      }
    },
  };
}

function withoutHttp(extensions: Record<string, unknown>): Record<string, unknown> {
  const { http: _http, ...rest } = extensions;
  return rest;
}

/** No Origin (not a browser), the server's own origin, or one of the configured ones. */
function originAllowed(origin: string | undefined, host: string | undefined, corsOrigins: string[]): boolean {
  if (!origin) return true;
  if (corsOrigins.includes(origin)) return true;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}
