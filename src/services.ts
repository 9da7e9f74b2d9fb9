import type { PasswordHasher } from './auth/passwords.ts';
import type { Sessions } from './auth/sessions.ts';
import type { AccessWatch } from './live/access-watch.ts';
import type { EventReads } from './loaders/event-reads.ts';
import type { RateLimiter } from './rate-limits/rate-limiter.ts';

/** Long-lived collaborators built once in main.ts and handed to every request's context. */
export interface Services {
  passwords: PasswordHasher;
  sessions: Sessions;
  /** Lowercased handles that become ADMIN at sign-up. */
  adminHandles: ReadonlySet<string>;
  /** The bot's credential; undefined refuses every service-only operation. */
  botServiceKey: string | undefined;
  /** Re-checks every live stream's access about once a second. */
  liveAccess: AccessWatch;
  /** Reads of a live event shared by all its subscribers. */
  eventReads: EventReads;
  /** Counts operations per caller and tier; null when rate limits are off. */
  rateLimiter: RateLimiter | null;
  now: () => Date;
}
