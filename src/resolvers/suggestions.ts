import { builder } from '../builder.ts';
import { badInput } from '../errors.ts';
import { suggestionsPage, type Suggestion, type SuggestionKey } from '../domain/suggestions.ts';
import { decodeKeyCursor, encodeCursor } from './cursors.ts';
import { User, ViewerType } from './users.ts';

const list = 'suggestions';

const SuggestionConnection = builder.connectionObject(
  { type: User, name: 'SuggestionConnection', description: 'Friends of friends, ranked by mutual friends, then handle.' },
  {
    name: 'SuggestionEdge',
    fields: (t) => ({
      mutualCount: t.int({ resolve: (edge) => (edge.node as Suggestion).mutualCount }),
      mutualFriends: t.field({
        type: [User],
        description: 'A preview of the friends in common ("via @a, @b"), ordered by handle.',
        args: { first: t.arg.int({ defaultValue: 3 }) },
        resolve: async (edge, args, context) => {
          const first = args.first ?? 3;
          if (first < 0 || first > 20) throw badInput('first', 'must be between 0 and 20');
          if (first === 0) return [];
          return context.loaders.mutualFriends.load({ userId: (edge.node as Suggestion).id, limit: first, afterHandle: null });
        },
      }),
    }),
  },
);

builder.objectFields(ViewerType, (t) => ({
  friendSuggestions: t.field({
    type: SuggestionConnection,
    description: 'Friends of your friends you have no relation with yet, most mutual friends first.',
    args: { first: t.arg.int({ defaultValue: 10 }), after: t.arg.string() },
    resolve: async (viewer, args, context) => {
      const first = args.first ?? 10;
      if (first < 0 || first > 100) throw badInput('first', 'must be between 0 and 100');
      const after: SuggestionKey | null = decodeKeyCursor(list, args.after, 'after', ['int', 'text']);
      const rows = await suggestionsPage(context.prisma, viewer.userId, after, first + 1);
      const edges = rows.slice(0, first).map((node) => ({ cursor: encodeCursor(list, [node.mutualCount, node.handle]), node }));
      return {
        edges,
        pageInfo: {
          hasNextPage: rows.length > first,
          hasPreviousPage: after !== null,
          startCursor: edges[0]?.cursor ?? null,
          endCursor: edges.at(-1)?.cursor ?? null,
        },
      };
    },
  }),
}));
