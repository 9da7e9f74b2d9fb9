import type { Logger } from 'pino';
import type { PrismaClient } from '../generated/prisma/client.ts';
import type { PubSub } from '../pubsub/pubsub.ts';
import type { AccessWatch } from './access-watch.ts';

/** What every live stream of a signed-in viewer needs: it ends when the viewer signs out. */
export interface ViewerStreamOptions {
  prisma: PrismaClient;
  pubsub: PubSub;
  /** Ends the stream when access is lost without a signal saying so. */
  access: AccessWatch;
  log: Logger;
  viewerId: string;
  sessionId: string;
}
