import { graphql } from '../../generated/gql.ts';
import { PeoplePages, PeopleSection, pageSize } from './paged-list.tsx';
import { ActionButton, PersonRow, type Person } from './person.tsx';
import { usePersonActions } from './person-actions.ts';

const IncomingPage = graphql(`
  query FriendsIncomingRequests($first: Int!, $after: String) {
    me {
      incomingRequests(first: $first, after: $after) {
        edges { node { ...FriendsPerson } }
        pageInfo { hasNextPage endCursor }
      }
    }
  }
`);

const OutgoingPage = graphql(`
  query FriendsOutgoingRequests($first: Int!, $after: String) {
    me {
      outgoingRequests(first: $first, after: $after) {
        edges { node { ...FriendsPerson } }
        pageInfo { hasNextPage endCursor }
      }
    }
  }
`);

/** Requests to the viewer, newest first; a new one appears as it arrives. */
export function IncomingRequests() {
  return (
    <PeopleSection title="Incoming requests">
      <PeoplePages
        query={IncomingPage}
        variables={{ first: pageSize }}
        connectionOf={(data) => data.me.incomingRequests}
        row={(person) => <IncomingRow person={person} />}
        empty="No requests waiting for you."
      />
    </PeopleSection>
  );
}

function IncomingRow({ person }: { person: Person }) {
  const actions = usePersonActions(person.id);
  return (
    <PersonRow
      person={person}
      error={actions.error}
      actions={
        <>
          <ActionButton actions={actions} action="accept" label="Accept" />
          <ActionButton actions={actions} action="decline" label="Decline" variant="secondary" />
        </>
      }
    />
  );
}

/** The viewer's own requests still waiting for an answer, newest first; an acceptance moves one to the friends list. */
export function OutgoingRequests() {
  return (
    <PeopleSection title="Outgoing requests">
      <PeoplePages
        query={OutgoingPage}
        variables={{ first: pageSize }}
        connectionOf={(data) => data.me.outgoingRequests}
        row={(person) => <OutgoingRow person={person} />}
        empty="You have no requests waiting for an answer."
      />
    </PeopleSection>
  );
}

function OutgoingRow({ person }: { person: Person }) {
  const actions = usePersonActions(person.id);
  return <PersonRow person={person} error={actions.error} actions={<ActionButton actions={actions} action="cancel" label="Cancel" variant="secondary" />} />;
}
