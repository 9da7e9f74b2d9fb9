import { performance } from 'node:perf_hooks';
import { SignJWT, decodeJwt } from 'jose';
import WebSocket from 'ws';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, ok, type TestApp } from './utils/test-app.ts';
import { directConversation, signUp, type TestUser } from './utils/users.ts';
import { within } from './utils/waiting.ts';

/*
 * The GraphQL over WebSocket protocol (graphql-transport-ws) as the server speaks it, seen
 * from a raw socket: a client library would hide the very frames and close codes checked
 * here (it never sends a duplicate id or a malformed message, and it retries on close).
 */

/** How long any single frame or close may take to arrive before a test fails. */
const waitMs = 5_000;

interface Frame {
  type: string;
  id?: string;
  payload?: any;
}

interface Closed {
  code: number;
  reason: string;
  /** performance.now() when the client saw the close. */
  at: number;
}

interface RawClient {
  socket: WebSocket;
  /** Every frame received so far, parsed, in order. */
  received: Frame[];
  /** Settles when the socket closes, with the code and reason the server gave. */
  closed: Promise<Closed>;
  send(frame: unknown): void;
  /** The first frame received (so far or later) that matches; rejects if the socket closes first. */
  frame(what: string, match: (frame: Frame) => boolean): Promise<Frame>;
  /** The close, within `ms`. */
  close(what: string, ms?: number): Promise<Closed>;
}

const opened: WebSocket[] = [];

afterEach(() => {
  // A test that failed half-way must not leave a socket holding its server open.
  for (const socket of opened.splice(0)) socket.terminate();
});

async function connect(wsUrl: string): Promise<RawClient> {
  const socket = new WebSocket(wsUrl, 'graphql-transport-ws');
  opened.push(socket);
  const received: Frame[] = [];
  const waiters = new Set<() => void>();
  let closedWith: Closed | undefined;
  const closed = new Promise<Closed>((resolve) =>
    socket.once('close', (code, reason) => {
      closedWith = { code, reason: reason.toString(), at: performance.now() };
      resolve(closedWith);
      for (const waiter of [...waiters]) waiter();
    }),
  );
  // The 1009 test makes the server drop the connection; a client-side error must not be unhandled.
  socket.on('error', () => {});
  socket.on('message', (data) => {
    received.push(JSON.parse(String(data)) as Frame);
    for (const waiter of [...waiters]) waiter();
  });
  await within(
    waitMs,
    'the socket to open',
    new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('unexpected-response', (_request, response) => reject(new Error(`upgrade refused with HTTP ${response.statusCode}`)));
      socket.once('error', reject);
    }),
  );
  // The server must pick the one subprotocol it speaks.
  expect(socket.protocol).toBe('graphql-transport-ws');
  return {
    socket,
    received,
    closed,
    send: (frame) => socket.send(typeof frame === 'string' ? frame : JSON.stringify(frame)),
    frame(what, match) {
      return within(
        waitMs,
        what,
        new Promise<Frame>((resolve, reject) => {
          const check = () => {
            const found = received.find(match);
            if (found) {
              waiters.delete(check);
              resolve(found);
            } else if (closedWith) {
              waiters.delete(check);
              reject(new Error(`socket closed (${closedWith.code} ${closedWith.reason}) before ${what}; received ${JSON.stringify(received)}`));
            }
          };
          waiters.add(check);
          check();
        }),
      );
    },
    close: (what, ms = waitMs) => within(ms, what, closed),
  };
}

/** Opens a socket, sends connection_init (with the token, if any) and waits for the ack. */
async function acknowledged(wsUrl: string, token?: string): Promise<RawClient> {
  const client = await connect(wsUrl);
  client.send({ type: 'connection_init', payload: token ? { authorization: `Bearer ${token}` } : {} });
  await client.frame('connection_ack', (frame) => frame.type === 'connection_ack');
  return client;
}

const eventsQuery = /* GraphQL */ `
  subscription Events($id: ID!, $after: Int) {
    conversationEvents(conversationId: $id, afterSeq: $after) {
      __typename
      ... on MemberJoined { seq }
      ... on MessageAdded { seq message { text } }
    }
  }`;

const seqOf = (frame: Frame): number | undefined => frame.payload?.data?.conversationEvents?.seq;
const isNext = (id: string, seq?: number) => (frame: Frame) =>
  frame.type === 'next' && frame.id === id && (seq === undefined || seqOf(frame) === seq);

describe('graphql-transport-ws over a raw socket', () => {
  let t: TestApp;
  let wsUrl: string;
  let counter = 0;

  beforeAll(async () => {
    t = await createTestApp();
    const { port } = await t.app.server.start(0, '127.0.0.1');
    wsUrl = `ws://127.0.0.1:${port}/graphql`;
  });
  afterAll(async () => {
    await t?.close();
  });

  const person = async () => signUp(t, `ws${(counter += 1)}`);
  const pair = async (): Promise<[TestUser, TestUser]> => [await person(), await person()];
  const send = async (user: TestUser, conversationId: string, text: string) =>
    ok(await t.gql(`mutation($id: ID!, $text: String!) { sendMessage(input: { conversationId: $id, text: $text }) { seq } }`, { id: conversationId, text }, { token: user.token }))
      .sendMessage.seq as number;

  it('should close with 4401 Unauthorized when a subscribe comes before connection_ack', async () => {
    const client = await connect(wsUrl);
    client.send({ id: 'early', type: 'subscribe', payload: { query: '{ __typename }' } });
    const { code, reason } = await client.close('the close after an unacknowledged subscribe');
    expect([code, reason]).toEqual([4401, 'Unauthorized']);
    // Nothing of the operation ran: no result reached the client.
    expect(client.received).toEqual([]);
  });

  it('should close with 4429 on a second connection_init', async () => {
    const client = await acknowledged(wsUrl);
    client.send({ type: 'connection_init', payload: {} });
    const { code, reason } = await client.close('the close after a second connection_init');
    expect([code, reason]).toEqual([4429, 'Too many initialisation requests']);
    expect(client.received).toEqual([{ type: 'connection_ack' }]);
  });

  it('should close with 4409 when a subscribe reuses the id of an active subscription', async () => {
    const [ann, bob] = await pair();
    const conversationId = await directConversation(t, ann, bob);
    const client = await acknowledged(wsUrl, ann.token);
    client.send({ id: 'dup', type: 'subscribe', payload: { query: eventsQuery, variables: { id: conversationId, after: 0 } } });
    // A replayed event proves the first subscription is running when the duplicate arrives.
    await client.frame('the first subscription to replay seq 1', isNext('dup', 1));
    client.send({ id: 'dup', type: 'subscribe', payload: { query: 'subscription { myEvents { __typename } }' } });
    const { code, reason } = await client.close('the close after a duplicate id');
    expect([code, reason]).toEqual([4409, 'Subscriber for dup already exists']);
  });

  describe('connection_init tokens', () => {
    let owner: TestUser;
    let claims: { sub: string; sid: string };

    beforeAll(async () => {
      owner = await person();
      const decoded = decodeJwt(owner.token);
      claims = { sub: decoded.sub!, sid: decoded.sid as string };
    });

    /** A token naming the real user and session, so that only its secret or its expiry can be wrong. */
    const tokenLike = async (secret: string, expiresAt: number) =>
      new SignJWT({ sid: claims.sid })
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setSubject(claims.sub)
        .setIssuer('chorus')
        .setAudience('chorus-api')
        .setIssuedAt(expiresAt - 900)
        .setExpirationTime(expiresAt)
        .sign(new TextEncoder().encode(secret));
    const now = () => Math.floor(Date.now() / 1000);

    it('should acknowledge the genuine token the refused ones below are made like', async () => {
      // The control: same user, same session, right secret, not expired.
      const genuine = await tokenLike(t.config.jwtSecret, now() + 600);
      const client = await acknowledged(wsUrl, genuine);
      expect(client.received).toEqual([{ type: 'connection_ack' }]);
    });

    it.each([
      ['a token that is not a JWT', async () => 'garbage'],
      ['a token signed with another secret', async () => tokenLike('another-secret-that-is-long-enough-9876543210', now() + 600)],
      ['an expired token', async () => tokenLike(t.config.jwtSecret, now() - 60)],
    ])('should close with 4403 Forbidden for %s, without an ack', async (_name, token) => {
      const client = await connect(wsUrl);
      client.send({ type: 'connection_init', payload: { authorization: `Bearer ${await token()}` } });
      const { code, reason } = await client.close('the close after a refused token');
      expect([code, reason]).toEqual([4403, 'Forbidden']);
      expect(client.received).toEqual([]);
    });

    it('should acknowledge no token, answer a protected subscription UNAUTHENTICATED, and keep the socket', async () => {
      const client = await acknowledged(wsUrl);
      client.send({ id: 'mine', type: 'subscribe', payload: { query: 'subscription { myEvents { __typename } }' } });
      // The refusal is an execution result (graphql-js answers a subscribe that throws with a
      // result holding the error), sent as `next`, then the server ends the operation.
      const refusal = await client.frame('the answer to myEvents', (frame) => frame.id === 'mine' && frame.type !== 'complete');
      expect(refusal.type).toBe('next');
      expect(refusal.payload.errors).toHaveLength(1);
      expect(refusal.payload.errors[0].extensions.code).toBe('UNAUTHENTICATED');
      expect(refusal.payload.data ?? null).toBeNull();
      await client.frame('myEvents to complete', (frame) => frame.id === 'mine' && frame.type === 'complete');
      // Anonymous is a permitted state of the connection: a public operation still runs on it.
      client.send({ id: 'public', type: 'subscribe', payload: { query: '{ __typename }' } });
      expect((await client.frame('the public query', (frame) => frame.id === 'public' && frame.type === 'next')).payload).toEqual({ data: { __typename: 'Query' } });
      expect(client.socket.readyState).toBe(WebSocket.OPEN);
    });
  });

  it.each([
    ['text that is not JSON', '{"type": "connection_init"'],
    ['a message of an unknown type', JSON.stringify({ type: 'bogus' })],
    ['a subscribe with no payload', JSON.stringify({ id: 'nothing', type: 'subscribe' })],
  ])('should close with 4400 on %s', async (_name, data) => {
    const client = await acknowledged(wsUrl);
    client.send(data);
    const { code, reason } = await client.close('the close after an invalid message');
    expect([code, reason]).toEqual([4400, 'Invalid message received']);
    expect(client.received).toEqual([{ type: 'connection_ack' }]);
  });

  it('should stream a subscription after the ack, and stop it when the client sends complete', async () => {
    const [ann, bob] = await pair();
    const conversationId = await directConversation(t, ann, bob);
    const client = await acknowledged(wsUrl, ann.token);
    // Two subscriptions to the same conversation on one socket: 'witness' shows what 'stopped'
    // would have received had it not been completed.
    for (const id of ['stopped', 'witness']) client.send({ id, type: 'subscribe', payload: { query: eventsQuery, variables: { id: conversationId, after: 0 } } });
    // Replay of the two MemberJoined events; each stream listens before it replays, so both are live now.
    await client.frame('stopped to replay seq 2', isNext('stopped', 2));
    await client.frame('witness to replay seq 2', isNext('witness', 2));
    expect(client.received.filter(isNext('stopped')).map((frame) => frame.payload.data.conversationEvents)).toEqual([
      { __typename: 'MemberJoined', seq: 1 },
      { __typename: 'MemberJoined', seq: 2 },
    ]);

    client.send({ id: 'stopped', type: 'complete' });
    // The server handles frames in order: once this pong is back, it has taken the complete.
    client.send({ type: 'ping', payload: { after: 'complete' } });
    await client.frame('the pong after complete', (frame) => frame.type === 'pong' && frame.payload?.after === 'complete');

    const seq = await send(bob, conversationId, 'after complete');
    const live = await client.frame('witness to receive the new message', isNext('witness', seq));
    expect(live.payload.data.conversationEvents).toEqual({ __typename: 'MessageAdded', seq, message: { text: 'after complete' } });
    // Anything the server had queued for 'stopped' alongside the witness's event is in by the next pong.
    client.send({ type: 'ping', payload: { after: 'message' } });
    await client.frame('the pong after the message', (frame) => frame.type === 'pong' && frame.payload?.after === 'message');
    expect(client.received.filter(isNext('stopped')).map(seqOf)).toEqual([1, 2]);
    // The client ended it, so the server sends no complete of its own for it.
    expect(client.received.filter((frame) => frame.id === 'stopped' && frame.type !== 'next')).toEqual([]);

    // The id is free again: reusing it starts a new subscription instead of closing with 4409.
    client.send({ id: 'stopped', type: 'subscribe', payload: { query: eventsQuery, variables: { id: conversationId, after: seq - 1 } } });
    const again = await client.frame('the reused id to replay the new message', (frame) => isNext('stopped', seq)(frame));
    expect(again.payload.data.conversationEvents.message.text).toBe('after complete');
    expect(client.socket.readyState).toBe(WebSocket.OPEN);
  });

  it('should answer ping with pong, echoing its payload, before and after connection_init', async () => {
    const client = await connect(wsUrl);
    // The protocol allows ping at any time, including before the connection is initialised.
    client.send({ type: 'ping' });
    expect(await client.frame('a pong before init', (frame) => frame.type === 'pong')).toEqual({ type: 'pong' });
    client.send({ type: 'connection_init' });
    await client.frame('connection_ack', (frame) => frame.type === 'connection_ack');
    client.send({ type: 'ping', payload: { n: 2 } });
    expect(await client.frame('a pong with a payload', (frame) => frame.type === 'pong' && frame.payload !== undefined)).toEqual({ type: 'pong', payload: { n: 2 } });
    expect(client.received.map((frame) => frame.type)).toEqual(['pong', 'connection_ack', 'pong']);
  });
});

describe('connection initialisation timeout (WS_INIT_TIMEOUT_MS)', () => {
  const initTimeoutMs = 500;
  let t: TestApp;
  let wsUrl: string;

  beforeAll(async () => {
    t = await createTestApp({ WS_INIT_TIMEOUT_MS: String(initTimeoutMs) });
    const { port } = await t.app.server.start(0, '127.0.0.1');
    wsUrl = `ws://127.0.0.1:${port}/graphql`;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('should close a socket that sends no connection_init with 4408 once the configured timeout has passed, and only that socket', async () => {
    // Opened first, so its own deadline passes on the server before the idle socket's does.
    const initialised = await connect(wsUrl);
    initialised.send({ type: 'connection_init' });
    await initialised.frame('connection_ack', (frame) => frame.type === 'connection_ack');
    // Measured from before the socket exists: the server's timer starts later, on its accept.
    const started = performance.now();
    const idle = await connect(wsUrl);

    // Bounded well past graphql-ws' own 3000 ms default, so that a server ignoring the
    // setting fails on the elapsed time below rather than on this wait.
    const { code, reason, at } = await idle.close('the init timeout to close the idle socket', 10_000);
    const elapsed = at - started;
    expect([code, reason]).toEqual([4408, 'Connection initialisation timeout']);
    // Not early (a little slack for timer granularity) ...
    expect(elapsed).toBeGreaterThanOrEqual(initTimeoutMs - 20);
    // ... and from the configured timeout, not the 3000 ms default (generous slack for a busy CI machine).
    expect(elapsed).toBeLessThan(initTimeoutMs + 1_500);

    // The socket that did initialise is past its own deadline and still served.
    initialised.send({ type: 'ping', payload: { still: 'open' } });
    await initialised.frame('a pong after the deadline', (frame) => frame.type === 'pong');
    expect(initialised.socket.readyState).toBe(WebSocket.OPEN);
  });
});

describe('maximum message size (MAX_BODY_BYTES)', () => {
  const maxBodyBytes = 10_000;
  let t: TestApp;
  let wsUrl: string;

  beforeAll(async () => {
    t = await createTestApp({ MAX_BODY_BYTES: String(maxBodyBytes) });
    const { port } = await t.app.server.start(0, '127.0.0.1');
    wsUrl = `ws://127.0.0.1:${port}/graphql`;
  });
  afterAll(async () => {
    await t?.close();
  });

  /** A subscribe frame of exactly `bytes` bytes, padded in its (ignored) extensions. */
  const subscribeOf = (id: string, bytes: number): string => {
    const frame = (pad: string) => JSON.stringify({ id, type: 'subscribe', payload: { query: '{ __typename }', extensions: { pad } } });
    const data = frame('x'.repeat(bytes - Buffer.byteLength(frame(''))));
    expect(Buffer.byteLength(data)).toBe(bytes);
    return data;
  };

  it('should run a subscribe under the limit, and close with 1009 on one of 20,000 bytes', async () => {
    const client = await acknowledged(wsUrl);
    // The control: the same operation, under the limit, is served.
    client.send(subscribeOf('small', 9_000));
    const small = await client.frame('the answer to the small subscribe', (frame) => frame.id === 'small' && frame.type === 'next');
    expect(small.payload).toEqual({ data: { __typename: 'Query' } });

    client.send(subscribeOf('large', 20_000));
    const { code } = await client.close('the close after an oversized message');
    // 1009 Message Too Big: the WebSocket layer refuses the frame before graphql-ws sees it.
    expect(code).toBe(1009);
    expect(client.received.filter((frame) => frame.id === 'large')).toEqual([]);
  });
});
