import type { NotificationKind } from '../../generated/graphql.ts';

export interface NotificationTarget {
  kind: NotificationKind;
  /** Absent on one that just arrived live (myEvents carries no subject); the list fills it in. */
  subject?: { __typename?: string; id: string; conversation?: { id: string } } | null;
}

/** Whether its path waits for a subject it does not have yet: it arrived live, and only its subject says where it leads. */
export function awaitsSubject({ kind, subject }: NotificationTarget): boolean {
  return kind === 'NEW_MESSAGE' && subject === undefined;
}

/** Where opening a notification takes you: the conversation, the friends screen, the diary; null for a broadcast. */
export function notificationPath({ kind, subject }: NotificationTarget): string | null {
  switch (kind) {
    case 'FRIEND_REQUEST':
    case 'FRIEND_ACCEPTED':
      return '/friends';
    case 'CHECK_IN':
      return '/diary';
    case 'NEW_MESSAGE': {
      const conversationId = subject?.__typename === 'Message' ? subject.conversation?.id : subject?.__typename === 'Conversation' ? subject.id : undefined;
      return conversationId ? `/conversations/${encodeURIComponent(conversationId)}` : null;
    }
    default:
      return null;
  }
}
