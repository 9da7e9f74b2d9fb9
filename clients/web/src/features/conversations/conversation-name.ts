import type { ConversationKind } from '../../generated/graphql.ts';

interface Person {
  id: string;
  displayName: string;
}

/** The title for a group; for a direct conversation, the other person's name (everyone but the viewer). */
export function conversationName(conversation: { kind: ConversationKind; title: string | null }, people: Person[], meId: string): string {
  if (conversation.kind === 'GROUP') return conversation.title ?? 'Group';
  const others = people.filter((person) => person.id !== meId).map((person) => person.displayName);
  return others.length > 0 ? others.join(', ') : 'Just you';
}
