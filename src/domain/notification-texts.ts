import type { Locale } from '../generated/prisma/client.ts';

/**
 * Notification texts, written once in the recipient's language when the notification is
 * made (clients may show them as they are; the Telegram client renders its own from the kind
 * and subject).
 */

interface Person {
  displayName: string;
  handle: string;
}

const friendRequest: Record<Locale, (who: string) => string> = {
  EN: (who) => `${who} sent you a friend request`,
  RU: (who) => `${who} хочет добавить вас в друзья`,
  ES: (who) => `${who} te envió una solicitud de amistad`,
};

const friendAccepted: Record<Locale, (who: string) => string> = {
  EN: (who) => `${who} accepted your friend request`,
  RU: (who) => `${who} принял(а) вашу заявку в друзья`,
  ES: (who) => `${who} aceptó tu solicitud de amistad`,
};

const named = (person: Person) => `${person.displayName} (@${person.handle})`;

export function friendRequestText(locale: Locale, requester: Person): string {
  return friendRequest[locale](named(requester));
}

export function friendAcceptedText(locale: Locale, accepter: Person): string {
  return friendAccepted[locale](named(accepter));
}

/** How much of a message a notification quotes. */
export const quoteLength = 140;

/** What a notification quotes once the message it quoted was deleted. */
export const deletedMessageLabel: Record<Locale, string> = {
  EN: '(deleted message)',
  RU: '(сообщение удалено)',
  ES: '(mensaje eliminado)',
};

/** "Ann: hello" in a direct conversation, "Ann · Climbing: hello" in a group: the same in every language. */
export function newMessageText(author: Pick<Person, 'displayName'>, groupTitle: string | null, text: string): string {
  const quote = text.length > quoteLength ? `${text.slice(0, quoteLength - 1)}…` : text;
  return groupTitle ? `${author.displayName} · ${groupTitle}: ${quote}` : `${author.displayName}: ${quote}`;
}
