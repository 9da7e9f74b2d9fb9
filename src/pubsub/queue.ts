/**
 * A push-to-pull queue: producers push, one consumer iterates. Unlike an async generator,
 * `return()` ends it at once even while the consumer waits for an item, so a closed
 * subscription never lingers until its next message.
 */
export interface Queue<T> {
  push(item: T): void;
  /** Ends the stream after the items already pushed. */
  end(): void;
  iterator: AsyncIterableIterator<T> & { return(): Promise<IteratorResult<T>> };
}

export function createQueue<T>(onReturn: () => void = () => {}): Queue<T> {
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
      else items.push(item);
    },
    end: finish,
    iterator,
  };
}
