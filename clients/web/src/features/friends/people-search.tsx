import { useEffect, useId, useState, type FormEvent } from 'react';
import { useQuery } from 'urql';
import { useSignedIn } from '../../app-context.tsx';
import { graphql } from '../../generated/gql.ts';
import { listsPeople, PeoplePages, pageSize } from './paged-list.tsx';
import { ActionButton, PersonRow, type Person } from './person.tsx';
import { usePersonActions, type PersonActions } from './person-actions.ts';

const SearchPage = graphql(`
  query FriendsSearch($query: String!, $first: Int!, $after: String) {
    searchUsers(query: $query, first: $first, after: $after) {
      edges { node { ...FriendsPerson } }
      pageInfo { hasNextPage endCursor }
    }
  }
`);

const ExactHandle = graphql(`
  query FriendsExactHandle($handle: String!) {
    user(handle: $handle) { ...FriendsPerson }
  }
`);

/** Typing settles for this long before a search goes out (Enter searches at once). */
const typingPauseMs = 300;
const handlePattern = /^[a-z0-9_]{3,32}$/;

/** Finds people by name or handle, each with what the viewer can do about them. */
export function PeopleSearch() {
  const [text, setText] = useState('');
  const [query, setQuery] = useState('');
  const ids = { heading: useId(), input: useId(), hint: useId() };

  useEffect(() => {
    const timer = setTimeout(() => setQuery(searchTermOf(text)), typingPauseMs);
    return () => clearTimeout(timer);
  }, [text]);

  const searchNow = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setQuery(searchTermOf(text));
  };

  return (
    <section className="card" aria-labelledby={ids.heading}>
      <h2 id={ids.heading}>Find people</h2>
      <form role="search" className="stack" onSubmit={searchNow}>
        <label htmlFor={ids.input}>Search people</label>
        <div className="search-row">
          <input
            id={ids.input}
            type="search"
            value={text}
            onChange={(event) => setText(event.target.value)}
            placeholder="Name or @handle"
            aria-describedby={ids.hint}
            autoComplete="off"
          />
          <button type="submit">Search</button>
        </div>
        <p id={ids.hint} className="muted small">
          By name or handle. Someone you blocked is found by their exact handle.
        </p>
      </form>
      {query && (
        <ul className="plain" aria-label="Search results">
          <BlockedMatch term={query} />
          {/* Keyed by the term: a new search starts again at its first page. */}
          <PeoplePages
            key={query}
            query={SearchPage}
            variables={{ query, first: pageSize }}
            connectionOf={(data) => data.searchUsers}
            row={(person) => <SearchResultRow person={person} />}
            empty={`Nobody found for “${query}”.`}
          />
        </ul>
      )}
    </section>
  );
}

function searchTermOf(text: string): string {
  return text.trim().replace(/^@/, '');
}

/**
 * The search leaves out blocked people, so the one the viewer may want to unblock is looked up
 * by exact handle and shown first.
 */
function BlockedMatch({ term }: { term: string }) {
  const handle = term.toLowerCase();
  const [result] = useQuery({ query: ExactHandle, variables: { handle }, pause: !handlePattern.test(handle), context: listsPeople });
  const person = result.data?.user;
  if (person?.friendship !== 'BLOCKED') return null;
  return (
    <li>
      <SearchResultRow person={person} />
    </li>
  );
}

function SearchResultRow({ person }: { person: Person }) {
  const session = useSignedIn();
  const actions = usePersonActions(person.id);
  const isMe = person.id === session.user.id;
  return <PersonRow person={person} error={actions.error} actions={isMe ? <span className="tag">You</span> : <ActionsFor person={person} actions={actions} />} />;
}

/** The step forward from each relation that has one; Block stands beside it. */
const nextStep = {
  NONE: { action: 'send', label: 'Add friend' },
  REQUESTED_BY_ME: { action: 'cancel', label: 'Cancel request', variant: 'secondary' },
  REQUESTED_BY_THEM: { action: 'accept', label: 'Accept' },
} as const;

/** What can be done about someone depends on where the two stand. */
function ActionsFor({ person, actions }: { person: Person; actions: PersonActions }) {
  switch (person.friendship) {
    case 'FRIENDS':
      return <span className="tag">Friends</span>;
    case 'BLOCKED':
      return <ActionButton actions={actions} action="unblock" label="Unblock" variant="secondary" />;
    default:
      return (
        <>
          <ActionButton actions={actions} {...nextStep[person.friendship]} />
          <ActionButton actions={actions} action="block" label="Block" variant="danger" />
        </>
      );
  }
}
