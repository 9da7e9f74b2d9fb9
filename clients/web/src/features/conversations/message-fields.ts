import { graphql } from '../../generated/gql.ts';
import type { ConversationsMessageFieldsFragment } from '../../generated/graphql.ts';

/** What the thread shows of a message: the history, the live events and the mutations all ask for this. */
export const MessageFields = graphql(`
  fragment ConversationsMessageFields on Message {
    id
    seq
    text
    createdAt
    editedAt
    deletedAt
    author { id displayName }
    replyTo { id text author { id displayName } }
    reactions { emoji count reactedByMe }
  }
`);

export type ThreadMessage = ConversationsMessageFieldsFragment;

/** The reactions the picker offers (the API accepts a few more). */
export const pickerEmojis = ['👍', '❤️', '😂', '🎉', '😮'] as const;

/** A line's worth of a message's text, for quotes and previews. */
export function excerpt(text: string | null, length = 80): string {
  if (text === null) return 'Message deleted';
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}
