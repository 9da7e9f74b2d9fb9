import { builder } from '../builder.ts';
import { userStream, type UserStreamItem } from '../live/user-stream.ts';
import { renewLoaders, viewerStreamOptions } from '../request-context.ts';
import { CheckInPrompt } from './check-ins.ts';
import { Conversation } from './conversations.ts';
import { Notification } from './notifications.ts';

type Item<Type extends UserStreamItem['type']> = Extract<UserStreamItem, { type: Type }>;

const ConversationUpdated = builder.objectRef<Item<'conversationUpdated'>>('ConversationUpdated').implement({
  description: 'One of your conversations changed (a message, a member, a read marker).',
  fields: (t) => ({
    conversation: t.field({
      type: Conversation,
      resolve: async (item, _args, context) => (await context.loaders.conversationById.load(item.conversationId))!,
    }),
  }),
});

const NotificationAdded = builder.objectRef<Item<'notificationAdded'>>('NotificationAdded').implement({
  description: 'A notification was written, or updated (more new messages in one conversation).',
  fields: (t) => ({
    notification: t.field({
      type: Notification,
      resolve: async (item, _args, context) => (await context.loaders.notificationById.load(item.notificationId))!,
    }),
  }),
});

const CheckInDue = builder.objectRef<Item<'checkInDue'>>('CheckInDue').implement({
  description: 'A check-in came due: answer it with recordActivity(promptId).',
  fields: (t) => ({
    prompt: t.field({
      type: CheckInPrompt,
      resolve: async (item, _args, context) => (await context.loaders.promptById.load(item.promptId))!,
    }),
  }),
});

const typenames: Record<UserStreamItem['type'], string> = {
  conversationUpdated: 'ConversationUpdated',
  notificationAdded: 'NotificationAdded',
  checkInDue: 'CheckInDue',
};

const MyEvent = builder.unionType('MyEvent', {
  types: [NotificationAdded, ConversationUpdated, CheckInDue],
  resolveType: (item) => typenames[item.type],
});

builder.subscriptionField('myEvents', (t) =>
  t.field({
    type: MyEvent,
    authScopes: { loggedIn: true },
    description: 'Your own stream: everything a client needs to notify you.',
    subscribe: (_root, _args, context) => userStream(viewerStreamOptions(context)),
    resolve: (item: UserStreamItem, _args, context) => {
      renewLoaders(context);
      return item;
    },
  }),
);
