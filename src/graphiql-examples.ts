/** Operations preloaded in GraphiQL, in the order a new user would try them. */
export const graphiqlExamples = /* GraphQL */ `# Welcome to Chorus. Run an operation with the ▶ button.
# 1. signUp (or signIn), copy accessToken, then add a header:
#    { "Authorization": "Bearer <accessToken>" }

mutation SignUp {
  signUp(input: { handle: "ada", displayName: "Ada Lovelace", password: "correct horse battery" }) {
    accessToken
    refreshToken
    user { id handle displayName }
  }
}

mutation SignIn {
  signIn(input: { handle: "ada", password: "correct horse battery" }) { accessToken refreshToken }
}

query Me {
  me {
    user { handle displayName friendCount }
    friends(first: 20) { edges { node { handle displayName } } pageInfo { hasNextPage endCursor } }
    incomingRequests(first: 20) { edges { node { handle displayName } } }
    outgoingRequests(first: 20) { edges { node { handle displayName } } }
  }
}

query Discover {
  me {
    friendSuggestions(first: 10) {
      edges { mutualCount node { handle displayName } mutualFriends(first: 3) { handle } }
      pageInfo { hasNextPage endCursor }
    }
  }
}

query Search {
  searchUsers(query: "gr", first: 10) { edges { node { handle displayName friendship friendCount } } }
}

mutation AddFriend {
  sendFriendRequest(input: { handle: "grace" }) { handle friendship }
}

query Conversations {
  me {
    conversations(first: 10) {
      edges { node { id kind title unreadCount lastMessage { text author { handle } } } }
    }
  }
}

# Live: run this in one tab (with the header), send a message from another.
subscription MyEvents {
  myEvents {
    __typename
    ... on NotificationAdded { notification { kind text count } }
    ... on ConversationUpdated { conversation { id unreadCount } }
    ... on CheckInDue { prompt { id text dueAt } }
  }
}

query Diary {
  me {
    settings { enabled windowStart windowEnd intervalMinutes visibility }
    questions { id name text active nextDueAt }
    currentPrompt { id text dueAt }
    diaryStats { entries distinctDays currentStreak }
    feed(first: 10) { edges { node { text promptText createdAt author { handle } } } }
  }
}

mutation RecordActivity {
  recordActivity(input: { text: "Reading about GraphQL" }) { id text createdAt }
}

query Notifications {
  me {
    unreadNotificationCount
    notifications(first: 10) { edges { node { id kind text count readAt subject { id } } } }
  }
}
`;
