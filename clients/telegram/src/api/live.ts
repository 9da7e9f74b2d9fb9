import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import type { Caller } from './client.ts';

export interface LiveConnector {
  /**
   * Follows a subscription until it completes or `stop()` is called; the socket reconnects by
   * itself. Errors end it (reported to `onError`).
   */
  subscribe<Result, Variables>(
    document: TypedDocumentNode<Result, Variables>,
    variables: Variables,
    caller: Caller,
    handlers: { next(data: Result): void; error?(error: unknown): void; complete?(): void },
  ): { stop(): void };
  close(): Promise<void>;
}

/** GraphQL over WebSocket (graphql-ws) to the API; credentials travel in connection_init. */
export function createLiveConnector({ url, serviceKey }: { url: string; serviceKey: string }): LiveConnector {
  const clients = new Set<Client>();
  return {
    subscribe<Result, Variables>(
      document: TypedDocumentNode<Result, Variables>,
      variables: Variables,
      caller: Caller,
      handlers: { next(data: Result): void; error?(error: unknown): void; complete?(): void },
    ) {
      const connectionParams: Record<string, string> = {};
      if (caller.token) connectionParams.authorization = `Bearer ${caller.token}`;
      if (caller.service) connectionParams['x-service-key'] = serviceKey;
      const client = createClient({ url, webSocketImpl: WebSocket, connectionParams, retryAttempts: Infinity, shouldRetry: () => true, lazy: true });
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
