import { graphql } from '../../generated/gql.ts';

/** The viewer's friends: whom a group can be made with, or grown by. */
export const MyFriends = graphql(`
  query ConversationsFriends {
    me {
      user { id }
      friends(first: 100) { edges { node { id displayName handle } } }
    }
  }
`);
