import { graphql } from '../../generated/gql.ts';

/** What the admin screen shows of a broadcast, in the history and in the progress panel alike. */
export const AdminBroadcastFields = graphql(`
  fragment AdminBroadcastFields on Broadcast {
    id
    text
    state
    createdAt
    finishedAt
    recipientCount
    progress { total sent failed blocked pending cancelled perSecond etaSeconds }
  }
`);
