import { useState } from 'react';
import { useMutation, type CombinedError } from 'urql';
import { describeError } from '../../api/errors.ts';
import { graphql } from '../../generated/gql.ts';

// Each returns the person with their new relation: the document cache refetches every list
// holding a User, so requests, friends, search and suggestions all follow.
const SendRequest = graphql(`
  mutation FriendsSendRequest($input: FriendTargetInput!) {
    sendFriendRequest(input: $input) { id friendship }
  }
`);
const AcceptRequest = graphql(`
  mutation FriendsAcceptRequest($input: FriendTargetInput!) {
    acceptFriendRequest(input: $input) { id friendship }
  }
`);
const DeclineRequest = graphql(`
  mutation FriendsDeclineRequest($input: FriendTargetInput!) {
    declineFriendRequest(input: $input) { id friendship }
  }
`);
const CancelRequest = graphql(`
  mutation FriendsCancelRequest($input: FriendTargetInput!) {
    cancelFriendRequest(input: $input) { id friendship }
  }
`);
const RemoveFriend = graphql(`
  mutation FriendsRemoveFriend($input: FriendTargetInput!) {
    removeFriend(input: $input) { id friendship }
  }
`);
const BlockUser = graphql(`
  mutation FriendsBlockUser($input: FriendTargetInput!) {
    blockUser(input: $input) { id friendship }
  }
`);
const UnblockUser = graphql(`
  mutation FriendsUnblockUser($input: FriendTargetInput!) {
    unblockUser(input: $input) { id friendship }
  }
`);

export type PersonAction = 'send' | 'accept' | 'decline' | 'cancel' | 'remove' | 'block' | 'unblock';

export interface PersonActions {
  /** Runs the action on the person; whether it succeeded. */
  run(action: PersonAction): Promise<boolean>;
  /** The action under way, if any: every button of the person waits for it. */
  running: PersonAction | null;
  error: string | null;
}

/** The friendship actions on one person, with one error and one busy state for all of them. */
export function usePersonActions(userId: string): PersonActions {
  const [, send] = useMutation(SendRequest);
  const [, accept] = useMutation(AcceptRequest);
  const [, decline] = useMutation(DeclineRequest);
  const [, cancel] = useMutation(CancelRequest);
  const [, remove] = useMutation(RemoveFriend);
  const [, block] = useMutation(BlockUser);
  const [, unblock] = useMutation(UnblockUser);
  const [running, setRunning] = useState<PersonAction | null>(null);
  const [error, setError] = useState<string | null>(null);

  const mutations: Record<PersonAction, (variables: { input: { userId: string } }) => Promise<{ error?: CombinedError }>> = {
    send,
    accept,
    decline,
    cancel,
    remove,
    block,
    unblock,
  };

  const run = async (action: PersonAction): Promise<boolean> => {
    setRunning(action);
    setError(null);
    try {
      const result = await mutations[action]({ input: { userId } });
      if (result.error) setError(describeError(result.error));
      return !result.error;
    } finally {
      setRunning(null);
    }
  };

  return { run, running, error };
}
