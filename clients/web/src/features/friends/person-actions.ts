import { useState } from 'react';
import { useClient, type TypedDocumentNode } from 'urql';
import { describeError } from '../../api/errors.ts';
import { graphql } from '../../generated/gql.ts';
import type { FriendTargetInput } from '../../generated/graphql.ts';

// Each returns the person with their new relation: the document cache refetches every list
// holding a User, so requests, friends, search and suggestions all follow.
const friendshipMutations = {
  send: graphql(`
    mutation FriendsSendRequest($input: FriendTargetInput!) {
      sendFriendRequest(input: $input) { id friendship }
    }
  `),
  accept: graphql(`
    mutation FriendsAcceptRequest($input: FriendTargetInput!) {
      acceptFriendRequest(input: $input) { id friendship }
    }
  `),
  decline: graphql(`
    mutation FriendsDeclineRequest($input: FriendTargetInput!) {
      declineFriendRequest(input: $input) { id friendship }
    }
  `),
  cancel: graphql(`
    mutation FriendsCancelRequest($input: FriendTargetInput!) {
      cancelFriendRequest(input: $input) { id friendship }
    }
  `),
  remove: graphql(`
    mutation FriendsRemoveFriend($input: FriendTargetInput!) {
      removeFriend(input: $input) { id friendship }
    }
  `),
  block: graphql(`
    mutation FriendsBlockUser($input: FriendTargetInput!) {
      blockUser(input: $input) { id friendship }
    }
  `),
  unblock: graphql(`
    mutation FriendsUnblockUser($input: FriendTargetInput!) {
      unblockUser(input: $input) { id friendship }
    }
  `),
};

const OpenDirect = graphql(`
  mutation FriendsOpenDirect($input: FriendTargetInput!) {
    openDirectConversation(input: $input) { id }
  }
`);

export type PersonAction = keyof typeof friendshipMutations;

export interface PersonActions {
  /** Runs the friendship action on the person; whether it succeeded. */
  run(action: PersonAction): Promise<boolean>;
  /** Opens the direct conversation with the person (a friend); its id, or null when refused. */
  openConversation(): Promise<string | null>;
  /** Whether something is under way: every button of the person waits for it. */
  busy: boolean;
  /** Why the last thing tried on the person failed, until the next one starts. */
  error: string | null;
}

/** What the viewer can do about one person, with one error and one busy state for all of it. */
export function usePersonActions(userId: string): PersonActions {
  const client = useClient();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const attempt = async <Data>(mutation: TypedDocumentNode<Data, { input: FriendTargetInput }>): Promise<Data | null> => {
    setBusy(true);
    setError(null);
    try {
      const result = await client.mutation(mutation, { input: { userId } }).toPromise();
      if (result.error) {
        setError(describeError(result.error));
        return null;
      }
      return result.data ?? null;
    } finally {
      setBusy(false);
    }
  };

  return {
    // Each action answers with its own field; only whether it succeeded matters here.
    run: async (action) => (await attempt<unknown>(friendshipMutations[action])) !== null,
    openConversation: async () => (await attempt(OpenDirect))?.openDirectConversation.id ?? null,
    busy,
    error,
  };
}
