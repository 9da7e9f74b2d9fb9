import type { Logger } from 'pino';
import type { PrismaClient, User } from './generated/prisma/client.ts';
import type { Loaders } from './loaders/create-loaders.ts';
import type { PubSub } from './pubsub/pubsub.ts';
import type { Services } from './services.ts';

/** Who is calling: the signed-in user and the session (refresh-token family) of the token. */
export interface Viewer {
  user: User;
  sessionId: string;
}

/** Per request (HTTP) or per operation (WebSocket): never shared between two callers. */
export interface Context {
  prisma: PrismaClient;
  viewer: Viewer | null;
  /** True when a bearer token was sent but is invalid, expired or signed out. */
  tokenRejected: boolean;
  /** True when the caller presented the bot service key. */
  isService: boolean;
  /**
   * Ids of what this operation handed the bot service to deliver (a delivery's subject, the
   * conversation of a message): the service may read exactly those, nothing else it was not given.
   */
  serviceGrants: Set<string>;
  /**
   * Replaced with fresh loaders for every subscription event (a subscription lives long; what
   * it shows must not come from a cache filled minutes ago).
   */
  loaders: Loaders;
  pubsub: PubSub;
  services: Services;
  log: Logger;
  requestId: string;
  /** The client's network address (see TRUST_PROXY): anonymous callers are rate-limited by it. */
  clientAddress: string;
}
