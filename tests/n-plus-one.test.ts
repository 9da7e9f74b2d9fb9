import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertFriendships, insertUsers } from './utils/graph.ts';
import { createTestApp, ok, type TestApp } from './utils/test-app.ts';
import { signUp, type TestUser } from './utils/users.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

/**
 * A viewer with `size` friends, where each friend also knows the next one (a ring) and
 * a few people of their own, so friendCount and mutualFriends have real work to do.
 */
async function viewerWithFriends(size: number): Promise<TestUser> {
  const viewer = await signUp(t, `viewer_${size}`);
  const friendHandles = Array.from({ length: size }, (_, i) => `f${size}_${String(i).padStart(3, '0')}`);
  const outsiderHandles = Array.from({ length: size }, (_, i) => `o${size}_${String(i).padStart(3, '0')}`);
  const ids = await insertUsers(t.db.prisma, [...friendHandles, ...outsiderHandles]);
  const friendIds = friendHandles.map((handle) => ids.get(handle)!);
  const pairs: [string, string][] = friendIds.map((id) => [viewer.rawId, id]);
  friendIds.forEach((id, i) => {
    if (size > 1) pairs.push([id, friendIds[(i + 1) % size]!]);
    pairs.push([id, ids.get(outsiderHandles[i]!)!]);
  });
  const unique = new Map(pairs.map(([a, b]) => [[a, b].sort().join(), [a, b] as [string, string]]));
  await insertFriendships(t.db.prisma, [...unique.values()]);
  return viewer;
}

const friendsPage = /* GraphQL */ `
  query FriendsPage {
    me {
      friends(first: 50) {
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

async function countStatements(viewer: TestUser) {
  t.statements.length = 0;
  const data = ok(await t.gql(friendsPage, {}, { token: viewer.token }));
  return { count: t.statements.length, statements: [...t.statements], edges: data.me.friends.edges };
}

describe('statements per operation', () => {
  it('should issue the same small number of statements for 5 friends and for 50', async () => {
    const five = await countStatements(await viewerWithFriends(5));
    const fifty = await countStatements(await viewerWithFriends(50));

    // The data is really there, so nothing was skipped to save statements.
    expect(five.edges).toHaveLength(5);
    expect(fifty.edges).toHaveLength(50);
    expect(fifty.edges[0].node.friendCount).toBe(4);
    expect(fifty.edges[0].node.mutualFriends.edges.map((edge: any) => edge.node.handle)).toEqual(['f50_001', 'f50_049']);
    expect(fifty.edges.every((edge: any) => edge.node.friendship === 'FRIENDS')).toBe(true);

    console.info(`statements for a friends page: 5 friends -> ${five.count}, 50 friends -> ${fifty.count}`);
    // Session lookup, the friends page, then one batch each for counts, states and mutual friends.
    expect(fifty.count).toBe(five.count);
    expect(fifty.count).toBeLessThanOrEqual(6);
  });
});

const conversationsPage = /* GraphQL */ `
  query Conversations {
    me {
      conversations(first: 50) {
        edges {
          node {
            kind
            title
            lastSeq
            unreadCount
            lastMessage { text author { handle } reactions { emoji count } }
            members(first: 3) { edges { node { role user { handle friendCount } } } }
          }
        }
      }
    }
  }`;

/** A viewer in `size` group conversations, each with two other members and a message. */
async function viewerInConversations(size: number): Promise<TestUser> {
  const viewer = await signUp(t, `talker_${size}`);
  const others = await insertUsers(t.db.prisma, Array.from({ length: size * 2 }, (_, i) => `c${size}_${String(i).padStart(3, '0')}`));
  const otherIds = [...others.values()];
  for (let i = 0; i < size; i += 1) {
    const members = [viewer.rawId, otherIds[2 * i]!, otherIds[2 * i + 1]!];
    const conversation = await t.db.prisma.conversation.create({
      data: {
        kind: 'GROUP',
        title: `group ${i}`,
        lastSeq: 1,
        members: { create: members.map((userId, index) => ({ userId, role: index === 0 ? 'OWNER' : 'MEMBER' })) },
      },
    });
    const message = await t.db.prisma.message.create({ data: { conversationId: conversation.id, seq: 1, authorId: members[1]!, text: `hello ${i}` } });
    await t.db.prisma.conversation.update({ where: { id: conversation.id }, data: { lastMessageId: message.id } });
  }
  return viewer;
}

describe('statements for the conversation list', () => {
  it('should issue the same small number of statements for 5 conversations and for 30', async () => {
    const run = async (viewer: TestUser) => {
      t.statements.length = 0;
      const data = ok(await t.gql(conversationsPage, {}, { token: viewer.token }));
      return { count: t.statements.length, edges: data.me.conversations.edges };
    };
    const five = await run(await viewerInConversations(5));
    const thirty = await run(await viewerInConversations(30));
    expect(five.edges).toHaveLength(5);
    expect(thirty.edges).toHaveLength(30);
    expect(thirty.edges[0].node.members.edges).toHaveLength(3);
    expect(thirty.edges[0].node.unreadCount).toBe(1);
    expect(thirty.edges[0].node.lastMessage.text).toMatch(/^hello /);
    console.info(`statements for a conversation list: 5 -> ${five.count}, 30 -> ${thirty.count}`);
    // Users (and their friend counts) are asked for in two waves, from message authors and from
    // members; DataLoader merges a wave into one batch only when both arrive in the same tick,
    // which the database's timing decides. So the count may move by those statements, never
    // by anything that grows with the list.
    expect(Math.abs(thirty.count - five.count)).toBeLessThanOrEqual(2);
    expect(thirty.count).toBeLessThanOrEqual(12);
  });
});
