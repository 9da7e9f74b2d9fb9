/**
 * The rate-limit tiers: how many operations of one kind one caller may make in a window.
 * A caller is the signed-in user, or the client's address when nobody is signed in.
 */
export const tierNames = [
  'general',
  'friendRequests',
  'discovery',
  'settings',
  'messages',
  'admin',
  'signInPerHandle',
  'signInPerAddress',
] as const;

export type TierName = (typeof tierNames)[number];

export interface Tier {
  /** Operations allowed in one window; also the largest burst. */
  limit: number;
  windowSeconds: number;
}

export type Tiers = Record<TierName, Tier>;

/**
 * Sized for a person using the web app or the bot by hand, with room for bursts (opening a
 * page runs several queries; a chat can send a few lines in a row). The seeds' tiers (20
 * requests a minute, 3 searches a minute) were for a bot alone and would stop a web page.
 */
export const defaultTiers: Tiers = {
  general: { limit: 600, windowSeconds: 60 },
  friendRequests: { limit: 30, windowSeconds: 3600 },
  discovery: { limit: 60, windowSeconds: 60 },
  settings: { limit: 30, windowSeconds: 300 },
  messages: { limit: 120, windowSeconds: 60 },
  admin: { limit: 60, windowSeconds: 60 },
  signInPerHandle: { limit: 10, windowSeconds: 900 },
  signInPerAddress: { limit: 60, windowSeconds: 900 },
};

/**
 * Which tier each field counts against, besides `general` (every operation). Keys are schema
 * coordinates, so a field counts wherever it is selected, once per selection (aliases too).
 * The sign-in tiers are charged by the sign-in resolvers, which know the handle.
 */
export const tierOfField: Readonly<Record<string, TierName>> = {
  'Mutation.sendFriendRequest': 'friendRequests',
  'Query.searchUsers': 'discovery',
  'Viewer.friendSuggestions': 'discovery',
  'User.mutualFriends': 'discovery',
  'Mutation.updateProfile': 'settings',
  'Mutation.updateCheckInSettings': 'settings',
  'Mutation.upsertQuestion': 'settings',
  'Mutation.createTelegramLinkCode': 'settings',
  'Mutation.sendMessage': 'messages',
  'Mutation.editMessage': 'messages',
  'Mutation.toggleReaction': 'messages',
  'Mutation.recordActivity': 'messages',
  'Mutation.createGroup': 'messages',
  'Mutation.previewBroadcast': 'admin',
  'Mutation.sendBroadcast': 'admin',
  'Mutation.cancelBroadcast': 'admin',
  'Query.stats': 'admin',
  'Query.broadcasts': 'admin',
};

/**
 * Parses RATE_LIMITS: "off", or overrides of the defaults as "tier=limit/seconds" separated by
 * commas (e.g. "messages=30/60,general=1200/60"). Returns null for "off".
 */
export function parseTiers(spec: string | undefined): Tiers | null {
  if (spec === undefined || spec.trim() === '') return { ...defaultTiers };
  if (spec.trim().toLowerCase() === 'off') return null;
  const tiers: Tiers = { ...defaultTiers };
  for (const part of spec.split(',').map((item) => item.trim()).filter(Boolean)) {
    const match = /^(\w+)=(\d+)\/(\d+)$/.exec(part);
    if (!match) throw new Error(`"${part}" is not tier=limit/seconds`);
    const [, name, limit, seconds] = match as unknown as [string, string, string, string];
    if (!(tierNames as readonly string[]).includes(name)) throw new Error(`unknown tier "${name}" (tiers: ${tierNames.join(', ')})`);
    if (Number(limit) < 1 || Number(seconds) < 1) throw new Error(`"${part}": limit and seconds must be at least 1`);
    tiers[name as TierName] = { limit: Number(limit), windowSeconds: Number(seconds) };
  }
  return tiers;
}
