/* eslint-disable */
import * as types from './graphql.ts';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  fragment SignedIn on AuthPayload { accessToken refreshToken user { id handle displayName locale role } }\n": typeof types.SignedInFragmentDoc,
    "\n  mutation TelegramSignIn($input: TelegramSignInInput!) { telegramSignIn(input: $input) { ...SignedIn } }\n": typeof types.TelegramSignInDocument,
    "\n  mutation LinkTelegram($input: LinkTelegramInput!) { linkTelegram(input: $input) { ...SignedIn } }\n": typeof types.LinkTelegramDocument,
    "\n  mutation RefreshSession($input: RefreshInput!) { refreshSession(input: $input) { ...SignedIn } }\n": typeof types.RefreshSessionDocument,
    "\n  query Friends {\n    me {\n      friends(first: 30) { edges { node { handle displayName } } }\n      incomingRequests(first: 10) { edges { node { handle displayName } } }\n      outgoingRequests(first: 10) { edges { node { handle } } }\n    }\n  }\n": typeof types.FriendsDocument,
    "\n  query Suggestions {\n    me { friendSuggestions(first: 8) { edges { mutualCount node { handle displayName } mutualFriends(first: 2) { handle } } } }\n  }\n": typeof types.SuggestionsDocument,
    "\n  mutation SendFriendRequest($handle: String!) { sendFriendRequest(input: { handle: $handle }) { handle displayName friendship } }\n": typeof types.SendFriendRequestDocument,
    "\n  mutation AcceptFriendRequest($handle: String!) { acceptFriendRequest(input: { handle: $handle }) { handle displayName } }\n": typeof types.AcceptFriendRequestDocument,
    "\n  mutation DeclineFriendRequest($handle: String!) { declineFriendRequest(input: { handle: $handle }) { handle displayName } }\n": typeof types.DeclineFriendRequestDocument,
    "\n  query Conversations {\n    me {\n      user { handle }\n      conversations(first: 10) {\n        edges {\n          node {\n            id kind title unreadCount\n            members(first: 3) { edges { node { user { handle displayName } } } }\n          }\n        }\n      }\n    }\n  }\n": typeof types.ConversationsDocument,
    "\n  query RecentMessages($id: ID!) {\n    conversation(id: $id) {\n      id lastSeq\n      messages(last: 10) { edges { node { text author { displayName } } } }\n    }\n  }\n": typeof types.RecentMessagesDocument,
    "\n  mutation SendMessage($input: SendMessageInput!) { sendMessage(input: $input) { id } }\n": typeof types.SendMessageDocument,
    "\n  mutation MarkRead($input: MarkReadInput!) { markRead(input: $input) { id } }\n": typeof types.MarkReadDocument,
    "\n  query CurrentPrompt { me { currentPrompt { id } } }\n": typeof types.CurrentPromptDocument,
    "\n  mutation RecordActivity($input: RecordActivityInput!) { recordActivity(input: $input) { id } }\n": typeof types.RecordActivityDocument,
    "\n  query History { me { user { timezone activities(first: 10) { edges { node { text createdAt } } } } } }\n": typeof types.HistoryDocument,
    "\n  query Feed { me { user { timezone } feed(first: 10) { edges { node { text createdAt author { displayName } } } } } }\n": typeof types.FeedDocument,
    "\n  query Settings {\n    me {\n      telegramNotifications\n      user { locale timezone }\n      settings { enabled windowStart windowEnd intervalMinutes visibility }\n    }\n  }\n": typeof types.SettingsDocument,
    "\n  mutation UpdateCheckInSettings($input: CheckInSettingsInput!) {\n    updateCheckInSettings(input: $input) { enabled windowStart windowEnd intervalMinutes visibility }\n  }\n": typeof types.UpdateCheckInSettingsDocument,
    "\n  mutation UpdateProfile($input: UpdateProfileInput!) { updateProfile(input: $input) { locale timezone } }\n": typeof types.UpdateProfileDocument,
    "\n  mutation PreviewBroadcast($input: BroadcastInput!) { previewBroadcast(input: $input) { recipientCount telegramCount text } }\n": typeof types.PreviewBroadcastDocument,
    "\n  mutation SendBroadcast($input: BroadcastInput!) { sendBroadcast(input: $input) { id recipientCount } }\n": typeof types.SendBroadcastDocument,
    "\n  subscription BroadcastProgress($id: ID!) {\n    broadcastProgress(id: $id) { total sent failed blocked pending cancelled perSecond etaSeconds }\n  }\n": typeof types.BroadcastProgressDocument,
    "\n  query Stats { stats { users activeLast7Days newLast7Days telegramLinked messagesLast24h activitiesLast24h } }\n": typeof types.StatsDocument,
    "\n  query DeliveryTarget($chatId: String!, $externalId: String!) {\n    deliveryTarget(chatId: $chatId, externalId: $externalId) {\n      __typename\n      ... on Message { id conversation { id } }\n      ... on CheckInPrompt { id }\n    }\n  }\n": typeof types.DeliveryTargetDocument,
    "\n  mutation ClaimDeliveries($input: ClaimInput!) {\n    claimDeliveries(input: $input) {\n      id kind chatId locale text\n      subject {\n        __typename\n        ... on Message { author { displayName } conversation { kind title } }\n        ... on User { handle displayName }\n        ... on CheckInPrompt { id }\n      }\n    }\n  }\n": typeof types.ClaimDeliveriesDocument,
    "\n  mutation ReportDeliveries($input: ReportInput!) { reportDeliveries(input: $input) }\n": typeof types.ReportDeliveriesDocument,
    "\n  subscription DeliveriesReady { deliveriesReady(channel: TELEGRAM) }\n": typeof types.DeliveriesReadyDocument,
};
const documents: Documents = {
    "\n  fragment SignedIn on AuthPayload { accessToken refreshToken user { id handle displayName locale role } }\n": types.SignedInFragmentDoc,
    "\n  mutation TelegramSignIn($input: TelegramSignInInput!) { telegramSignIn(input: $input) { ...SignedIn } }\n": types.TelegramSignInDocument,
    "\n  mutation LinkTelegram($input: LinkTelegramInput!) { linkTelegram(input: $input) { ...SignedIn } }\n": types.LinkTelegramDocument,
    "\n  mutation RefreshSession($input: RefreshInput!) { refreshSession(input: $input) { ...SignedIn } }\n": types.RefreshSessionDocument,
    "\n  query Friends {\n    me {\n      friends(first: 30) { edges { node { handle displayName } } }\n      incomingRequests(first: 10) { edges { node { handle displayName } } }\n      outgoingRequests(first: 10) { edges { node { handle } } }\n    }\n  }\n": types.FriendsDocument,
    "\n  query Suggestions {\n    me { friendSuggestions(first: 8) { edges { mutualCount node { handle displayName } mutualFriends(first: 2) { handle } } } }\n  }\n": types.SuggestionsDocument,
    "\n  mutation SendFriendRequest($handle: String!) { sendFriendRequest(input: { handle: $handle }) { handle displayName friendship } }\n": types.SendFriendRequestDocument,
    "\n  mutation AcceptFriendRequest($handle: String!) { acceptFriendRequest(input: { handle: $handle }) { handle displayName } }\n": types.AcceptFriendRequestDocument,
    "\n  mutation DeclineFriendRequest($handle: String!) { declineFriendRequest(input: { handle: $handle }) { handle displayName } }\n": types.DeclineFriendRequestDocument,
    "\n  query Conversations {\n    me {\n      user { handle }\n      conversations(first: 10) {\n        edges {\n          node {\n            id kind title unreadCount\n            members(first: 3) { edges { node { user { handle displayName } } } }\n          }\n        }\n      }\n    }\n  }\n": types.ConversationsDocument,
    "\n  query RecentMessages($id: ID!) {\n    conversation(id: $id) {\n      id lastSeq\n      messages(last: 10) { edges { node { text author { displayName } } } }\n    }\n  }\n": types.RecentMessagesDocument,
    "\n  mutation SendMessage($input: SendMessageInput!) { sendMessage(input: $input) { id } }\n": types.SendMessageDocument,
    "\n  mutation MarkRead($input: MarkReadInput!) { markRead(input: $input) { id } }\n": types.MarkReadDocument,
    "\n  query CurrentPrompt { me { currentPrompt { id } } }\n": types.CurrentPromptDocument,
    "\n  mutation RecordActivity($input: RecordActivityInput!) { recordActivity(input: $input) { id } }\n": types.RecordActivityDocument,
    "\n  query History { me { user { timezone activities(first: 10) { edges { node { text createdAt } } } } } }\n": types.HistoryDocument,
    "\n  query Feed { me { user { timezone } feed(first: 10) { edges { node { text createdAt author { displayName } } } } } }\n": types.FeedDocument,
    "\n  query Settings {\n    me {\n      telegramNotifications\n      user { locale timezone }\n      settings { enabled windowStart windowEnd intervalMinutes visibility }\n    }\n  }\n": types.SettingsDocument,
    "\n  mutation UpdateCheckInSettings($input: CheckInSettingsInput!) {\n    updateCheckInSettings(input: $input) { enabled windowStart windowEnd intervalMinutes visibility }\n  }\n": types.UpdateCheckInSettingsDocument,
    "\n  mutation UpdateProfile($input: UpdateProfileInput!) { updateProfile(input: $input) { locale timezone } }\n": types.UpdateProfileDocument,
    "\n  mutation PreviewBroadcast($input: BroadcastInput!) { previewBroadcast(input: $input) { recipientCount telegramCount text } }\n": types.PreviewBroadcastDocument,
    "\n  mutation SendBroadcast($input: BroadcastInput!) { sendBroadcast(input: $input) { id recipientCount } }\n": types.SendBroadcastDocument,
    "\n  subscription BroadcastProgress($id: ID!) {\n    broadcastProgress(id: $id) { total sent failed blocked pending cancelled perSecond etaSeconds }\n  }\n": types.BroadcastProgressDocument,
    "\n  query Stats { stats { users activeLast7Days newLast7Days telegramLinked messagesLast24h activitiesLast24h } }\n": types.StatsDocument,
    "\n  query DeliveryTarget($chatId: String!, $externalId: String!) {\n    deliveryTarget(chatId: $chatId, externalId: $externalId) {\n      __typename\n      ... on Message { id conversation { id } }\n      ... on CheckInPrompt { id }\n    }\n  }\n": types.DeliveryTargetDocument,
    "\n  mutation ClaimDeliveries($input: ClaimInput!) {\n    claimDeliveries(input: $input) {\n      id kind chatId locale text\n      subject {\n        __typename\n        ... on Message { author { displayName } conversation { kind title } }\n        ... on User { handle displayName }\n        ... on CheckInPrompt { id }\n      }\n    }\n  }\n": types.ClaimDeliveriesDocument,
    "\n  mutation ReportDeliveries($input: ReportInput!) { reportDeliveries(input: $input) }\n": types.ReportDeliveriesDocument,
    "\n  subscription DeliveriesReady { deliveriesReady(channel: TELEGRAM) }\n": types.DeliveriesReadyDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment SignedIn on AuthPayload { accessToken refreshToken user { id handle displayName locale role } }\n"): (typeof documents)["\n  fragment SignedIn on AuthPayload { accessToken refreshToken user { id handle displayName locale role } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TelegramSignIn($input: TelegramSignInInput!) { telegramSignIn(input: $input) { ...SignedIn } }\n"): (typeof documents)["\n  mutation TelegramSignIn($input: TelegramSignInInput!) { telegramSignIn(input: $input) { ...SignedIn } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LinkTelegram($input: LinkTelegramInput!) { linkTelegram(input: $input) { ...SignedIn } }\n"): (typeof documents)["\n  mutation LinkTelegram($input: LinkTelegramInput!) { linkTelegram(input: $input) { ...SignedIn } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RefreshSession($input: RefreshInput!) { refreshSession(input: $input) { ...SignedIn } }\n"): (typeof documents)["\n  mutation RefreshSession($input: RefreshInput!) { refreshSession(input: $input) { ...SignedIn } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Friends {\n    me {\n      friends(first: 30) { edges { node { handle displayName } } }\n      incomingRequests(first: 10) { edges { node { handle displayName } } }\n      outgoingRequests(first: 10) { edges { node { handle } } }\n    }\n  }\n"): (typeof documents)["\n  query Friends {\n    me {\n      friends(first: 30) { edges { node { handle displayName } } }\n      incomingRequests(first: 10) { edges { node { handle displayName } } }\n      outgoingRequests(first: 10) { edges { node { handle } } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Suggestions {\n    me { friendSuggestions(first: 8) { edges { mutualCount node { handle displayName } mutualFriends(first: 2) { handle } } } }\n  }\n"): (typeof documents)["\n  query Suggestions {\n    me { friendSuggestions(first: 8) { edges { mutualCount node { handle displayName } mutualFriends(first: 2) { handle } } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SendFriendRequest($handle: String!) { sendFriendRequest(input: { handle: $handle }) { handle displayName friendship } }\n"): (typeof documents)["\n  mutation SendFriendRequest($handle: String!) { sendFriendRequest(input: { handle: $handle }) { handle displayName friendship } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AcceptFriendRequest($handle: String!) { acceptFriendRequest(input: { handle: $handle }) { handle displayName } }\n"): (typeof documents)["\n  mutation AcceptFriendRequest($handle: String!) { acceptFriendRequest(input: { handle: $handle }) { handle displayName } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeclineFriendRequest($handle: String!) { declineFriendRequest(input: { handle: $handle }) { handle displayName } }\n"): (typeof documents)["\n  mutation DeclineFriendRequest($handle: String!) { declineFriendRequest(input: { handle: $handle }) { handle displayName } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Conversations {\n    me {\n      user { handle }\n      conversations(first: 10) {\n        edges {\n          node {\n            id kind title unreadCount\n            members(first: 3) { edges { node { user { handle displayName } } } }\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Conversations {\n    me {\n      user { handle }\n      conversations(first: 10) {\n        edges {\n          node {\n            id kind title unreadCount\n            members(first: 3) { edges { node { user { handle displayName } } } }\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RecentMessages($id: ID!) {\n    conversation(id: $id) {\n      id lastSeq\n      messages(last: 10) { edges { node { text author { displayName } } } }\n    }\n  }\n"): (typeof documents)["\n  query RecentMessages($id: ID!) {\n    conversation(id: $id) {\n      id lastSeq\n      messages(last: 10) { edges { node { text author { displayName } } } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SendMessage($input: SendMessageInput!) { sendMessage(input: $input) { id } }\n"): (typeof documents)["\n  mutation SendMessage($input: SendMessageInput!) { sendMessage(input: $input) { id } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MarkRead($input: MarkReadInput!) { markRead(input: $input) { id } }\n"): (typeof documents)["\n  mutation MarkRead($input: MarkReadInput!) { markRead(input: $input) { id } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CurrentPrompt { me { currentPrompt { id } } }\n"): (typeof documents)["\n  query CurrentPrompt { me { currentPrompt { id } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RecordActivity($input: RecordActivityInput!) { recordActivity(input: $input) { id } }\n"): (typeof documents)["\n  mutation RecordActivity($input: RecordActivityInput!) { recordActivity(input: $input) { id } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query History { me { user { timezone activities(first: 10) { edges { node { text createdAt } } } } } }\n"): (typeof documents)["\n  query History { me { user { timezone activities(first: 10) { edges { node { text createdAt } } } } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Feed { me { user { timezone } feed(first: 10) { edges { node { text createdAt author { displayName } } } } } }\n"): (typeof documents)["\n  query Feed { me { user { timezone } feed(first: 10) { edges { node { text createdAt author { displayName } } } } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Settings {\n    me {\n      telegramNotifications\n      user { locale timezone }\n      settings { enabled windowStart windowEnd intervalMinutes visibility }\n    }\n  }\n"): (typeof documents)["\n  query Settings {\n    me {\n      telegramNotifications\n      user { locale timezone }\n      settings { enabled windowStart windowEnd intervalMinutes visibility }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateCheckInSettings($input: CheckInSettingsInput!) {\n    updateCheckInSettings(input: $input) { enabled windowStart windowEnd intervalMinutes visibility }\n  }\n"): (typeof documents)["\n  mutation UpdateCheckInSettings($input: CheckInSettingsInput!) {\n    updateCheckInSettings(input: $input) { enabled windowStart windowEnd intervalMinutes visibility }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateProfile($input: UpdateProfileInput!) { updateProfile(input: $input) { locale timezone } }\n"): (typeof documents)["\n  mutation UpdateProfile($input: UpdateProfileInput!) { updateProfile(input: $input) { locale timezone } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PreviewBroadcast($input: BroadcastInput!) { previewBroadcast(input: $input) { recipientCount telegramCount text } }\n"): (typeof documents)["\n  mutation PreviewBroadcast($input: BroadcastInput!) { previewBroadcast(input: $input) { recipientCount telegramCount text } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SendBroadcast($input: BroadcastInput!) { sendBroadcast(input: $input) { id recipientCount } }\n"): (typeof documents)["\n  mutation SendBroadcast($input: BroadcastInput!) { sendBroadcast(input: $input) { id recipientCount } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription BroadcastProgress($id: ID!) {\n    broadcastProgress(id: $id) { total sent failed blocked pending cancelled perSecond etaSeconds }\n  }\n"): (typeof documents)["\n  subscription BroadcastProgress($id: ID!) {\n    broadcastProgress(id: $id) { total sent failed blocked pending cancelled perSecond etaSeconds }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Stats { stats { users activeLast7Days newLast7Days telegramLinked messagesLast24h activitiesLast24h } }\n"): (typeof documents)["\n  query Stats { stats { users activeLast7Days newLast7Days telegramLinked messagesLast24h activitiesLast24h } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DeliveryTarget($chatId: String!, $externalId: String!) {\n    deliveryTarget(chatId: $chatId, externalId: $externalId) {\n      __typename\n      ... on Message { id conversation { id } }\n      ... on CheckInPrompt { id }\n    }\n  }\n"): (typeof documents)["\n  query DeliveryTarget($chatId: String!, $externalId: String!) {\n    deliveryTarget(chatId: $chatId, externalId: $externalId) {\n      __typename\n      ... on Message { id conversation { id } }\n      ... on CheckInPrompt { id }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ClaimDeliveries($input: ClaimInput!) {\n    claimDeliveries(input: $input) {\n      id kind chatId locale text\n      subject {\n        __typename\n        ... on Message { author { displayName } conversation { kind title } }\n        ... on User { handle displayName }\n        ... on CheckInPrompt { id }\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation ClaimDeliveries($input: ClaimInput!) {\n    claimDeliveries(input: $input) {\n      id kind chatId locale text\n      subject {\n        __typename\n        ... on Message { author { displayName } conversation { kind title } }\n        ... on User { handle displayName }\n        ... on CheckInPrompt { id }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReportDeliveries($input: ReportInput!) { reportDeliveries(input: $input) }\n"): (typeof documents)["\n  mutation ReportDeliveries($input: ReportInput!) { reportDeliveries(input: $input) }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription DeliveriesReady { deliveriesReady(channel: TELEGRAM) }\n"): (typeof documents)["\n  subscription DeliveriesReady { deliveriesReady(channel: TELEGRAM) }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;