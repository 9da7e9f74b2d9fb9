import { useId, useState } from 'react';
import { useNavigate } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { describeError } from '../../api/errors.ts';
import { graphql } from '../../generated/gql.ts';
import { useRefetchOnFriendNews } from './friend-news.ts';
import { listsPeople, Page, pageSize } from './paged-list.tsx';
import { ActionButton, PersonRow, type Person } from './person.tsx';
import { usePersonActions } from './person-actions.ts';

const MyFriendsPage = graphql(`
  query FriendsMyFriends($first: Int!, $after: String) {
    me {
      friends(first: $first, after: $after) {
        edges { node { ...FriendsPerson } }
        pageInfo { hasNextPage endCursor }
      }
    }
  }
`);

const OpenDirect = graphql(`
  mutation FriendsOpenDirect($input: FriendTargetInput!) {
    openDirectConversation(input: $input) { id }
  }
`);

/** The viewer's friends, by handle, a page at a time. */
export function MyFriends() {
  const heading = useId();
  return (
    <section className="card" aria-labelledby={heading}>
      <h2 id={heading}>Your friends</h2>
      <ul className="plain">
        <MyFriendsFrom after={null} />
      </ul>
    </section>
  );
}

function MyFriendsFrom({ after }: { after: string | null }) {
  const [result, refetch] = useQuery({ query: MyFriendsPage, variables: { first: pageSize, after }, context: listsPeople });
  useRefetchOnFriendNews(refetch);
  const connection = result.data?.me.friends;
  const edges = connection?.edges ?? [];
  return (
    <Page
      itemCount={edges.length}
      fetching={result.fetching}
      error={result.error}
      pageInfo={connection?.pageInfo}
      empty="No friends yet. Search for people you know, or add someone from Discover."
      isFirstPage={after === null}
      nextPage={(cursor) => <MyFriendsFrom after={cursor} />}
    >
      {edges.map(({ node }) => (
        <li key={node.id}>
          <FriendRow friend={node} />
        </li>
      ))}
    </Page>
  );
}

function FriendRow({ friend }: { friend: Person }) {
  const actions = usePersonActions(friend.id);
  const [opening, openDirect] = useMutation(OpenDirect);
  const [openError, setOpenError] = useState<string | null>(null);
  const navigate = useNavigate();

  const message = async () => {
    setOpenError(null);
    const result = await openDirect({ input: { userId: friend.id } });
    if (result.error) return setOpenError(describeError(result.error));
    if (result.data) navigate(`/conversations/${encodeURIComponent(result.data.openDirectConversation.id)}`);
  };

  const busy = opening.fetching || actions.running !== null;
  return (
    <PersonRow
      person={friend}
      error={openError ?? actions.error}
      actions={
        <>
          <button type="button" onClick={() => void message()} disabled={busy}>
            Message
          </button>
          <ActionButton actions={actions} action="remove" label="Remove" variant="secondary" disabled={opening.fetching} />
          <ActionButton actions={actions} action="block" label="Block" variant="danger" disabled={opening.fetching} />
        </>
      }
    />
  );
}
