import { useId } from 'react';
import { useQuery } from 'urql';
import { graphql } from '../../generated/gql.ts';
import type { AdminStatsQuery } from '../../generated/graphql.ts';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { Figures } from './figures.tsx';
import { StatsChart, type ChartValue } from './stats-chart.tsx';

const AdminStats = graphql(`
  query AdminStats {
    stats { users activeLast7Days newLast7Days telegramLinked messagesLast24h activitiesLast24h }
  }
`);

/** The numbers in the order shown, each with its short label and its spoken form. */
function chartValues(stats: AdminStatsQuery['stats']): ChartValue[] {
  return [
    { label: 'Users', spoken: 'users', value: stats.users },
    { label: 'Active (7 days)', spoken: 'active in the last 7 days', value: stats.activeLast7Days },
    { label: 'New (7 days)', spoken: 'new in the last 7 days', value: stats.newLast7Days },
    { label: 'Telegram-linked', spoken: 'linked to Telegram', value: stats.telegramLinked },
    { label: 'Messages (24 h)', spoken: 'messages in the last 24 hours', value: stats.messagesLast24h },
    { label: 'Activities (24 h)', spoken: 'activities in the last 24 hours', value: stats.activitiesLast24h },
  ];
}

/** The service at a glance: six numbers and a chart of them, read again on demand. */
export function StatsSection() {
  const headingId = useId();
  const [{ data, error, fetching }, refetch] = useQuery({ query: AdminStats, requestPolicy: 'cache-and-network' });
  const values = data ? chartValues(data.stats) : null;
  return (
    <section className="card stack" aria-labelledby={headingId}>
      <div className="row admin-section-head">
        <h2 id={headingId}>Stats</h2>
        <button type="button" className="secondary" onClick={() => refetch({ requestPolicy: 'network-only' })} disabled={fetching}>
          {fetching ? 'Refreshing…' : 'Refresh'}
        </button>
      </div>
      <ErrorAlert error={error} />
      {values ? (
        <>
          <Figures className="admin-stats" figures={values.map((each) => [each.label, each.value])} />
          <StatsChart values={values} />
        </>
      ) : (
        !error && <p className="muted">Loading…</p>
      )}
    </section>
  );
}
