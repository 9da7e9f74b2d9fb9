import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { createPrinter } from './printer.ts';

const isCloseEvent = (value: unknown): value is { code: number } =>
  typeof value === 'object' && value !== null && 'code' in value && typeof (value as { code: unknown }).code === 'number';

/**
 * graphql-ws close codes that a retry cannot change: a bad request (4400), refused credentials
 * (4401, 4403), no common subprotocol (4406), a subscription id in use (4409). Others (a lost
 * connection, 4408 init timeout, 4429 too many inits) are worth another try.
 */
const refusals = new Set([4400, 4401, 4403, 4406, 4409]);

/** Who a stream speaks for: a token (or a way to get a fresh one at each connection), or the bot service. */
export interface LiveCaller {
  token?: string | (() => Promise<string>);
  service?: boolean;
}

export interface LiveConnector {
  /**
   * Follows a subscription until it completes or `stop()` is called; the socket reconnects by
   * itself. Errors end it (reported to `onError`).
   */
  subscribe<Result, Variables>(
    document: TypedDocumentNode<Result, Variables>,
    variables: Variables,
    caller: LiveCaller,
    handlers: { next(data: Result): void; error?(error: unknown): void; complete?(): void },
  ): { stop(): void };
  close(): Promise<void>;
}

/** GraphQL over WebSocket (graphql-ws) to the API; credentials travel in connection_init. */
export function createLiveConnector({ url, serviceKey }: { url: string; serviceKey: string }): LiveConnector {
  const clients = new Set<Client>();
  const print = createPrinter();
  return {
    subscribe<Result, Variables>(
      document: TypedDocumentNode<Result, Variables>,
      variables: Variables,
      caller: LiveCaller,
      handlers: { next(data: Result): void; error?(error: unknown): void; complete?(): void },
    ) {
      // Asked at every (re)connection, so a stream that outlives a token reconnects with a fresh one.
      const connectionParams = async () => {
        const params: Record<string, string> = {};
        const token = typeof caller.token === 'function' ? await caller.token() : caller.token;
        if (token) params.authorization = `Bearer ${token}`;
        if (caller.service) params['x-service-key'] = serviceKey;
        return params;
      };
      const client = createClient({
        url,
        webSocketImpl: WebSocket,
        connectionParams,
        lazy: true,
        retryAttempts: Infinity,
        shouldRetry: (error) => !(isCloseEvent(error) && refusals.has(error.code)),
        // 1 s, 2 s, 4 s… at most 15 s apart, so a long outage does not leave wake-ups minutes away.
        retryWait: (retries) => new Promise((resolve) => setTimeout(resolve, Math.min(1000 * 2 ** retries, 15_000) + Math.random() * 500)),
      });
      clients.add(client);
      const stop = client.subscribe<Result>(
        { query: print(document), variables: variables as Record<string, unknown> },
        {
          next: (result) => {
            if (result.data) handlers.next(result.data);
            else if (result.errors) handlers.error?.(result.errors);
          },
          error: (error) => handlers.error?.(error),
          complete: () => handlers.complete?.(),
        },
      );
      return {
        stop() {
          stop();
          clients.delete(client);
          void client.dispose();
        },
      };
    },
    async close() {
      await Promise.all([...clients].map((client) => client.dispose()));
      clients.clear();
    },
  };
}
