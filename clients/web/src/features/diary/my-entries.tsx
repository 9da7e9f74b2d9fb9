import { useClient, useQuery } from 'urql';
import { describeError } from '../../api/errors.ts';
import { graphql } from '../../generated/gql.ts';
import { ActivityItem } from './activity-item.tsx';
import { usePagedList } from '../../ui/paged-list.ts';
import { ShowMore } from '../../ui/show-more.tsx';

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
      {error && (
        <p className="error" role="alert">
          {describeError(error)}
        </p>
      )}
      {data && list.items.length === 0 && <p className="muted">Nothing yet: your entries and answers appear here.</p>}
      <ul className="plain" aria-label="My entries">
        {list.items.map((activity) => (
          <ActivityItem key={activity.id} activity={activity} />
        ))}
      </ul>
      <ShowMore list={list} />
    </section>
  );
}
