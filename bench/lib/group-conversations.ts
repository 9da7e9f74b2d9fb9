import { encodeGlobalID } from '@pothos/plugin-relay';
import pg from 'pg';
import { createMigratedPostgresDatabase } from '../../tests/utils/database.ts';
import { tokensFor } from './server.ts';

export interface BenchGroup {
  /** The database id. */
  id: string;
  /** The id the API takes (a relay global ID). */
  globalId: string;
  /** Indexes into `people`; the first is the group's owner. */
  members: number[];
}

export interface GroupsDatabase {
  url: string;
  /** Everyone in the database, with an access token each. */
  people: { id: string; token: string }[];
  groups: BenchGroup[];
  drop(): Promise<void>;
}

/**
 * A fresh, migrated database holding `people` people and the group conversations listed, each
 * as a range of people [first, first + size). Rows go in straight with SQL: the fan-out
 * scenarios need members, not the friendships that adding them through the API would ask for.
 * Dropped by drop(), also when building it fails half-way.
 */
export async function createGroupsDatabase(people: number, groups: { first: number; size: number }[]): Promise<GroupsDatabase> {
  const database = await createMigratedPostgresDatabase();
  try {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    let ids: string[];
    let groupIds: string[];
    try {
      ids = (
        await client.query<{ id: string }>(
          `INSERT INTO "User" (handle, "displayName") SELECT 'fan' || i, 'Member ' || i FROM generate_series(0, $1::int - 1) AS i ORDER BY i RETURNING id`,
          [people],
        )
      ).rows.map((row) => row.id);
      groupIds = (
        await client.query<{ id: string }>(
          `INSERT INTO "Conversation" (kind, title) SELECT 'GROUP', 'Group ' || g FROM generate_series(0, $1::int - 1) AS g ORDER BY g RETURNING id`,
          [groups.length],
        )
      ).rows.map((row) => row.id);
      const memberConversation: string[] = [];
      const memberUser: string[] = [];
      const memberRole: string[] = [];
      groups.forEach(({ first, size }, g) => {
        for (let i = first; i < first + size; i += 1) {
          memberConversation.push(groupIds[g]!);
          memberUser.push(ids[i]!);
          memberRole.push(i === first ? 'OWNER' : 'MEMBER');
        }
      });
      await client.query(
        `INSERT INTO "ConversationMember" ("conversationId", "userId", role)
         SELECT c, u, r::"MemberRole" FROM unnest($1::uuid[], $2::uuid[], $3::text[]) AS m(c, u, r)`,
        [memberConversation, memberUser, memberRole],
      );
      await client.query('ANALYZE');
    } finally {
      await client.end();
    }
    const tokens = await tokensFor(database.url, ids);
    return {
      url: database.url,
      people: ids.map((id, i) => ({ id, token: tokens[i]! })),
      groups: groups.map(({ first, size }, g) => ({
        id: groupIds[g]!,
        globalId: encodeGlobalID('Conversation', groupIds[g]!),
        members: Array.from({ length: size }, (_, i) => first + i),
      })),
      drop: database.drop,
    };
  } catch (error) {
    await database.drop();
    throw error;
  }
}

/** `count` groups of `size` people each, over people [first, first + count × size). */
export const evenGroups = (count: number, size: number, first = 0) => Array.from({ length: count }, (_, g) => ({ first: first + g * size, size }));
