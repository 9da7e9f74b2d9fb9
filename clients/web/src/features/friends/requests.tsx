import { useId } from 'react';
import { useQuery } from 'urql';
import { graphql } from '../../generated/gql.ts';
import { useRefetchOnFriendNews } from './friend-news.ts';
import { listsPeople, Page, pageSize } from './paged-list.tsx';
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
  const heading = useId();
  return (
    <section className="card" aria-labelledby={heading}>
      <h2 id={heading}>Incoming requests</h2>
      <ul className="plain">
        <IncomingFrom after={null} />
      </ul>
    </section>
  );
}

function IncomingFrom({ after }: { after: string | null }) {
  const [result, refetch] = useQuery({ query: IncomingPage, variables: { first: pageSize, after }, context: listsPeople });
  useRefetchOnFriendNews(refetch);
  const connection = result.data?.me.incomingRequests;
  const edges = connection?.edges ?? [];
  return (
    <Page
      itemCount={edges.length}
      fetching={result.fetching}
      error={result.error}
      pageInfo={connection?.pageInfo}
      empty="No requests waiting for you."
      isFirstPage={after === null}
      nextPage={(cursor) => <IncomingFrom after={cursor} />}
    >
      {edges.map(({ node }) => (
        <li key={node.id}>
          <IncomingRow person={node} />
        </li>
      ))}
    </Page>
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

/** The viewer's own requests still waiting for an answer, newest first. */
export function OutgoingRequests() {
  const heading = useId();
  return (
    <section className="card" aria-labelledby={heading}>
      <h2 id={heading}>Outgoing requests</h2>
      <ul className="plain">
        <OutgoingFrom after={null} />
      </ul>
    </section>
  );
}

function OutgoingFrom({ after }: { after: string | null }) {
  const [result, refetch] = useQuery({ query: OutgoingPage, variables: { first: pageSize, after }, context: listsPeople });
  // An acceptance moves a request from here to the friends list.
  useRefetchOnFriendNews(refetch);
  const connection = result.data?.me.outgoingRequests;
  const edges = connection?.edges ?? [];
  return (
    <Page
      itemCount={edges.length}
      fetching={result.fetching}
      error={result.error}
      pageInfo={connection?.pageInfo}
      empty="You have no requests waiting for an answer."
      isFirstPage={after === null}
      nextPage={(cursor) => <OutgoingFrom after={cursor} />}
    >
      {edges.map(({ node }) => (
        <li key={node.id}>
          <OutgoingRow person={node} />
        </li>
      ))}
    </Page>
  );
}

function OutgoingRow({ person }: { person: Person }) {
  const actions = usePersonActions(person.id);
  return <PersonRow person={person} error={actions.error} actions={<ActionButton actions={actions} action="cancel" label="Cancel" variant="secondary" />} />;
}
