import { createServer as createHttpServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { GraphQLSchema } from 'graphql';
import { createYoga, useReadinessCheck } from 'graphql-yoga';
import type { Logger } from 'pino';
import type { Context } from './context.ts';
import type { Database } from './db/database.ts';
import { createMaskError } from './errors-masking.ts';
import { graphiqlExamples } from './graphiql-examples.ts';
import { createRequestIds, useOperationLogging } from './logging.ts';
import { createContextFactory } from './request-context.ts';
import type { Services } from './services.ts';

export interface ServerDeps {
  schema: GraphQLSchema;
  db: Database;
  services: Services;
  log: Logger;
  /** Serve GraphiQL at /graphql. */
  graphiql: boolean;
  /** Show unexpected errors' details to clients (development only). */
  exposeErrors: boolean;
}

export interface ChorusServer {
  /** Listens; resolves with the bound address (port 0 picks a free port). */
  start(port: number, host: string): Promise<{ port: number; url: string }>;
  /** Stops accepting, lets in-flight requests finish, then resolves. */
  stop(): Promise<void>;
  /** Yoga's fetch handler: tests call it in-process. */
  fetch: (url: string, init?: RequestInit) => Promise<Response>;
}

/** Yoga (HTTP, GraphiQL) on one Node HTTP server; /health and /readiness for orchestrators. */
export function createServer({ schema, db, services, log, graphiql, exposeErrors }: ServerDeps): ChorusServer {
  const contextFor = createContextFactory({ db, services, log });
  const requestIds = createRequestIds();
  const yoga = createYoga<Record<string, unknown>, Context>({
    schema,
    graphqlEndpoint: '/graphql',
    healthCheckEndpoint: '/health',
    landingPage: false,
    logging: log,
    graphiql: graphiql ? { title: 'Chorus', defaultQuery: graphiqlExamples } : false,
    maskedErrors: { maskError: createMaskError(exposeErrors) },
    context: ({ request }) => contextFor(request.headers, requestIds.idFor(request)),
    plugins: [
      requestIds.plugin,
      useOperationLogging(),
      useReadinessCheck({
        endpoint: '/readiness',
        check: async () => {
          try {
            await db.ping();
            return true;
          } catch (error) {
            log.warn({ err: error }, 'readiness: database unreachable');
            return false;
          }
        },
      }),
    ],
  });

  const http: Server = createHttpServer(yoga);
  let stopping = false;
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
      stopping = true;
      return new Promise((resolve, reject) => {
        if (!http.listening) return resolve();
        http.close((error) => (error ? reject(error) : resolve()));
        // Keep-alive sockets with no request in flight would hold close() open.
        http.closeIdleConnections();
      });
    },
  };
}
