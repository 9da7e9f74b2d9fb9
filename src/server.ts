import { randomUUID } from 'node:crypto';
import { createServer as createHttpServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ExecutionArgs, GraphQLError, GraphQLSchema } from 'graphql';
import { createYoga, useReadinessCheck } from 'graphql-yoga';
import type { OperationResult } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import type { Logger } from 'pino';
import { WebSocketServer } from 'ws';
import type { Context } from './context.ts';
import type { Database } from './db/database.ts';
import { createMaskError } from './errors-masking.ts';
import { graphiqlExamples } from './graphiql-examples.ts';
import { useInputErrorCodes } from './input-error-codes.ts';
import { createRequestIds, useOperationLogging } from './logging.ts';
import type { PubSub } from './pubsub/pubsub.ts';
import { bearerToken, createContextFactory, headersFromParams } from './request-context.ts';
import type { Services } from './services.ts';
import type { WebAssets } from './web-assets.ts';

export interface ServerDeps {
  schema: GraphQLSchema;
  db: Database;
  pubsub: PubSub;
  services: Services;
  log: Logger;
  /** Serve GraphiQL at /graphql. */
  graphiql: boolean;
  /** Show unexpected errors' details to clients (development only). */
  exposeErrors: boolean;
  /** The web client's files, served at / (none: the API only). */
  webAssets?: WebAssets;
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
  /** The payload of graphql-ws' connection_init, for operations over a WebSocket. */
  connectionParams?: Record<string, unknown>;
}

/**
 * Yoga (HTTP, SSE, GraphiQL) and graphql-ws on one Node HTTP server and one path, /graphql;
 * /health and /readiness for orchestrators; the web client at every other path.
 */
export function createServer({ schema, db, pubsub, services, log, graphiql, exposeErrors, webAssets }: ServerDeps): ChorusServer {
  const contextFor = createContextFactory({ db, pubsub, services, log });
  const requestIds = createRequestIds();
  const yoga = createYoga<InitialContext, Context>({
    schema,
    graphqlEndpoint: '/graphql',
    healthCheckEndpoint: '/health',
    landingPage: false,
    logging: log,
    graphiql: graphiql ? { title: 'Chorus', defaultQuery: graphiqlExamples } : false,
    maskedErrors: { maskError: createMaskError(exposeErrors) },
    context: ({ request, connectionParams }) =>
      connectionParams
        ? contextFor(headersFromParams(connectionParams), randomUUID())
        : contextFor(request!.headers, requestIds.idFor(request!)),
    plugins: [
      requestIds.plugin,
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

  const http: Server = createHttpServer(webAssets ? (request, response) => webAssets(request, response, () => yoga(request, response)) : yoga);
  const sockets = new WebSocketServer({ server: http, path: '/graphql' });
  // graphql-ws runs each operation through Yoga's envelop, so the same context, auth, error
  // masking and limits apply on the socket as over HTTP.
  const socketServer = useServer<Record<string, unknown>>(
    {
      execute: (args) => (args.rootValue as EnvelopedRoot).execute(args),
      subscribe: (args) => (args.rootValue as EnvelopedRoot).subscribe(args),
      // A token that does not verify closes the socket at once (4403 Forbidden); no token is
      // allowed, so public operations work and protected ones answer UNAUTHENTICATED.
      onConnect: async ({ connectionParams }) => {
        const token = bearerToken(headersFromParams(connectionParams ?? {}).get('authorization'));
        return token === null || (await services.sessions.viewerFor(token)) !== null;
      },
      onSubscribe: async (socketContext, _id, payload) => {
        const enveloped = yoga.getEnveloped({ connectionParams: socketContext.connectionParams ?? {} });
        let document;
        try {
          document = enveloped.parse(payload.query);
        } catch (error) {
          return [error as GraphQLError];
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
