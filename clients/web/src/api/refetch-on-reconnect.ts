import { makeOperation, type Exchange, type Operation } from 'urql';
import { pipe, tap } from 'wonka';

/**
 * Runs every query on screen again, from the network, each time `onReconnect` fires. While the
 * live socket was down, whatever the server published reached no subscription: a notification,
 * a friend request, a conversation's new activity. The screens' queries bring that back; only a
 * conversation thread resumes from its own log instead.
 */
export function refetchOnReconnectExchange(onReconnect: (listener: () => void) => void): Exchange {
  return ({ client, forward }) =>
    (operations$) => {
      const onScreen = new Map<number, Operation>();
      onReconnect(() => {
        for (const operation of onScreen.values()) {
          client.reexecuteOperation(makeOperation('query', operation, { requestPolicy: 'network-only' }));
        }
      });
      return forward(
        pipe(
          operations$,
          tap((operation) => {
            if (operation.kind === 'query') onScreen.set(operation.key, operation);
            else if (operation.kind === 'teardown') onScreen.delete(operation.key);
          }),
        ),
      );
    };
}
