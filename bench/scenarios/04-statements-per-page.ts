// 4. N+1: the SQL statements one operation sends, for friends pages of 5, 50 and 100 people
// (and all 500 friends of one viewer in pages of 100), each friend with friendCount, the
// viewer's relation and 3 mutual friends; and, beside it, friend-suggestion pages.
import { createEmptyPostgresDatabase } from '../../tests/utils/database.ts';
import { insertFriendships, insertUsers } from '../../tests/utils/graph.ts';
import type { Scenario } from '../lib/context.ts';
import { openInProcessApp, type InProcessApp } from '../lib/in-process-app.ts';
import type { Row } from '../lib/results.ts';
import { tokensFor } from '../lib/server.ts';

const goal = 'the same small constant for all';
/** The bound tests/n-plus-one.test.ts holds a friends page to. */
const smallest = 6;

const friendsPage = /* GraphQL */ `
  query FriendsPage($first: Int!, $after: String) {
    me {
      friends(first: $first, after: $after) {
        pageInfo { hasNextPage endCursor }
        edges {
          node {
            handle
            friendCount
            friendship
            mutualFriends(first: 3) { edges { node { handle displayName } } }
          }
        }
      }
    }
  }`;

const suggestionsPage = /* GraphQL */ `
  query Suggestions($first: Int!) {
    me {
      friendSuggestions(first: $first) {
        edges { mutualCount node { handle displayName } mutualFriends(first: 3) { handle displayName } }
      }
    }
  }`;

/**
 * A viewer with `size` friends, where each friend also knows the two next ones on each side of
 * a ring (so each has 4 friends in common with the viewer, up to 4) and two people of their own
 * (friends of friends, for suggestions): every field has real rows to read.
 */
async function viewerWithFriends(local: InProcessApp, size: number): Promise<string> {
  const pad = (i: number) => String(i).padStart(3, '0');
  const viewerHandle = `viewer_${size}`;
  const friendHandles = Array.from({ length: size }, (_, i) => `f${size}_${pad(i)}`);
  const outsiderHandles = Array.from({ length: size * 2 }, (_, i) => `o${size}_${pad(i)}`);
  const ids = await insertUsers(local.db.prisma, [viewerHandle, ...friendHandles, ...outsiderHandles]);
  const viewer = ids.get(viewerHandle)!;
  const friends = friendHandles.map((handle) => ids.get(handle)!);
  const pairs: [string, string][] = friends.map((id) => [viewer, id]);
  friends.forEach((id, i) => {
    for (const step of [1, 2]) if (size > step) pairs.push([id, friends[(i + step) % size]!]);
    pairs.push([id, ids.get(outsiderHandles[2 * i]!)!], [id, ids.get(outsiderHandles[2 * i + 1]!)!]);
  });
  const unique = new Map(pairs.filter(([a, b]) => a !== b).map(([a, b]) => [[a, b].sort().join(), [a, b] as [string, string]]));
  await insertFriendships(local.db.prisma, [...unique.values()]);
  return viewer;
}

interface Counted {
  statements: number;
  data: any;
}

/** How many statements of the last request looked the session up (it runs before every signed-in request). */
let sessionStatements = 0;

async function counted(local: InProcessApp, query: string, token: string, variables: Record<string, unknown>): Promise<Counted> {
  local.statements.length = 0;
  const result = await local.gql(query, token, variables);
  if (result.errors?.length || !result.data) throw new Error(`statements-per-page: ${JSON.stringify(result.errors)}`);
  sessionStatements = local.statements.filter((sql) => sql.includes('"Session"')).length;
  return { statements: local.statements.length, data: result.data };
}

export const statementsPerPage: Scenario = {
  id: 4,
  title: 'SQL statements per friends page',
  async run(context) {
    // The same sizes at smoke size: they are small.
    const database = await createEmptyPostgresDatabase();
    const local = await openInProcessApp({ url: database.url, migrate: true });
    try {
      const sizes = [5, 50, 500];
      const viewers = new Map<number, string>();
      for (const size of sizes) viewers.set(size, await viewerWithFriends(local, size));
      const tokens = new Map((await tokensFor(database.url, [...viewers.values()])).map((token, i) => [sizes[i]!, token]));

      // Friends pages: one request of 5, of 50, and all 500 in pages of 100 (the API's maximum).
      const pages: { label: string; statements: number; rows: number; full: number }[] = [];
      const seen = new Set<string>();
      const friendsRead = async (size: number, first: number, after: string | null) => {
        const { statements, data } = await counted(local, friendsPage, tokens.get(size)!, { first, after });
        const { edges, pageInfo } = data.me.friends;
        // Real rows: every friend a friend, with their count and three friends in common.
        const full = edges.filter((edge: any) => edge.node.friendship === 'FRIENDS' && edge.node.friendCount === (size > 4 ? 7 : size + 1) && edge.node.mutualFriends.edges.length === Math.min(3, size - 1)).length;
        for (const edge of edges) seen.add(`${size}:${edge.node.handle}`);
        return { statements, rows: edges.length, full, next: pageInfo.hasNextPage ? (pageInfo.endCursor as string) : null };
      };
      for (const size of [5, 50]) {
        const page = await friendsRead(size, size, null);
        pages.push({ label: `${size} of ${size}`, ...page });
      }
      let after: string | null = null;
      for (let n = 1; n <= 5; n += 1) {
        const page = await friendsRead(500, 100, after);
        pages.push({ label: `500: page ${n} of 100`, ...page });
        after = page.next;
        if (n < 5 && !after) throw new Error(`statements-per-page: the 500 friends ended after page ${n}`);
        if (n === 5 && after) throw new Error('statements-per-page: more than 500 friends');
      }
      const friendCounts = pages.map((page) => page.statements);
      const friendsRow: Row = {
        scenario: '4. SQL statements per friends page',
        measured:
          '`me { friends(first: N) { edges { node { handle friendCount friendship mutualFriends(first: 3) { … handle displayName } } } } }`, ' +
          'signed in, through the whole HTTP pipeline in-process, on a fresh database: viewers with 5, 50 and 500 friends, each friend ' +
          'also friends with 4 of the others (a ring) and 2 people of their own. Pages of 5 and 50 in one request each; the 500 in 5 pages of 100 ' +
          `(the maximum page size), following endCursor. Statements are those Prisma logged for the request, the session lookup (${sessionStatements}) included`,
        ours: `statements per request: ${pages.map((page) => `${page.label} → ${page.statements}`).join('; ')}`,
        reference:
          `friends returned: ${pages.map((page) => `${page.label} → ${page.rows}`).join('; ')} (${seen.size} distinct in all); ` +
          `${pages.reduce((sum, page) => sum + page.full, 0)} of them with friendship FRIENDS, friendCount 7 and 3 mutual friends`,
        ratio: `${Math.max(...friendCounts)} / ${Math.min(...friendCounts)} (max / min)`,
        goal,
        met: new Set(friendCounts).size === 1 && friendCounts[0]! <= smallest && pages.every((page) => page.full === page.rows) && seen.size === sizes.reduce((sum, size) => sum + size, 0),
      };

      // Friend suggestions of the 500-friend viewer: the 1,000 people their friends know.
      const suggestions: { first: number; statements: number; rows: number; withMutual: number }[] = [];
      for (const first of [5, 20, 100]) {
        const { statements, data } = await counted(local, suggestionsPage, tokens.get(500)!, { first });
        const edges = data.me.friendSuggestions.edges as { mutualCount: number; mutualFriends: unknown[] }[];
        suggestions.push({ first, statements, rows: edges.length, withMutual: edges.filter((edge) => edge.mutualCount === 1 && edge.mutualFriends.length === 1).length });
      }
      const suggestionCounts = suggestions.map((page) => page.statements);
      const suggestionsRow: Row = {
        scenario: '4. SQL statements per suggestions page',
        measured:
          '`me { friendSuggestions(first: N) { edges { mutualCount node { handle displayName } mutualFriends(first: 3) { handle displayName } } } }` ' +
          `for the 500-friend viewer above (1,000 friends of friends, each known through one friend), N = 5, 20 and 100; session lookup (${sessionStatements}) included`,
        ours: `statements per request: ${suggestions.map((page) => `${page.first} → ${page.statements}`).join('; ')}`,
        reference: `suggestions returned: ${suggestions.map((page) => `${page.first} → ${page.rows}`).join('; ')}; every one with mutualCount 1 and its mutual friend`,
        ratio: `${Math.max(...suggestionCounts)} / ${Math.min(...suggestionCounts)} (max / min)`,
        goal,
        met: new Set(suggestionCounts).size === 1 && suggestionCounts[0]! <= smallest && suggestions.every((page) => page.rows === page.first && page.withMutual === page.rows),
      };
      context.log(`statements: friends pages ${friendCounts.join(', ')}; suggestions pages ${suggestionCounts.join(', ')}`);
      return [friendsRow, suggestionsRow];
    } finally {
      await local.close();
      await database.drop();
    }
  },
};
