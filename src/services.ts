import type { PasswordHasher } from './auth/passwords.ts';
import type { Sessions } from './auth/sessions.ts';

/** Long-lived collaborators built once in main.ts and handed to every request's context. */
export interface Services {
  passwords: PasswordHasher;
  sessions: Sessions;
  /** Lowercased handles that become ADMIN at sign-up. */
  adminHandles: ReadonlySet<string>;
  /** The bot's credential; undefined refuses every service-only operation. */
  botServiceKey: string | undefined;
  now: () => Date;
}
