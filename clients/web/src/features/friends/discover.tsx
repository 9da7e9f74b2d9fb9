import { useState } from 'react';
import { graphql } from '../../generated/gql.ts';
import type { FriendsSuggestionsQuery } from '../../generated/graphql.ts';
import { Page, PeopleSection, pageSize, usePeoplePage } from './paged-list.tsx';
import { PersonRow } from './person.tsx';
import { usePersonActions } from './person-actions.ts';

const SuggestionsPage = graphql(`
  query FriendsSuggestions($first: Int!, $after: String) {
    me {
      friendSuggestions(first: $first, after: $after) {
        edges {
          node { ...FriendsPerson }
          mutualCount
          mutualFriends(first: 3) { id displayName }
        }
        pageInfo { hasNextPage endCursor }
      }
    }
  }
`);

type Suggestion = FriendsSuggestionsQuery['me']['friendSuggestions']['edges'][number];

/** A suggestion the viewer has just asked, kept in its place after it leaves the suggestions. */
interface Requested {
  suggestion: Suggestion;
  index: number;
}

/** Friends of friends, most friends in common first, each one click away from a request. */
export function Discover() {
  return (
    <PeopleSection title="Discover">
      <SuggestionsFrom after={null} />
    </PeopleSection>
  );
}

function SuggestionsFrom({ after }: { after: string | null }) {
  const result = usePeoplePage(SuggestionsPage, { first: pageSize, after });
  const [requested, setRequested] = useState<Requested[]>([]);
  const connection = result.data?.me.friendSuggestions;
  const suggestions = keepRequested(connection?.edges ?? [], requested);
  const isRequested = (id: string) => requested.some((entry) => entry.suggestion.node.id === id);

  return (
    <Page
      itemCount={suggestions.length}
      fetching={result.fetching}
      error={result.error}
      pageInfo={connection?.pageInfo}
      empty="No suggestions yet: they come from your friends' friends."
      isFirstPage={after === null}
      nextPage={(cursor) => <SuggestionsFrom after={cursor} />}
    >
      {suggestions.map((suggestion, index) => (
        <li key={suggestion.node.id}>
          <SuggestionCard
            suggestion={suggestion}
            requested={isRequested(suggestion.node.id)}
            onRequested={() => setRequested((earlier) => [...earlier, { suggestion, index }])}
          />
        </li>
      ))}
    </Page>
  );
}

/**
 * A request takes its person out of the suggestions (the lists are refetched after every
 * friendship change); the card stays where it was, saying "Requested", so the click shows.
 */
function keepRequested(fresh: Suggestion[], requested: Requested[]): Suggestion[] {
  const merged = [...fresh];
  for (const { suggestion, index } of requested) {
    if (merged.some((entry) => entry.node.id === suggestion.node.id)) continue;
    merged.splice(Math.min(index, merged.length), 0, suggestion);
  }
  return merged;
}

function SuggestionCard({ suggestion, requested, onRequested }: { suggestion: Suggestion; requested: boolean; onRequested: () => void }) {
  const actions = usePersonActions(suggestion.node.id);
  const addFriend = async () => {
    if (await actions.run('send')) onRequested();
  };
  return (
    <PersonRow
      person={suggestion.node}
      details={<MutualFriends suggestion={suggestion} />}
      error={actions.error}
      actions={
        requested ? (
          <span className="tag">Requested</span>
        ) : (
          <button type="button" disabled={actions.busy} onClick={() => void addFriend()}>
            Add friend
          </button>
        )
      }
    />
  );
}

function MutualFriends({ suggestion }: { suggestion: Suggestion }) {
  const { mutualCount, mutualFriends } = suggestion;
  const names = mutualFriends.map((friend) => friend.displayName).join(', ');
  const more = mutualCount - mutualFriends.length;
  return (
    <>
      {mutualCount === 1 ? '1 mutual friend' : `${mutualCount} mutual friends`}
      {names && ` · via ${names}${more > 0 ? ` and ${more} more` : ''}`}
    </>
  );
}
