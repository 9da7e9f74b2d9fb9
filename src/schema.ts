import type { GraphQLSchema } from 'graphql';
import { builder } from './builder.ts';
// Each import registers one domain's types and fields on the builder.
import './resolvers/users.ts';
import './resolvers/accounts.ts';
import './resolvers/telegram.ts';
import './resolvers/friendships.ts';
import './resolvers/suggestions.ts';
import './resolvers/conversations.ts';
import './resolvers/messages.ts';
import './resolvers/conversation-events.ts';
import './resolvers/notifications.ts';
import './resolvers/check-ins.ts';
import './resolvers/activities.ts';
import './resolvers/my-events.ts';
import './resolvers/admin-stats.ts';
import './resolvers/broadcasts.ts';
import './resolvers/outbox.ts';

let schema: GraphQLSchema | undefined;

/** The whole schema, built on first use: it holds no state, only types and resolvers, so every server shares it. */
export function buildSchema(): GraphQLSchema {
  schema ??= builder.toSchema({ sortSchema: false });
  return schema;
}
