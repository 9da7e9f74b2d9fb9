import { useClient, useQuery, useSubscription } from 'urql';
import { graphql } from '../../generated/gql.ts';
import type { DiaryFeedActivityFragment } from '../../generated/graphql.ts';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { usePagedList } from '../../ui/paged-list.ts';
import { ActivityList } from './activity-list.tsx';

const pageSize = 10;

graphql(`
  fragment DiaryFeedActivity on Activity {
    id
    text
    createdAt
    promptText
    author { id handle displayName }
  }
`);

const DiaryFeedQuery = graphql(`
  query DiaryFeed($first: Int!, $after: String) {
    me {
      feed(first: $first, after: $after) {
        edges { cursor node { ...DiaryFeedActivity } }
        pageInfo { hasNextPage endCursor }
      }
    }
  }
`);

const DiaryFeedEvents = graphql(`
  subscription DiaryFeedEvents {
    feedEvents { ...DiaryFeedActivity }
  }
`);

/** Every activity pushed while the screen is open, newest first (the list drops repeats). */
function prependArrival(arrived: DiaryFeedActivityFragment[] = [], event: { feedEvents: DiaryFeedActivityFragment }): DiaryFeedActivityFragment[] {
  return [event.feedEvents, ...arrived];
}

/** "Friends' feed": what friends shared, newest first; new entries arrive live. */
export function FriendsFeed() {
  const client = useClient();
  const [{ data, error }] = useQuery({ query: DiaryFeedQuery, variables: { first: pageSize } });
  const [live] = useSubscription({ query: DiaryFeedEvents }, prependArrival);
  const list = usePagedList(data?.me.feed, live.data ?? [], async (after) => {
    const result = await client.query(DiaryFeedQuery, { first: pageSize, after }, { requestPolicy: 'network-only' }).toPromise();
    return { page: result.data?.me.feed, error: result.error };
  });

  return (
    <section className="card stack" aria-labelledby="diary-friends-feed">
      <h2 id="diary-friends-feed">Friends' feed</h2>
      <ErrorAlert error={error ?? live.error} />
      <ActivityList label="Friends' feed" list={list} loaded={!!data} empty="Nothing from your friends yet. What they share appears here as they write it." />
    </section>
  );
}
