import { useClient, useQuery } from 'urql';
import { graphql } from '../../generated/gql.ts';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { usePagedList } from '../../ui/paged-list.ts';
import { ActivityList } from './activity-list.tsx';

const pageSize = 10;

const DiaryMyEntriesQuery = graphql(`
  query DiaryMyEntries($first: Int!, $after: String) {
    me {
      diaryStats { entries currentStreak }
      user {
        id
        activities(first: $first, after: $after) {
          edges { cursor node { id text createdAt promptText } }
          pageInfo { hasNextPage endCursor }
        }
      }
    }
  }
`);

const noneLive: never[] = [];

/** "My entries": the viewer's own diary, newest first, with the question each answered. */
export function MyEntries() {
  const client = useClient();
  const [{ data, error }] = useQuery({ query: DiaryMyEntriesQuery, variables: { first: pageSize } });
  const list = usePagedList(data?.me.user.activities, noneLive, async (after) => {
    const result = await client.query(DiaryMyEntriesQuery, { first: pageSize, after }, { requestPolicy: 'network-only' }).toPromise();
    return { page: result.data?.me.user.activities, error: result.error };
  });
  const stats = data?.me.diaryStats;

  return (
    <section className="card stack" aria-labelledby="diary-my-entries">
      <h2 id="diary-my-entries">My entries</h2>
      {stats && stats.entries > 0 && (
        <p className="muted">
          {stats.entries} {stats.entries === 1 ? 'entry' : 'entries'} · a streak of {stats.currentStreak} {stats.currentStreak === 1 ? 'day' : 'days'}
        </p>
      )}
      <ErrorAlert error={error} />
      <ActivityList label="My entries" list={list} loaded={!!data} empty="Nothing yet: your entries and answers appear here." />
    </section>
  );
}
