import { useNavigate } from 'react-router';
import { graphql } from '../../generated/gql.ts';
import { PeoplePages, PeopleSection, pageSize } from './paged-list.tsx';
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

/** The viewer's friends, by handle, a page at a time. */
export function MyFriends() {
  return (
    <PeopleSection title="Your friends">
      <PeoplePages
        query={MyFriendsPage}
        variables={{ first: pageSize }}
        connectionOf={(data) => data.me.friends}
        row={(friend) => <FriendRow friend={friend} />}
        empty="No friends yet. Search for people you know, or add someone from Discover."
      />
    </PeopleSection>
  );
}

function FriendRow({ friend }: { friend: Person }) {
  const actions = usePersonActions(friend.id);
  const navigate = useNavigate();

  const message = async () => {
    const conversationId = await actions.openConversation();
    if (conversationId) navigate(`/conversations/${encodeURIComponent(conversationId)}`);
  };

  return (
    <PersonRow
      person={friend}
      error={actions.error}
      actions={
        <>
          <button type="button" onClick={() => void message()} disabled={actions.busy}>
            Message
          </button>
          <ActionButton actions={actions} action="remove" label="Remove" variant="secondary" />
          <ActionButton actions={actions} action="block" label="Block" variant="danger" />
        </>
      }
    />
  );
}
