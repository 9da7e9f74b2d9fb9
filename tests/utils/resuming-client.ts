import { connectLive, type LiveClient } from './live-client.ts';

/** Every seq one subscriber received, in arrival order, duplicates included. */
export interface SeqLog {
  seqs: number[];
  last(): number;
  record(seq: number): void;
  /** Resolves once a seq ≥ `seq` has been recorded; rejects if the log fails first. */
  reached(seq: number): Promise<void>;
  /** Fails every current and later `reached` wait. */
  fail(error: Error): void;
}

export function createSeqLog(): SeqLog {
  const seqs: number[] = [];
  const waiters: { seq: number; resolve: () => void; reject: (error: Error) => void }[] = [];
  let failure: Error | undefined;
  const highest = () => seqs.reduce((max, seq) => Math.max(max, seq), 0);
  return {
    seqs,
    last: () => seqs.at(-1) ?? 0,
    record(seq) {
      seqs.push(seq);
      for (const waiter of [...waiters]) {
        if (seq >= waiter.seq) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve();
        }
      }
    },
    reached(seq) {
      if (failure) return Promise.reject(failure);
      if (highest() >= seq) return Promise.resolve();
      return new Promise((resolve, reject) => waiters.push({ seq, resolve, reject }));
    },
    fail(error) {
      failure = error;
      for (const waiter of waiters.splice(0)) waiter.reject(error);
    },
  };
}

/** How a log compares with the seqs first..last that were sent (seqs outside are left out). */
export function tally(seqs: number[], first: number, last: number) {
  const counted = seqs.filter((seq) => seq >= first && seq <= last);
  const unique = new Set(counted);
  return {
    received: counted.length,
    lost: last - first + 1 - unique.size,
    duplicated: counted.length - unique.size,
  };
}

export const conversationEventsQuery = /* GraphQL */ `
  subscription Events($conversationId: ID!, $afterSeq: Int) {
    conversationEvents(conversationId: $conversationId, afterSeq: $afterSeq) {
      __typename
      ... on MessageAdded { seq message { text } }
      ... on MemberJoined { seq }
    }
  }`;

export interface ResumingClient {
  log: SeqLog;
  /** Times it subscribed again after a stream ended or its socket closed. */
  resumes(): number;
  /** Why each earlier stream ended. */
  endings: string[];
  /** Texts of the MessageAdded events by seq, to check each event carries its own message. */
  texts: Map<number, string>;
  /** Drops the socket at once, as a lost network would (no close handshake). */
  cut(): void;
  close(): Promise<void>;
}

/**
 * A conversationEvents subscriber that behaves as a client should: whenever its stream ends
 * or its socket closes, it connects again and subscribes with afterSeq = the last seq it saw.
 * `wsUrl` may be a function, asked before every connection, for a client that can reach more
 * than one instance (it moves to another when the one it used is gone).
 */
export function startResumingClient(
  wsUrl: string | (() => string),
  token: string,
  conversationId: string,
  options: { maxResumes?: number } = {},
): ResumingClient {
  const maxResumes = options.maxResumes ?? 20;
  const log = createSeqLog();
  const texts = new Map<number, string>();
  const endings: string[] = [];
  let live: LiveClient | undefined;
  let closed = false;
  let resumes = 0;

  const run = async () => {
    for (;;) {
      const client = connectLive(typeof wsUrl === 'function' ? wsUrl() : wsUrl, token);
      live = client;
      try {
        const stream = client.client.iterate<{ conversationEvents: { __typename: string; seq?: number; message?: { text: string } } }>({
          query: conversationEventsQuery,
          variables: { conversationId, afterSeq: log.last() },
        });
        for await (const result of stream) {
          if (result.errors?.length) throw new Error(`errors: ${JSON.stringify(result.errors)}`);
          const event = result.data!.conversationEvents;
          if (event.message) texts.set(event.seq!, event.message.text);
          if (event.seq !== undefined) log.record(event.seq);
        }
        endings.push('complete');
      } catch (error) {
        endings.push(describe(error));
      } finally {
        client.client.terminate();
      }
      if (closed) return;
      if (++resumes > maxResumes) {
        log.fail(new Error(`gave up after ${maxResumes} resumes: ${endings.join('; ')}`));
        return;
      }
    }
  };
  const running = run();

  return {
    log,
    resumes: () => resumes,
    endings,
    texts,
    cut: () => live?.client.terminate(),
    async close() {
      closed = true;
      live?.client.terminate();
      await running;
    },
  };
}

/** graphql-ws rejects with a CloseEvent-like object, an Error or a list of GraphQL errors. */
function describe(error: unknown): string {
  if (error && typeof error === 'object' && 'code' in error && 'reason' in error) {
    const close = error as { code: number; reason: string };
    return `socket closed ${close.code}${close.reason ? ` ${close.reason}` : ''}`;
  }
  if (error instanceof Error) return error.message;
  return JSON.stringify(error);
}
