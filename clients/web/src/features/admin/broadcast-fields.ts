import { graphql } from '../../generated/gql.ts';

/** A broadcast's counts, as the live stream pushes them and as a broadcast carries them. */
export const AdminProgressFields = graphql(`
  fragment AdminProgressFields on BroadcastProgress {
    total
    sent
    failed
    blocked
    pending
    cancelled
    perSecond
    etaSeconds
  }
`);

/** What the admin screen shows of a broadcast, in the history and in the progress panel alike. */
export const AdminBroadcastFields = graphql(`
  fragment AdminBroadcastFields on Broadcast {
    id
    text
    state
    createdAt
    finishedAt
    recipientCount
    progress { ...AdminProgressFields }
  }
`);
