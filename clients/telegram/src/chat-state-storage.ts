import type { StorageAdapter } from 'grammy';

export interface ChatStateStorageOptions {
  /** Chats remembered at most; the least recently active are forgotten first. */
  maxChats: number;
  /** A chat's state is forgotten this long after it was last saved. */
  ttlMs: number;
  now?: () => number;
}

/**
 * Chat state in memory, bounded in both count and age: grammY's MemorySessionStorage only
 * forgets an expired entry when that chat comes back, so chats that never do would stay for the
 * life of the process.
 */
export function createChatStateStorage<State>({ maxChats, ttlMs, now = Date.now }: ChatStateStorageOptions): StorageAdapter<State> & { size(): number } {
  const entries = new Map<string, { state: State; expiresAt: number }>();
  return {
    read(key) {
      const entry = entries.get(key);
      if (!entry) return undefined;
      entries.delete(key);
      if (entry.expiresAt <= now()) return undefined;
      // Map order is recency order: a chat read now is the most recent.
      entries.set(key, entry);
      return entry.state;
    },
    write(key, state) {
      entries.delete(key);
      entries.set(key, { state, expiresAt: now() + ttlMs });
      while (entries.size > maxChats) entries.delete(entries.keys().next().value!);
    },
    delete(key) {
      entries.delete(key);
    },
    size: () => entries.size,
  };
}
