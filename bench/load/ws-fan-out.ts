// The load process of the subscription scenarios (fan-out, memory per connection, two
// instances), run on the load core. It opens one raw `ws` socket per subscriber speaking
// graphql-transport-ws (init with the bearer token, one subscribe), which costs far less per
// socket than the graphql-ws client and lets one core hold 10,000 of them. It then waits until
// the server's CPU is quiet (every subscription set up), and either
// - sends messages one after the other (our sendMessage mutation over HTTP, or the bare
//   server's trigger) until they are done or time is up, and times, on this one clock, from
//   sending to receipt of the message at the first and at the last subscriber of its
//   conversation; or
// - samples the server's resident memory before connecting and after settling (memory).
// The config is a JSON file named on argv (10,000 tokens do not fit in one argument).
// Prints one JSON line: WsLoadResult.
import { readFileSync } from 'node:fs';
import { Client } from 'undici';
import WebSocket from 'ws';
import { residentBytes } from '../lib/processes.ts';
import { openFilesLimit } from '../lib/subscription-load.ts';

export interface WsSubscriber {
  /** ws://…/graphql */
  url: string;
  token?: string;
  conversationId: string;
}

export interface WsSend {
  /** http://…/graphql for our server, http://…/trigger for the bare one. */
  url: string;
  token?: string;
  conversationId: string;
  /** Results are grouped by it. */
  label: string;
}

export interface WsLoadConfig {
  subscribers: WsSubscriber[];
  /** The subscription document (variables: conversationId, afterSeq). */
  query: string;
  /** The process serving the sockets: waited on until its CPU is quiet, and its memory sampled. */
  serverPid: number;
  /** Handshakes in flight at once while connecting. */
  openConcurrency: number;
  /** Our mutation, or the bare server's trigger sending this frame with the message's marker. */
  trigger: { kind: 'mutation' } | { kind: 'bare'; frameTemplate: string };
  /** Sent first and not reported: every subscriber must receive them (proves the subscriptions live). */
  warmup: WsSend[];
  sends: WsSend[];
  /** Pause between one message's last receipt and the next send. */
  gapMs: number;
  /** Measured sends stop after this long, warm-up after a quarter of it (with at least one message sent). */
  maxSendSeconds: number;
  /** Sample the server's resident memory before connecting and after the subscriptions settle. */
  memory?: { samples: number; settleSeconds: number };
}

export interface WsMessageTiming {
  label: string;
  /** ms from sending to receipt at the first and at the last subscriber of the conversation. */
  first: number;
  last: number;
  receivers: number;
}

export interface WsLoadResult {
  connections: number;
  openSeconds: number;
  /** How long the server took to fall quiet after the last subscribe. */
  settleSeconds: number;
  /** Warm-up messages sent (fewer than asked when the time ran out). */
  warmedUp: number;
  messages: WsMessageTiming[];
  /** One frame as a subscriber received it (the template of the bare server's frame). */
  sampleFrame?: string;
  rssBefore?: number;
  rssAfter?: number;
  /** Sockets closed by the server, and subscriptions it ended or refused, while they should have lived. */
  unexpectedCloses: number;
  subscriptionErrors: number;
  firstProblem?: string;
}

const { configFile } = JSON.parse(process.argv[2]!) as { configFile: string };
const config = JSON.parse(readFileSync(configFile, 'utf8')) as WsLoadConfig;

const mutation = 'mutation Send($input: SendMessageInput!) { sendMessage(input: $input) { id seq } }';
// Fixed length, so every message (and the bare server's copy) has frames of the same size.
const filler = ' — a message of ordinary length, as people write in a group conversation.';
const markerPattern = /bench-\d{6}-/;
const markerOf = (k: number) => `bench-${String(k).padStart(6, '0')}-`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

function checkDescriptorLimit() {
  const soft = openFilesLimit('self');
  if (soft < config.subscribers.length + 64) {
    throw new Error(`the open-files limit (${soft}) is below the ${config.subscribers.length} sockets wanted: raise ulimit -n`);
  }
}

interface Pending {
  expected: number;
  count: number;
  first: number;
  last: number;
  done: () => void;
}

const expectedByConversation = new Map<string, number>();
for (const { conversationId } of config.subscribers) expectedByConversation.set(conversationId, (expectedByConversation.get(conversationId) ?? 0) + 1);
const waiting = new Map<string, Pending>();
const sockets: WebSocket[] = [];
let closing = false;
let unexpectedCloses = 0;
let subscriptionErrors = 0;
let firstProblem: string | undefined;
let sampleFrame: string | undefined;

function onFrame(socket: WebSocket, text: string) {
  const marker = markerPattern.exec(text)?.[0];
  if (marker) {
    const pending = waiting.get(marker);
    if (!pending) return;
    const now = performance.now();
    if (pending.count === 0) pending.first = now;
    pending.last = now;
    pending.count += 1;
    sampleFrame ??= text;
    if (pending.count === pending.expected) pending.done();
  } else if (text.includes('"type":"ping"')) {
    socket.send('{"type":"pong"}');
  } else if (text.includes('"type":"error"') || text.includes('"type":"complete"') || text.includes('"errors"')) {
    subscriptionErrors += 1;
    firstProblem ??= text.slice(0, 300);
  }
}

function open(subscriber: WsSubscriber): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(subscriber.url, 'graphql-transport-ws', { perMessageDeflate: false });
    let acked = false;
    socket.on('open', () => {
      socket.send(JSON.stringify({ type: 'connection_init', payload: subscriber.token ? { authorization: `Bearer ${subscriber.token}` } : {} }));
    });
    socket.on('message', (data) => {
      const text = (data as Buffer).toString();
      if (acked) return onFrame(socket, text);
      if (!text.includes('"connection_ack"')) return reject(new Error(`expected connection_ack, got ${text.slice(0, 200)}`));
      acked = true;
      // afterSeq 0: a subscription the server sets up after a message was sent still replays
      // it, so none is lost while the subscriptions come up.
      socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: config.query, variables: { conversationId: subscriber.conversationId, afterSeq: 0 } } }));
      sockets.push(socket);
      resolve();
    });
    socket.on('error', (error) => {
      if (!acked) reject(error);
    });
    socket.on('close', (code, reason) => {
      if (!acked) reject(new Error(`socket closed before connection_ack: ${code} ${reason.toString()}`));
      else if (!closing) {
        unexpectedCloses += 1;
        firstProblem ??= `socket closed: ${code} ${reason.toString()}`;
      }
    });
  });
}

async function openAll() {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(config.openConcurrency, config.subscribers.length) }, async () => {
      while (next < config.subscribers.length) await open(config.subscribers[next++]!);
    }),
  );
}

/** CPU time the process has used, in seconds (utime + stime of /proc/PID/stat, at 100 ticks a second). */
function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** Waits until the server used under 20% of a core in two half-second windows running. */
async function waitUntilQuiet(pid: number, timeoutMs: number) {
  const deadline = performance.now() + timeoutMs;
  let quietWindows = 0;
  let before = cpuSeconds(pid);
  while (quietWindows < 2 && performance.now() < deadline) {
    await sleep(500);
    const now = cpuSeconds(pid);
    quietWindows = (now - before) / 0.5 < 0.2 ? quietWindows + 1 : 0;
    before = now;
  }
}

async function sampleResident(count: number): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < count; i += 1) {
    if (i > 0) await sleep(1000);
    samples.push(await residentBytes(config.serverPid));
  }
  return median(samples);
}

const clients = new Map<string, Client>();
function clientFor(url: URL): Client {
  let client = clients.get(url.origin);
  if (!client) clients.set(url.origin, (client = new Client(url.origin, { pipelining: 1 })));
  return client;
}

async function post(send: WsSend, marker: string): Promise<void> {
  const url = new URL(send.url);
  const body =
    config.trigger.kind === 'mutation'
      ? JSON.stringify({ query: mutation, variables: { input: { conversationId: send.conversationId, text: marker + filler } } })
      : JSON.stringify({ conversationId: send.conversationId, frame: config.trigger.frameTemplate.replace(markerPattern, marker) });
  const response = await clientFor(url).request({
    path: url.pathname,
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(send.token ? { authorization: `Bearer ${send.token}` } : {}) },
    body,
  });
  const text = await response.body.text();
  if (response.statusCode !== 200 || text.includes('"errors"')) throw new Error(`sending ${marker}: HTTP ${response.statusCode} ${text.slice(0, 300)}`);
}

let sequence = 0;
async function deliver(send: WsSend): Promise<WsMessageTiming> {
  const marker = markerOf(++sequence);
  const expected = expectedByConversation.get(send.conversationId) ?? 0;
  let done!: () => void;
  const received = new Promise<void>((resolve) => (done = resolve));
  const pending: Pending = { expected, count: 0, first: 0, last: 0, done };
  waiting.set(marker, pending);
  if (expected === 0) done();
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`${marker} reached ${pending.count} of ${expected} subscribers within 60 s${firstProblem ? `; ${firstProblem}` : ''}`)), 20_000);
  });
  try {
    await Promise.race([Promise.all([post(send, marker), received]), timeout]);
  } finally {
    clearTimeout(timer);
    waiting.delete(marker);
  }
  return { label: send.label, first: pending.first - started, last: pending.last - started, receivers: expected };
}

checkDescriptorLimit();
const rssBefore = config.memory ? await sampleResident(config.memory.samples) : undefined;
const openStarted = performance.now();
await openAll();
const openSeconds = (performance.now() - openStarted) / 1000;
const settleStarted = performance.now();
await waitUntilQuiet(config.serverPid, 60_000);
const settleSeconds = (performance.now() - settleStarted) / 1000;
let rssAfter: number | undefined;
if (config.memory) {
  await sleep(config.memory.settleSeconds * 1000);
  rssAfter = await sampleResident(config.memory.samples);
}
/** Delivers the sends one after the other until they are done or the time is up. */
async function deliverAll(sends: WsSend[], seconds: number): Promise<WsMessageTiming[]> {
  const timings: WsMessageTiming[] = [];
  const deadline = performance.now() + seconds * 1000;
  for (const send of sends) {
    if (timings.length > 0 && performance.now() > deadline) break;
    timings.push(await deliver(send));
    await sleep(config.gapMs);
  }
  return timings;
}

const warmedUp = (await deliverAll(config.warmup, config.maxSendSeconds / 4)).length;
const messages = await deliverAll(config.sends, config.maxSendSeconds);
closing = true;
for (const socket of sockets) socket.terminate();
await Promise.all([...clients.values()].map((client) => client.close()));

const result: WsLoadResult = {
  connections: sockets.length,
  openSeconds,
  settleSeconds,
  warmedUp,
  messages,
  ...(sampleFrame ? { sampleFrame } : {}),
  ...(rssBefore !== undefined ? { rssBefore } : {}),
  ...(rssAfter !== undefined ? { rssAfter } : {}),
  unexpectedCloses,
  subscriptionErrors,
  ...(firstProblem ? { firstProblem } : {}),
};
console.log(JSON.stringify(result));
process.exit(0);
