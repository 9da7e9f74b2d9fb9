/**
 * A push-to-pull queue: producers push, one consumer iterates. Unlike an async generator,
 * `return()` ends it at once even while the consumer waits for an item, so a closed
 * subscription never lingers until its next message. It holds at most `limit` items: a
 * consumer that falls that far behind loses the oldest, as if their publishes had been lost
 * (which every stream already survives: conversations fill gaps from the log, notifications
 * are stored), rather than growing without bound.
 */
export interface Queue<T> {
  push(item: T): void;
  /** Ends the stream after the items already pushed. */
  end(): void;
  iterator: AsyncIterableIterator<T> & { return(): Promise<IteratorResult<T>> };
}

/** Items a subscriber may fall behind by before the oldest are dropped. */
export const defaultQueueLimit = 1000;

export function createQueue<T>(onReturn: () => void = () => {}, limit = defaultQueueLimit): Queue<T> {
  const items: T[] = [];
  const waiting: ((result: IteratorResult<T>) => void)[] = [];
  let ended = false;
  let returned = false;

  const finish = () => {
    ended = true;
    for (const resolve of waiting.splice(0)) resolve({ value: undefined, done: true });
  };

  const iterator = {
    next(): Promise<IteratorResult<T>> {
      if (items.length > 0) return Promise.resolve({ value: items.shift()!, done: false });
      if (ended) return Promise.resolve({ value: undefined, done: true });
      return new Promise<IteratorResult<T>>((resolve) => waiting.push(resolve));
    },
    return(): Promise<IteratorResult<T>> {
      items.length = 0;
      finish();
      if (!returned) {
        returned = true;
        onReturn();
      }
      return Promise.resolve({ value: undefined, done: true });
    },
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };

  return {
    push(item) {
      if (ended) return;
      const resolve = waiting.shift();
      if (resolve) resolve({ value: item, done: false });
      else if (items.push(item) > limit) items.shift();
    },
    end: finish,
    iterator,
  };
}
