import { InlineKeyboard } from 'grammy';

/** How the bot names someone: their display name and handle, "Ann (@ann)". */
export function nameOf(user: { displayName: string; handle: string }): string {
  return `${user.displayName} (@${user.handle})`;
}

/**
 * Accept and Decline for a friend request from `handle`, in a listing and on the pushed
 * notification alike: the friends feature answers both. `t` translates a key in the reader's
 * language.
 */
export function friendRequestButtons(t: (key: string) => string, handle: string): InlineKeyboard {
  return new InlineKeyboard().text(t('friend-accept'), `fr:accept:${handle}`).text(t('friend-decline'), `fr:decline:${handle}`);
}
