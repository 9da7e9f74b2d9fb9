import type { ConversationKind } from '../../generated/graphql.ts';

interface Person {
  id: string;
  displayName: string;
}

/** A direct conversation is named by the other person (everyone but the viewer). */
export function memberNames(people: Person[], meId: string): string {
  const others = people.filter((person) => person.id !== meId).map((person) => person.displayName);
  return others.length > 0 ? others.join(', ') : 'Just you';
}

/** The other person's name for a direct conversation, the title for a group. */
export function conversationName(conversation: { kind: ConversationKind; title: string | null }, people: Person[], meId: string): string {
  if (conversation.kind === 'GROUP') return conversation.title ?? 'Group';
  return memberNames(people, meId);
}
