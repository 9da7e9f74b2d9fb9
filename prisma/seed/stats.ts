import type { Graph } from './graph.ts';

export interface GraphStats {
  users: number;
  accepted: number;
  pending: number;
  blocks: number;
  /** Accepted friends per user. */
  averageFriends: number;
  maxFriends: number;
}

/** Accepted friends of every user, by id. */
export function friendsById(graph: Graph): Map<string, Set<string>> {
  const friends = new Map(graph.users.map((user) => [user.id, new Set<string>()]));
  for (const row of graph.friendships) {
    if (row.status !== 'ACCEPTED') continue;
    friends.get(row.userLowId)!.add(row.userHighId);
    friends.get(row.userHighId)!.add(row.userLowId);
  }
  return friends;
}

/** Friends of the user's friends who are neither the user nor already a friend. */
export function friendsOfFriends(graph: Graph, userId: string): Set<string> {
  const friends = friendsById(graph);
  const mine = friends.get(userId) ?? new Set<string>();
  const reach = new Set<string>();
  for (const friend of mine) {
    for (const candidate of friends.get(friend)!) {
      if (candidate !== userId && !mine.has(candidate)) reach.add(candidate);
    }
  }
  return reach;
}

export function describeGraph(graph: Graph): GraphStats {
  const accepted = graph.friendships.filter((row) => row.status === 'ACCEPTED').length;
  const counts = [...friendsById(graph).values()].map((set) => set.size);
  return {
    users: graph.users.length,
    accepted,
    pending: graph.friendships.length - accepted,
    blocks: graph.blocks.length,
    averageFriends: (2 * accepted) / Math.max(1, graph.users.length),
    maxFriends: counts.reduce((max, count) => Math.max(max, count), 0),
  };
}
