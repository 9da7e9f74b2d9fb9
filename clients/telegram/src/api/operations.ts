import { graphql } from '../generated/gql.ts';

// Every operation the bot sends, in one place. `npm run codegen` types them from the printed
// schema (schema/schema.graphql) into ../generated.

/** What a sign-in gives the bot for a person: their tokens and who they are. */
export const SignedIn = graphql(`
  fragment SignedIn on AuthPayload { accessToken refreshToken user { id handle displayName locale role } }
`);
export const TelegramSignIn = graphql(`
  mutation TelegramSignIn($input: TelegramSignInInput!) { telegramSignIn(input: $input) { ...SignedIn } }
`);
export const LinkTelegram = graphql(`
  mutation LinkTelegram($input: LinkTelegramInput!) { linkTelegram(input: $input) { ...SignedIn } }
`);
export const RefreshSession = graphql(`
  mutation RefreshSession($input: RefreshInput!) { refreshSession(input: $input) { ...SignedIn } }
`);
export const Friends = graphql(`
  query Friends {
    me {
      friends(first: 30) { edges { node { handle displayName } } }
      incomingRequests(first: 10) { edges { node { handle displayName } } }
      outgoingRequests(first: 10) { edges { node { handle } } }
    }
  }
`);
export const Suggestions = graphql(`
  query Suggestions {
    me { friendSuggestions(first: 8) { edges { mutualCount node { handle displayName } mutualFriends(first: 2) { handle } } } }
  }
`);
export const SendFriendRequest = graphql(`
  mutation SendFriendRequest($handle: String!) { sendFriendRequest(input: { handle: $handle }) { handle displayName friendship } }
`);
export const AcceptFriendRequest = graphql(`
  mutation AcceptFriendRequest($handle: String!) { acceptFriendRequest(input: { handle: $handle }) { handle displayName } }
`);
export const DeclineFriendRequest = graphql(`
  mutation DeclineFriendRequest($handle: String!) { declineFriendRequest(input: { handle: $handle }) { handle displayName } }
`);

export const Conversations = graphql(`
  query Conversations {
    me {
      user { handle }
      conversations(first: 10) {
        edges {
          node {
            id kind title unreadCount
            members(first: 3) { edges { node { user { handle displayName } } } }
          }
        }
      }
    }
  }
`);
export const RecentMessages = graphql(`
  query RecentMessages($id: ID!) {
    conversation(id: $id) {
      id lastSeq
      messages(last: 10) { edges { node { text author { displayName } } } }
    }
  }
`);
export const SendMessage = graphql(`
  mutation SendMessage($input: SendMessageInput!) { sendMessage(input: $input) { id } }
`);
export const MarkRead = graphql(`
  mutation MarkRead($input: MarkReadInput!) { markRead(input: $input) { id } }
`);

export const CurrentPrompt = graphql(`
  query CurrentPrompt { me { currentPrompt { id } } }
`);
export const RecordActivity = graphql(`
  mutation RecordActivity($input: RecordActivityInput!) { recordActivity(input: $input) { id } }
`);
export const History = graphql(`
  query History { me { user { timezone activities(first: 10) { edges { node { text createdAt } } } } } }
`);
export const Feed = graphql(`
  query Feed { me { user { timezone } feed(first: 10) { edges { node { text createdAt author { displayName } } } } } }
`);

export const Settings = graphql(`
  query Settings {
    me {
      telegramNotifications
      user { locale timezone }
      settings { enabled windowStart windowEnd intervalMinutes visibility }
    }
  }
`);
export const UpdateCheckInSettings = graphql(`
  mutation UpdateCheckInSettings($input: CheckInSettingsInput!) {
    updateCheckInSettings(input: $input) { enabled windowStart windowEnd intervalMinutes visibility }
  }
`);
export const UpdateProfile = graphql(`
  mutation UpdateProfile($input: UpdateProfileInput!) { updateProfile(input: $input) { locale timezone } }
`);

export const PreviewBroadcast = graphql(`
  mutation PreviewBroadcast($input: BroadcastInput!) { previewBroadcast(input: $input) { recipientCount telegramCount text } }
`);
export const SendBroadcast = graphql(`
  mutation SendBroadcast($input: BroadcastInput!) { sendBroadcast(input: $input) { id recipientCount } }
`);
export const BroadcastProgress = graphql(`
  subscription BroadcastProgress($id: ID!) {
    broadcastProgress(id: $id) { total sent failed blocked pending cancelled perSecond etaSeconds }
  }
`);
export const Stats = graphql(`
  query Stats { stats { users activeLast7Days newLast7Days telegramLinked messagesLast24h activitiesLast24h } }
`);

export const DeliveryTarget = graphql(`
  query DeliveryTarget($chatId: String!, $externalId: String!) {
    deliveryTarget(chatId: $chatId, externalId: $externalId) {
      __typename
      ... on Message { id conversation { id } }
      ... on CheckInPrompt { id }
    }
  }
`);
export const ClaimDeliveries = graphql(`
  mutation ClaimDeliveries($input: ClaimInput!) {
    claimDeliveries(input: $input) {
      id kind chatId locale text
      subject {
        __typename
        ... on Message { author { displayName } conversation { kind title } }
        ... on User { handle displayName }
        ... on CheckInPrompt { id }
      }
    }
  }
`);
export const ReportDeliveries = graphql(`
  mutation ReportDeliveries($input: ReportInput!) { reportDeliveries(input: $input) }
`);
export const DeliveriesReady = graphql(`
  subscription DeliveriesReady { deliveriesReady(channel: TELEGRAM) }
`);
