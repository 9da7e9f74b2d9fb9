import type { Locale, Role } from '../../src/generated/prisma/enums.ts';

/** Every seeded account, demo or generated, signs in with this password. */
export const demoPassword = 'chorus-demo';

export interface DemoAccount {
  handle: string;
  displayName: string;
  locale: Locale;
  timezone: string;
  role: Role;
}

/**
 * Fixed accounts to sign in with, always the first users of the graph. Their wiring is fixed
 * too (prisma/seed/graph.ts): ada, grace and linus are friends with each other; linus is
 * friends with admin, who is NOT ada's friend, so ada always has at least one friend-of-friend
 * suggestion; ada also has incoming and outgoing pending requests and has blocked someone.
 */
export const demoAccounts: readonly DemoAccount[] = [
  { handle: 'ada', displayName: 'Ada Lovelace', locale: 'EN', timezone: 'Europe/London', role: 'USER' },
  { handle: 'grace', displayName: 'Grace Hopper', locale: 'EN', timezone: 'America/New_York', role: 'USER' },
  { handle: 'linus', displayName: 'Linus Torvalds', locale: 'EN', timezone: 'America/Los_Angeles', role: 'USER' },
  { handle: 'admin', displayName: 'Chorus Admin', locale: 'EN', timezone: 'UTC', role: 'ADMIN' },
];
