import { isIP } from 'node:net';
import type { Logger } from 'pino';
import { secretsEqual } from './auth/tokens.ts';
import type { Context } from './context.ts';
import type { Database } from './db/database.ts';
import type { PubSub } from './pubsub/pubsub.ts';
import type { ViewerStreamOptions } from './live/stream-options.ts';
import { createLoaders } from './loaders/create-loaders.ts';
import type { SharedReads } from './loaders/event-reads.ts';
import type { Services } from './services.ts';

export interface ContextFactoryDeps {
  db: Database;
  pubsub: PubSub;
  services: Services;
  log: Logger;
}

/** Reads a bearer token from an Authorization header value. */
export function bearerToken(header: string | null | undefined): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match ? match[1]! : null;
}

/**
 * The client's address: the socket's peer, or behind a proxy we run (trustProxy) the last
 * X-Forwarded-For entry, the one that proxy appended (earlier entries are the client's word).
 * An IPv6 address counts by its /64, the block one subscriber gets, so a client cannot walk
 * through its own block to escape a per-address limit. In-process calls (tests) are "local".
 */
export function clientAddress(socketAddress: string | undefined, forwardedFor: string | string[] | undefined | null, trustProxy: boolean): string {
  const forwarded = Array.isArray(forwardedFor) ? forwardedFor.join(',') : forwardedFor;
  const last = trustProxy ? forwarded?.split(',').at(-1)?.trim() : undefined;
  const address = last || socketAddress;
  return address ? addressBlock(address) : 'local';
}

function addressBlock(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1]!;
  if (isIP(address) !== 6) return address;
  // Expand "::" so that the first four groups are the /64.
  const [head = '', tail = ''] = address.split('::');
  const headGroups = head ? head.split(':') : [];
  const tailGroups = address.includes('::') ? (tail ? tail.split(':') : []) : [];
  const groups = address.includes('::') ? [...headGroups, ...Array(8 - headGroups.length - tailGroups.length).fill('0'), ...tailGroups] : headGroups;
  return `${groups.slice(0, 4).map((group) => group.toLowerCase().replace(/^0+(?=.)/, '')).join(':')}::/64`;
}

/**
 * connection_init params as headers: `{ authorization: "Bearer …" }` (any letter case), so
 * the socket authenticates exactly like HTTP.
 */
export function headersFromParams(params: Record<string, unknown>): { get(name: string): string | null } {
  const entries = new Map(
    Object.entries(params)
      .filter((entry): entry is [string, string] => typeof entry[1] === 'string')
      .map(([name, value]) => [name.toLowerCase(), value]),
  );
  return { get: (name) => entries.get(name.toLowerCase()) ?? null };
}

/**
 * Builds the context of one request from its headers: who the viewer is, whether the bot
 * service key was presented, fresh loaders, and a logger tagged with the request id.
 */
export function createContextFactory({ db, pubsub, services, log }: ContextFactoryDeps) {
  return async (headers: { get(name: string): string | null }, requestId: string, address: string): Promise<Context> => {
    const token = bearerToken(headers.get('authorization'));
    const viewer = token ? await services.sessions.viewerFor(token) : null;
    const serviceKey = headers.get('x-service-key');
    const isService = Boolean(services.botServiceKey && serviceKey && secretsEqual(serviceKey, services.botServiceKey));
    // Made when first used: most requests log one line, and an idle subscription none.
    let requestLog: Logger | undefined;
    return {
      prisma: db.prisma,
      viewer,
      tokenRejected: token !== null && viewer === null,
      isService,
      serviceGrants: new Set(),
      loaders: createLoaders(db.prisma, viewer?.user.id ?? null, services.now),
      pubsub,
      services,
      get log() {
        return (requestLog ??= log.child({ requestId, userId: viewer?.user.id }));
      },
      requestId,
      clientAddress: address,
    };
  };
}

/**
 * Gives a long-lived operation (a subscription) fresh loaders for its next event: what it
 * shows must not come from a cache filled minutes ago. `shared` are the event's reads that
 * every subscriber of it shares.
 */
export function renewLoaders(context: Context, shared?: SharedReads): void {
  context.loaders = createLoaders(context.prisma, context.viewer?.user.id ?? null, context.services.now, shared);
}

/** What a stream of the signed-in viewer's own needs from their context. */
export function viewerStreamOptions(context: Context): ViewerStreamOptions {
  return {
    prisma: context.prisma,
    pubsub: context.pubsub,
    access: context.services.liveAccess,
    log: context.log,
    viewerId: context.viewer!.user.id,
    sessionId: context.viewer!.sessionId,
  };
}
