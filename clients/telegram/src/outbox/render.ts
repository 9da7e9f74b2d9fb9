import type { InlineKeyboardMarkup, ForceReply } from 'grammy/types';
import type { ClaimDeliveriesMutation } from '../generated/graphql.ts';
import { friendRequestButtons, nameOf } from '../people.ts';
import { clip, maxMessageLength } from '../telegram-text.ts';

export type ClaimedDelivery = ClaimDeliveriesMutation['claimDeliveries'][number];

/** Translates a key in one locale (the I18n instance's `t`, bound to nothing but the key). */
export type Translate = (locale: string, key: string, variables?: Record<string, string | number>) => string;

export interface Rendered {
  text: string;
  replyMarkup?: InlineKeyboardMarkup | ForceReply;
}

/**
 * What the bot sends for a delivery, in the person's language. A friend request comes with
 * its Accept / Decline buttons; a check-in asks for a reply (the reply is routed back to it);
 * a new message is sent as the person who wrote it said it.
 */
export function render(delivery: ClaimedDelivery, t: Translate): Rendered {
  const locale = delivery.locale.toLowerCase();
  const subject = delivery.subject;
  switch (delivery.kind) {
    case 'FRIEND_REQUEST': {
      if (subject?.__typename !== 'User') return { text: delivery.text };
      const buttons = friendRequestButtons((key) => t(locale, key), subject.handle);
      return { text: t(locale, 'push-friend-request', { name: nameOf(subject) }), replyMarkup: buttons };
    }
    case 'FRIEND_ACCEPTED': {
      if (subject?.__typename !== 'User') return { text: delivery.text };
      return { text: t(locale, 'push-friend-accepted', { name: nameOf(subject) }) };
    }
    case 'MESSAGE': {
      if (subject?.__typename !== 'Message') return { text: clip(delivery.text, maxMessageLength) };
      const name = subject.author.displayName;
      const { kind, title } = subject.conversation;
      const line = (text: string) =>
        kind === 'GROUP' && title ? t(locale, 'push-group-message', { name, title, text }) : t(locale, 'push-message', { name, text });
      // Up to 4000 characters of message, a name and a title may not fit in one: the message gives way.
      const room = maxMessageLength - line('').length;
      return { text: line(clip(delivery.text, room)) };
    }
    case 'CHECK_IN':
      return { text: clip(t(locale, 'push-check-in', { text: delivery.text }), maxMessageLength), replyMarkup: { force_reply: true } };
    case 'BROADCAST':
      // As the admin wrote it: up to 4096 characters, Telegram's limit, so nothing is added.
      return { text: delivery.text };
  }
}
