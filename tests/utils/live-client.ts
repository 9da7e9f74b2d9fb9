import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

export interface Subscription<T = any> {
  /** Every result received so far, in order. */
  results: { data?: T; errors?: { message: string; extensions?: Record<string, any> }[] }[];
  /** Resolves once `count` results have arrived (or rejects when the stream ends short of it). */
  waitFor(count: number): Promise<void>;
  /** Resolves when the server ends the stream (complete or error). */
  ended: Promise<'complete' | 'error'>;
  dispose(): void;
}

export interface LiveClient {
  client: Client;
  subscribe<T = any>(query: string, variables?: Record<string, unknown>): Subscription<T>;
  close(): Promise<void>;
}

/**
 * A graphql-ws client over a real socket; `token` goes into connection_init as a bearer token,
 * with any other `params` (the bot's `x-service-key`).
 */
export function connectLive(wsUrl: string, token?: string, options: { retryAttempts?: number; params?: Record<string, string> } = {}): LiveClient {
  const client = createClient({
    url: wsUrl,
    webSocketImpl: WebSocket,
    connectionParams: { ...options.params, ...(token ? { authorization: `Bearer ${token}` } : {}) },
    retryAttempts: options.retryAttempts ?? 0,
    lazy: true,
  });
  return {
    client,
    subscribe(query, variables) {
      const results: Subscription['results'] = [];
      const waiters: { count: number; resolve: () => void; reject: (error: Error) => void }[] = [];
      let finished: 'complete' | 'error' | undefined;
      const settle = () => {
        for (const waiter of [...waiters]) {
          if (results.length >= waiter.count) {
            waiters.splice(waiters.indexOf(waiter), 1);
            waiter.resolve();
          } else if (finished) {
            waiters.splice(waiters.indexOf(waiter), 1);
            waiter.reject(new Error(`stream ended (${finished}) after ${results.length} of ${waiter.count} results: ${JSON.stringify(results.at(-1))}`));
          }
        }
      };
      let endedResolve!: (how: 'complete' | 'error') => void;
      const ended = new Promise<'complete' | 'error'>((resolve) => (endedResolve = resolve));
      const dispose = client.subscribe(
        { query, variables },
        {
          next: (result) => {
            results.push(result as Subscription['results'][number]);
            settle();
          },
          error: (error) => {
            results.push({ errors: Array.isArray(error) ? error : [{ message: String((error as Error).message ?? error) }] });
            finished = 'error';
            endedResolve('error');
            settle();
          },
          complete: () => {
            finished = 'complete';
            endedResolve('complete');
            settle();
          },
        },
      );
      return {
        results,
        ended,
        dispose,
        waitFor(count) {
          return new Promise<void>((resolve, reject) => {
            waiters.push({ count, resolve, reject });
            settle();
          });
        },
      };
    },
    close: () => client.dispose() as Promise<void>,
  };
}
