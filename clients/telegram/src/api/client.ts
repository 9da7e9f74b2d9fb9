import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { createPrinter } from './printer.ts';

/** An expected failure the API answered with a stable code (UNAUTHENTICATED, FORBIDDEN, …). */
export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    message: string,
    readonly code: string,
    /** The input field at fault, for BAD_USER_INPUT. */
    readonly field?: string,
    /** Seconds to wait, for RATE_LIMITED. */
    readonly retryAfter?: number,
  ) {
    super(message);
  }
}

/** Who a request speaks for: a person (their access token), the bot service (its key), or both. */
export interface Caller {
  token?: string;
  service?: boolean;
}

export interface RequestOptions {
  /** How long this call may take, when not the client's default. */
  timeoutMs?: number;
}

export interface GraphQLClient {
  /** Runs an operation; its errors become ApiError (the first one), a transport failure or timeout an Error. */
  request<Result, Variables>(
    document: TypedDocumentNode<Result, Variables>,
    variables: Variables,
    caller?: Caller,
    options?: RequestOptions,
  ): Promise<Result>;
}

export interface GraphQLClientOptions {
  /** The API's GraphQL endpoint. */
  url: string;
  /** The bot service key, sent as x-service-key when a call asks for it. */
  serviceKey: string;
  /** How long a request may take before it fails (default 15 s): a hung API must not hold a chat. */
  timeoutMs?: number;
  fetch?: typeof globalThis.fetch;
}

interface Response<Result> {
  data?: Result | null;
  errors?: { message: string; extensions?: { code?: string; field?: string; retryAfter?: number } }[];
}

/** A small GraphQL-over-HTTP client: the bot knows the API only through its printed schema. */
export function createGraphQLClient({ url, serviceKey, timeoutMs = 15_000, fetch = globalThis.fetch }: GraphQLClientOptions): GraphQLClient {
  const print = createPrinter();
  return {
    async request(document, variables, caller = {}, options = {}) {
      const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' };
      if (caller.token) headers.authorization = `Bearer ${caller.token}`;
      if (caller.service) headers['x-service-key'] = serviceKey;
      const body = JSON.stringify({ query: print(document), variables });
      const response = await fetch(url, { method: 'POST', headers, body, signal: AbortSignal.timeout(options.timeoutMs ?? timeoutMs) });
      let result: Response<never>;
      try {
        result = (await response.json()) as Response<never>;
      } catch (error) {
        // A timeout while the body arrives is a timeout, not a malformed answer.
        if (!(error instanceof SyntaxError)) throw error;
        throw new Error(`the API answered ${response.status} without a GraphQL response`);
      }
      const [error] = result.errors ?? [];
      if (error) {
        const { code = 'INTERNAL_SERVER_ERROR', field, retryAfter } = error.extensions ?? {};
        throw new ApiError(error.message, code, field, retryAfter);
      }
      if (!result.data) throw new Error(`the API answered ${response.status} with no data`);
      return result.data;
    },
  };
}
