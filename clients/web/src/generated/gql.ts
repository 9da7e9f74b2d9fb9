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
    "\n  fragment SessionFields on AuthPayload {\n    accessToken\n    refreshToken\n    user { id handle displayName role }\n  }\n": typeof types.SessionFieldsFragmentDoc,
    "\n  mutation RefreshSession($input: RefreshInput!) {\n    refreshSession(input: $input) { ...SessionFields }\n  }\n": typeof types.RefreshSessionDocument,
    "\n  mutation AdminSendBroadcast($input: BroadcastInput!) {\n    sendBroadcast(input: $input) { ...AdminBroadcastFields }\n  }\n": typeof types.AdminSendBroadcastDocument,
    "\n  fragment AdminProgressFields on BroadcastProgress {\n    total\n    sent\n    failed\n    blocked\n    pending\n    cancelled\n    perSecond\n    etaSeconds\n  }\n": typeof types.AdminProgressFieldsFragmentDoc,
    "\n  fragment AdminBroadcastFields on Broadcast {\n    id\n    text\n    state\n    createdAt\n    finishedAt\n    recipientCount\n    progress { ...AdminProgressFields }\n  }\n": typeof types.AdminBroadcastFieldsFragmentDoc,
    "\n  query AdminBroadcastHistory($first: Int!, $after: String) {\n    broadcasts(first: $first, after: $after) {\n      edges { cursor node { ...AdminBroadcastFields } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": typeof types.AdminBroadcastHistoryDocument,
    "\n  query AdminBroadcast($id: ID!) {\n    node(id: $id) { id __typename ...AdminBroadcastFields }\n  }\n": typeof types.AdminBroadcastDocument,
    "\n  mutation AdminCancelBroadcast($input: BroadcastTargetInput!) {\n    cancelBroadcast(input: $input) { ...AdminBroadcastFields }\n  }\n": typeof types.AdminCancelBroadcastDocument,
    "\n  query AdminStats {\n    stats { users activeLast7Days newLast7Days telegramLinked messagesLast24h activitiesLast24h }\n  }\n": typeof types.AdminStatsDocument,
    "\n  mutation AdminPreviewBroadcast($input: BroadcastInput!) {\n    previewBroadcast(input: $input) { recipientCount telegramCount }\n  }\n": typeof types.AdminPreviewBroadcastDocument,
    "\n  subscription AdminBroadcastProgress($id: ID!) {\n    broadcastProgress(id: $id) { ...AdminProgressFields }\n  }\n": typeof types.AdminBroadcastProgressDocument,
    "\n  mutation SignUp($input: SignUpInput!) {\n    signUp(input: $input) { ...SessionFields }\n  }\n": typeof types.SignUpDocument,
    "\n  mutation SignIn($input: SignInInput!) {\n    signIn(input: $input) { ...SessionFields }\n  }\n": typeof types.SignInDocument,
    "\n  mutation ConversationsSendMessage($input: SendMessageInput!) {\n    sendMessage(input: $input) { id seq }\n  }\n": typeof types.ConversationsSendMessageDocument,
    "\n  mutation ConversationsSetTyping($input: ConversationInput!) {\n    setTyping(input: $input)\n  }\n": typeof types.ConversationsSetTypingDocument,
    "\n  query ConversationsList($first: Int!) {\n    me {\n      user { id }\n      conversations(first: $first) {\n        pageInfo { hasNextPage }\n        edges {\n          node {\n            id\n            kind\n            title\n            lastSeq\n            unreadCount\n            lastMessage { id text author { id displayName } }\n            members(first: 10) { edges { node { user { id displayName } } } }\n          }\n        }\n      }\n    }\n  }\n": typeof types.ConversationsListDocument,
    "\n  query ConversationsFriends {\n    me {\n      user { id }\n      friends(first: 100) { edges { node { id displayName handle } } }\n    }\n  }\n": typeof types.ConversationsFriendsDocument,
    "\n  mutation ConversationsAddMembers($input: AddMembersInput!) {\n    addMembers(input: $input) { id }\n  }\n": typeof types.ConversationsAddMembersDocument,
    "\n  mutation ConversationsRemoveMember($input: RemoveMemberInput!) {\n    removeMember(input: $input) { id }\n  }\n": typeof types.ConversationsRemoveMemberDocument,
    "\n  mutation ConversationsLeave($input: ConversationInput!) {\n    leaveConversation(input: $input)\n  }\n": typeof types.ConversationsLeaveDocument,
    "\n  mutation ConversationsEditMessage($input: EditMessageInput!) {\n    editMessage(input: $input) { id text editedAt }\n  }\n": typeof types.ConversationsEditMessageDocument,
    "\n  fragment ConversationsMessageFields on Message {\n    id\n    seq\n    text\n    createdAt\n    editedAt\n    deletedAt\n    author { id displayName }\n    replyTo { id text author { id displayName } }\n    reactions { emoji count reactedByMe }\n  }\n": typeof types.ConversationsMessageFieldsFragmentDoc,
    "\n  mutation ConversationsDeleteMessage($input: MessageInput!) {\n    deleteMessage(input: $input)\n  }\n": typeof types.ConversationsDeleteMessageDocument,
    "\n  mutation ConversationsToggleReaction($input: ReactionInput!) {\n    toggleReaction(input: $input) { id reactions { emoji count reactedByMe } }\n  }\n": typeof types.ConversationsToggleReactionDocument,
    "\n  mutation ConversationsCreateGroup($input: CreateGroupInput!) {\n    createGroup(input: $input) { id }\n  }\n": typeof types.ConversationsCreateGroupDocument,
    "\n  subscription ConversationsThreadEvents($conversationId: ID!, $afterSeq: Int) {\n    conversationEvents(conversationId: $conversationId, afterSeq: $afterSeq) {\n      __typename\n      ... on MessageAdded { seq message { ...ConversationsMessageFields } }\n      ... on MessageEdited { seq message { ...ConversationsMessageFields } }\n      ... on ReactionChanged { seq message { ...ConversationsMessageFields } }\n      ... on MessageDeleted { seq messageId }\n      ... on MemberJoined { seq user { id displayName handle } }\n      ... on MemberLeft { seq user { id displayName handle } }\n      ... on ReadUpTo { seq readSeq user { id displayName handle } }\n      ... on Typing { user { id displayName handle } }\n    }\n  }\n": typeof types.ConversationsThreadEventsDocument,
    "\n  mutation ConversationsMarkRead($input: MarkReadInput!) {\n    markRead(input: $input) { id lastSeq unreadCount }\n  }\n": typeof types.ConversationsMarkReadDocument,
    "\n  query ConversationsThread($id: ID!, $last: Int!) {\n    conversation(id: $id) {\n      id\n      lastSeq\n      kind\n      title\n      members(first: 100) { edges { node { role readSeq user { id displayName handle } } } }\n      messages(last: $last) {\n        pageInfo { hasPreviousPage startCursor }\n        edges { node { ...ConversationsMessageFields } }\n      }\n    }\n  }\n": typeof types.ConversationsThreadDocument,
    "\n  query ConversationsOlderMessages($id: ID!, $last: Int!, $before: String!) {\n    conversation(id: $id) {\n      id\n      messages(last: $last, before: $before) {\n        pageInfo { hasPreviousPage startCursor }\n        edges { node { ...ConversationsMessageFields } }\n      }\n    }\n  }\n": typeof types.ConversationsOlderMessagesDocument,
    "\n  query DiarySettings {\n    me {\n      user { id timezone }\n      settings { enabled windowStart windowEnd intervalMinutes visibility }\n    }\n  }\n": typeof types.DiarySettingsDocument,
    "\n  mutation DiaryUpdateSettings($input: CheckInSettingsInput!) {\n    updateCheckInSettings(input: $input) { enabled windowStart windowEnd intervalMinutes visibility }\n  }\n": typeof types.DiaryUpdateSettingsDocument,
    "\n  query DiaryCurrentPrompt {\n    me { currentPrompt { id text dueAt } }\n  }\n": typeof types.DiaryCurrentPromptDocument,
    "\n  mutation DiaryRecordActivity($input: RecordActivityInput!) {\n    recordActivity(input: $input) {\n      id\n      author { id }\n      prompt { id }\n    }\n  }\n": typeof types.DiaryRecordActivityDocument,
    "\n  fragment DiaryFeedActivity on Activity {\n    id\n    text\n    createdAt\n    promptText\n    author { id handle displayName }\n  }\n": typeof types.DiaryFeedActivityFragmentDoc,
    "\n  query DiaryFeed($first: Int!, $after: String) {\n    me {\n      feed(first: $first, after: $after) {\n        edges { cursor node { ...DiaryFeedActivity } }\n        pageInfo { hasNextPage endCursor }\n      }\n    }\n  }\n": typeof types.DiaryFeedDocument,
    "\n  subscription DiaryFeedEvents {\n    feedEvents { ...DiaryFeedActivity }\n  }\n": typeof types.DiaryFeedEventsDocument,
    "\n  query DiaryMyEntries($first: Int!, $after: String) {\n    me {\n      diaryStats { entries currentStreak }\n      user {\n        id\n        activities(first: $first, after: $after) {\n          edges { cursor node { id text createdAt promptText } }\n          pageInfo { hasNextPage endCursor }\n        }\n      }\n    }\n  }\n": typeof types.DiaryMyEntriesDocument,
    "\n  mutation DiaryUpsertQuestion($input: QuestionInput!) {\n    upsertQuestion(input: $input) { id name text isDefault active intervalMinutes }\n  }\n": typeof types.DiaryUpsertQuestionDocument,
    "\n  query DiaryQuestions {\n    me { questions { id name text isDefault active intervalMinutes } }\n  }\n": typeof types.DiaryQuestionsDocument,
    "\n  query FriendsSuggestions($first: Int!, $after: String) {\n    me {\n      friendSuggestions(first: $first, after: $after) {\n        edges {\n          node { ...FriendsPerson }\n          mutualCount\n          mutualFriends(first: 3) { id displayName }\n        }\n        pageInfo { hasNextPage endCursor }\n      }\n    }\n  }\n": typeof types.FriendsSuggestionsDocument,
    "\n  query FriendsMyFriends($first: Int!, $after: String) {\n    me {\n      friends(first: $first, after: $after) {\n        edges { node { ...FriendsPerson } }\n        pageInfo { hasNextPage endCursor }\n      }\n    }\n  }\n": typeof types.FriendsMyFriendsDocument,
    "\n  query FriendsSearch($query: String!, $first: Int!, $after: String) {\n    searchUsers(query: $query, first: $first, after: $after) {\n      edges { node { ...FriendsPerson } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": typeof types.FriendsSearchDocument,
    "\n  query FriendsExactHandle($handle: String!) {\n    user(handle: $handle) { ...FriendsPerson }\n  }\n": typeof types.FriendsExactHandleDocument,
    "\n    mutation FriendsSendRequest($input: FriendTargetInput!) {\n      sendFriendRequest(input: $input) { id friendship }\n    }\n  ": typeof types.FriendsSendRequestDocument,
    "\n    mutation FriendsAcceptRequest($input: FriendTargetInput!) {\n      acceptFriendRequest(input: $input) { id friendship }\n    }\n  ": typeof types.FriendsAcceptRequestDocument,
    "\n    mutation FriendsDeclineRequest($input: FriendTargetInput!) {\n      declineFriendRequest(input: $input) { id friendship }\n    }\n  ": typeof types.FriendsDeclineRequestDocument,
    "\n    mutation FriendsCancelRequest($input: FriendTargetInput!) {\n      cancelFriendRequest(input: $input) { id friendship }\n    }\n  ": typeof types.FriendsCancelRequestDocument,
    "\n    mutation FriendsRemoveFriend($input: FriendTargetInput!) {\n      removeFriend(input: $input) { id friendship }\n    }\n  ": typeof types.FriendsRemoveFriendDocument,
    "\n    mutation FriendsBlockUser($input: FriendTargetInput!) {\n      blockUser(input: $input) { id friendship }\n    }\n  ": typeof types.FriendsBlockUserDocument,
    "\n    mutation FriendsUnblockUser($input: FriendTargetInput!) {\n      unblockUser(input: $input) { id friendship }\n    }\n  ": typeof types.FriendsUnblockUserDocument,
    "\n  mutation FriendsOpenDirect($input: FriendTargetInput!) {\n    openDirectConversation(input: $input) { id }\n  }\n": typeof types.FriendsOpenDirectDocument,
    "\n  fragment FriendsPerson on User {\n    id\n    handle\n    displayName\n    friendCount\n    friendship\n  }\n": typeof types.FriendsPersonFragmentDoc,
    "\n  query FriendsIncomingRequests($first: Int!, $after: String) {\n    me {\n      incomingRequests(first: $first, after: $after) {\n        edges { node { ...FriendsPerson } }\n        pageInfo { hasNextPage endCursor }\n      }\n    }\n  }\n": typeof types.FriendsIncomingRequestsDocument,
    "\n  query FriendsOutgoingRequests($first: Int!, $after: String) {\n    me {\n      outgoingRequests(first: $first, after: $after) {\n        edges { node { ...FriendsPerson } }\n        pageInfo { hasNextPage endCursor }\n      }\n    }\n  }\n": typeof types.FriendsOutgoingRequestsDocument,
    "\n  mutation NotificationsMarkRead($input: MarkNotificationsReadInput!) {\n    markNotificationsRead(input: $input)\n  }\n": typeof types.NotificationsMarkReadDocument,
    "\n  query NotificationsPage($first: Int!, $after: String, $unreadOnly: Boolean!) {\n    me {\n      notifications(first: $first, after: $after, unreadOnly: $unreadOnly) {\n        edges {\n          cursor\n          node {\n            id\n            kind\n            text\n            createdAt\n            readAt\n            subject {\n              __typename\n              id\n              ... on Message { conversation { id } }\n            }\n          }\n        }\n        pageInfo { hasNextPage endCursor }\n      }\n    }\n  }\n": typeof types.NotificationsPageDocument,
    "\n  mutation ProfileUpdate($input: UpdateProfileInput!) {\n    updateProfile(input: $input) { id displayName locale timezone }\n  }\n": typeof types.ProfileUpdateDocument,
    "\n  query ProfilePage {\n    me {\n      user { id handle displayName locale timezone }\n      telegramLinked\n      telegramNotifications\n    }\n  }\n": typeof types.ProfilePageDocument,
    "\n  mutation ProfileTelegramLinkCode {\n    createTelegramLinkCode\n  }\n": typeof types.ProfileTelegramLinkCodeDocument,
    "\n  query UnreadCount {\n    me { unreadNotificationCount }\n  }\n": typeof types.UnreadCountDocument,
    "\n  subscription MyEvents {\n    myEvents {\n      __typename\n      ... on NotificationAdded { notification { id kind text createdAt readAt } }\n      ... on ConversationUpdated { conversation { id lastSeq unreadCount } }\n      ... on CheckInDue { prompt { id text dueAt } }\n    }\n  }\n": typeof types.MyEventsDocument,
    "\n  mutation SignOut {\n    signOut\n  }\n": typeof types.SignOutDocument,
};
const documents: Documents = {
    "\n  fragment SessionFields on AuthPayload {\n    accessToken\n    refreshToken\n    user { id handle displayName role }\n  }\n": types.SessionFieldsFragmentDoc,
    "\n  mutation RefreshSession($input: RefreshInput!) {\n    refreshSession(input: $input) { ...SessionFields }\n  }\n": types.RefreshSessionDocument,
    "\n  mutation AdminSendBroadcast($input: BroadcastInput!) {\n    sendBroadcast(input: $input) { ...AdminBroadcastFields }\n  }\n": types.AdminSendBroadcastDocument,
    "\n  fragment AdminProgressFields on BroadcastProgress {\n    total\n    sent\n    failed\n    blocked\n    pending\n    cancelled\n    perSecond\n    etaSeconds\n  }\n": types.AdminProgressFieldsFragmentDoc,
    "\n  fragment AdminBroadcastFields on Broadcast {\n    id\n    text\n    state\n    createdAt\n    finishedAt\n    recipientCount\n    progress { ...AdminProgressFields }\n  }\n": types.AdminBroadcastFieldsFragmentDoc,
    "\n  query AdminBroadcastHistory($first: Int!, $after: String) {\n    broadcasts(first: $first, after: $after) {\n      edges { cursor node { ...AdminBroadcastFields } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": types.AdminBroadcastHistoryDocument,
    "\n  query AdminBroadcast($id: ID!) {\n    node(id: $id) { id __typename ...AdminBroadcastFields }\n  }\n": types.AdminBroadcastDocument,
    "\n  mutation AdminCancelBroadcast($input: BroadcastTargetInput!) {\n    cancelBroadcast(input: $input) { ...AdminBroadcastFields }\n  }\n": types.AdminCancelBroadcastDocument,
    "\n  query AdminStats {\n    stats { users activeLast7Days newLast7Days telegramLinked messagesLast24h activitiesLast24h }\n  }\n": types.AdminStatsDocument,
    "\n  mutation AdminPreviewBroadcast($input: BroadcastInput!) {\n    previewBroadcast(input: $input) { recipientCount telegramCount }\n  }\n": types.AdminPreviewBroadcastDocument,
    "\n  subscription AdminBroadcastProgress($id: ID!) {\n    broadcastProgress(id: $id) { ...AdminProgressFields }\n  }\n": types.AdminBroadcastProgressDocument,
    "\n  mutation SignUp($input: SignUpInput!) {\n    signUp(input: $input) { ...SessionFields }\n  }\n": types.SignUpDocument,
    "\n  mutation SignIn($input: SignInInput!) {\n    signIn(input: $input) { ...SessionFields }\n  }\n": types.SignInDocument,
    "\n  mutation ConversationsSendMessage($input: SendMessageInput!) {\n    sendMessage(input: $input) { id seq }\n  }\n": types.ConversationsSendMessageDocument,
    "\n  mutation ConversationsSetTyping($input: ConversationInput!) {\n    setTyping(input: $input)\n  }\n": types.ConversationsSetTypingDocument,
    "\n  query ConversationsList($first: Int!) {\n    me {\n      user { id }\n      conversations(first: $first) {\n        pageInfo { hasNextPage }\n        edges {\n          node {\n            id\n            kind\n            title\n            lastSeq\n            unreadCount\n            lastMessage { id text author { id displayName } }\n            members(first: 10) { edges { node { user { id displayName } } } }\n          }\n        }\n      }\n    }\n  }\n": types.ConversationsListDocument,
    "\n  query ConversationsFriends {\n    me {\n      user { id }\n      friends(first: 100) { edges { node { id displayName handle } } }\n    }\n  }\n": types.ConversationsFriendsDocument,
    "\n  mutation ConversationsAddMembers($input: AddMembersInput!) {\n    addMembers(input: $input) { id }\n  }\n": types.ConversationsAddMembersDocument,
    "\n  mutation ConversationsRemoveMember($input: RemoveMemberInput!) {\n    removeMember(input: $input) { id }\n  }\n": types.ConversationsRemoveMemberDocument,
    "\n  mutation ConversationsLeave($input: ConversationInput!) {\n    leaveConversation(input: $input)\n  }\n": types.ConversationsLeaveDocument,
    "\n  mutation ConversationsEditMessage($input: EditMessageInput!) {\n    editMessage(input: $input) { id text editedAt }\n  }\n": types.ConversationsEditMessageDocument,
    "\n  fragment ConversationsMessageFields on Message {\n    id\n    seq\n    text\n    createdAt\n    editedAt\n    deletedAt\n    author { id displayName }\n    replyTo { id text author { id displayName } }\n    reactions { emoji count reactedByMe }\n  }\n": types.ConversationsMessageFieldsFragmentDoc,
    "\n  mutation ConversationsDeleteMessage($input: MessageInput!) {\n    deleteMessage(input: $input)\n  }\n": types.ConversationsDeleteMessageDocument,
    "\n  mutation ConversationsToggleReaction($input: ReactionInput!) {\n    toggleReaction(input: $input) { id reactions { emoji count reactedByMe } }\n  }\n": types.ConversationsToggleReactionDocument,
    "\n  mutation ConversationsCreateGroup($input: CreateGroupInput!) {\n    createGroup(input: $input) { id }\n  }\n": types.ConversationsCreateGroupDocument,
    "\n  subscription ConversationsThreadEvents($conversationId: ID!, $afterSeq: Int) {\n    conversationEvents(conversationId: $conversationId, afterSeq: $afterSeq) {\n      __typename\n      ... on MessageAdded { seq message { ...ConversationsMessageFields } }\n      ... on MessageEdited { seq message { ...ConversationsMessageFields } }\n      ... on ReactionChanged { seq message { ...ConversationsMessageFields } }\n      ... on MessageDeleted { seq messageId }\n      ... on MemberJoined { seq user { id displayName handle } }\n      ... on MemberLeft { seq user { id displayName handle } }\n      ... on ReadUpTo { seq readSeq user { id displayName handle } }\n      ... on Typing { user { id displayName handle } }\n    }\n  }\n": types.ConversationsThreadEventsDocument,
    "\n  mutation ConversationsMarkRead($input: MarkReadInput!) {\n    markRead(input: $input) { id lastSeq unreadCount }\n  }\n": types.ConversationsMarkReadDocument,
    "\n  query ConversationsThread($id: ID!, $last: Int!) {\n    conversation(id: $id) {\n      id\n      lastSeq\n      kind\n      title\n      members(first: 100) { edges { node { role readSeq user { id displayName handle } } } }\n      messages(last: $last) {\n        pageInfo { hasPreviousPage startCursor }\n        edges { node { ...ConversationsMessageFields } }\n      }\n    }\n  }\n": types.ConversationsThreadDocument,
    "\n  query ConversationsOlderMessages($id: ID!, $last: Int!, $before: String!) {\n    conversation(id: $id) {\n      id\n      messages(last: $last, before: $before) {\n        pageInfo { hasPreviousPage startCursor }\n        edges { node { ...ConversationsMessageFields } }\n      }\n    }\n  }\n": types.ConversationsOlderMessagesDocument,
    "\n  query DiarySettings {\n    me {\n      user { id timezone }\n      settings { enabled windowStart windowEnd intervalMinutes visibility }\n    }\n  }\n": types.DiarySettingsDocument,
    "\n  mutation DiaryUpdateSettings($input: CheckInSettingsInput!) {\n    updateCheckInSettings(input: $input) { enabled windowStart windowEnd intervalMinutes visibility }\n  }\n": types.DiaryUpdateSettingsDocument,
    "\n  query DiaryCurrentPrompt {\n    me { currentPrompt { id text dueAt } }\n  }\n": types.DiaryCurrentPromptDocument,
    "\n  mutation DiaryRecordActivity($input: RecordActivityInput!) {\n    recordActivity(input: $input) {\n      id\n      author { id }\n      prompt { id }\n    }\n  }\n": types.DiaryRecordActivityDocument,
    "\n  fragment DiaryFeedActivity on Activity {\n    id\n    text\n    createdAt\n    promptText\n    author { id handle displayName }\n  }\n": types.DiaryFeedActivityFragmentDoc,
    "\n  query DiaryFeed($first: Int!, $after: String) {\n    me {\n      feed(first: $first, after: $after) {\n        edges { cursor node { ...DiaryFeedActivity } }\n        pageInfo { hasNextPage endCursor }\n      }\n    }\n  }\n": types.DiaryFeedDocument,
    "\n  subscription DiaryFeedEvents {\n    feedEvents { ...DiaryFeedActivity }\n  }\n": types.DiaryFeedEventsDocument,
    "\n  query DiaryMyEntries($first: Int!, $after: String) {\n    me {\n      diaryStats { entries currentStreak }\n      user {\n        id\n        activities(first: $first, after: $after) {\n          edges { cursor node { id text createdAt promptText } }\n          pageInfo { hasNextPage endCursor }\n        }\n      }\n    }\n  }\n": types.DiaryMyEntriesDocument,
    "\n  mutation DiaryUpsertQuestion($input: QuestionInput!) {\n    upsertQuestion(input: $input) { id name text isDefault active intervalMinutes }\n  }\n": types.DiaryUpsertQuestionDocument,
    "\n  query DiaryQuestions {\n    me { questions { id name text isDefault active intervalMinutes } }\n  }\n": types.DiaryQuestionsDocument,
    "\n  query FriendsSuggestions($first: Int!, $after: String) {\n    me {\n      friendSuggestions(first: $first, after: $after) {\n        edges {\n          node { ...FriendsPerson }\n          mutualCount\n          mutualFriends(first: 3) { id displayName }\n        }\n        pageInfo { hasNextPage endCursor }\n      }\n    }\n  }\n": types.FriendsSuggestionsDocument,
    "\n  query FriendsMyFriends($first: Int!, $after: String) {\n    me {\n      friends(first: $first, after: $after) {\n        edges { node { ...FriendsPerson } }\n        pageInfo { hasNextPage endCursor }\n      }\n    }\n  }\n": types.FriendsMyFriendsDocument,
    "\n  query FriendsSearch($query: String!, $first: Int!, $after: String) {\n    searchUsers(query: $query, first: $first, after: $after) {\n      edges { node { ...FriendsPerson } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": types.FriendsSearchDocument,
    "\n  query FriendsExactHandle($handle: String!) {\n    user(handle: $handle) { ...FriendsPerson }\n  }\n": types.FriendsExactHandleDocument,
    "\n    mutation FriendsSendRequest($input: FriendTargetInput!) {\n      sendFriendRequest(input: $input) { id friendship }\n    }\n  ": types.FriendsSendRequestDocument,
    "\n    mutation FriendsAcceptRequest($input: FriendTargetInput!) {\n      acceptFriendRequest(input: $input) { id friendship }\n    }\n  ": types.FriendsAcceptRequestDocument,
    "\n    mutation FriendsDeclineRequest($input: FriendTargetInput!) {\n      declineFriendRequest(input: $input) { id friendship }\n    }\n  ": types.FriendsDeclineRequestDocument,
    "\n    mutation FriendsCancelRequest($input: FriendTargetInput!) {\n      cancelFriendRequest(input: $input) { id friendship }\n    }\n  ": types.FriendsCancelRequestDocument,
    "\n    mutation FriendsRemoveFriend($input: FriendTargetInput!) {\n      removeFriend(input: $input) { id friendship }\n    }\n  ": types.FriendsRemoveFriendDocument,
    "\n    mutation FriendsBlockUser($input: FriendTargetInput!) {\n      blockUser(input: $input) { id friendship }\n    }\n  ": types.FriendsBlockUserDocument,
    "\n    mutation FriendsUnblockUser($input: FriendTargetInput!) {\n      unblockUser(input: $input) { id friendship }\n    }\n  ": types.FriendsUnblockUserDocument,
    "\n  mutation FriendsOpenDirect($input: FriendTargetInput!) {\n    openDirectConversation(input: $input) { id }\n  }\n": types.FriendsOpenDirectDocument,
    "\n  fragment FriendsPerson on User {\n    id\n    handle\n    displayName\n    friendCount\n    friendship\n  }\n": types.FriendsPersonFragmentDoc,
    "\n  query FriendsIncomingRequests($first: Int!, $after: String) {\n    me {\n      incomingRequests(first: $first, after: $after) {\n        edges { node { ...FriendsPerson } }\n        pageInfo { hasNextPage endCursor }\n      }\n    }\n  }\n": types.FriendsIncomingRequestsDocument,
    "\n  query FriendsOutgoingRequests($first: Int!, $after: String) {\n    me {\n      outgoingRequests(first: $first, after: $after) {\n        edges { node { ...FriendsPerson } }\n        pageInfo { hasNextPage endCursor }\n      }\n    }\n  }\n": types.FriendsOutgoingRequestsDocument,
    "\n  mutation NotificationsMarkRead($input: MarkNotificationsReadInput!) {\n    markNotificationsRead(input: $input)\n  }\n": types.NotificationsMarkReadDocument,
    "\n  query NotificationsPage($first: Int!, $after: String, $unreadOnly: Boolean!) {\n    me {\n      notifications(first: $first, after: $after, unreadOnly: $unreadOnly) {\n        edges {\n          cursor\n          node {\n            id\n            kind\n            text\n            createdAt\n            readAt\n            subject {\n              __typename\n              id\n              ... on Message { conversation { id } }\n            }\n          }\n        }\n        pageInfo { hasNextPage endCursor }\n      }\n    }\n  }\n": types.NotificationsPageDocument,
    "\n  mutation ProfileUpdate($input: UpdateProfileInput!) {\n    updateProfile(input: $input) { id displayName locale timezone }\n  }\n": types.ProfileUpdateDocument,
    "\n  query ProfilePage {\n    me {\n      user { id handle displayName locale timezone }\n      telegramLinked\n      telegramNotifications\n    }\n  }\n": types.ProfilePageDocument,
    "\n  mutation ProfileTelegramLinkCode {\n    createTelegramLinkCode\n  }\n": types.ProfileTelegramLinkCodeDocument,
    "\n  query UnreadCount {\n    me { unreadNotificationCount }\n  }\n": types.UnreadCountDocument,
    "\n  subscription MyEvents {\n    myEvents {\n      __typename\n      ... on NotificationAdded { notification { id kind text createdAt readAt } }\n      ... on ConversationUpdated { conversation { id lastSeq unreadCount } }\n      ... on CheckInDue { prompt { id text dueAt } }\n    }\n  }\n": types.MyEventsDocument,
    "\n  mutation SignOut {\n    signOut\n  }\n": types.SignOutDocument,
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
export function graphql(source: "\n  fragment SessionFields on AuthPayload {\n    accessToken\n    refreshToken\n    user { id handle displayName role }\n  }\n"): (typeof documents)["\n  fragment SessionFields on AuthPayload {\n    accessToken\n    refreshToken\n    user { id handle displayName role }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RefreshSession($input: RefreshInput!) {\n    refreshSession(input: $input) { ...SessionFields }\n  }\n"): (typeof documents)["\n  mutation RefreshSession($input: RefreshInput!) {\n    refreshSession(input: $input) { ...SessionFields }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminSendBroadcast($input: BroadcastInput!) {\n    sendBroadcast(input: $input) { ...AdminBroadcastFields }\n  }\n"): (typeof documents)["\n  mutation AdminSendBroadcast($input: BroadcastInput!) {\n    sendBroadcast(input: $input) { ...AdminBroadcastFields }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AdminProgressFields on BroadcastProgress {\n    total\n    sent\n    failed\n    blocked\n    pending\n    cancelled\n    perSecond\n    etaSeconds\n  }\n"): (typeof documents)["\n  fragment AdminProgressFields on BroadcastProgress {\n    total\n    sent\n    failed\n    blocked\n    pending\n    cancelled\n    perSecond\n    etaSeconds\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AdminBroadcastFields on Broadcast {\n    id\n    text\n    state\n    createdAt\n    finishedAt\n    recipientCount\n    progress { ...AdminProgressFields }\n  }\n"): (typeof documents)["\n  fragment AdminBroadcastFields on Broadcast {\n    id\n    text\n    state\n    createdAt\n    finishedAt\n    recipientCount\n    progress { ...AdminProgressFields }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminBroadcastHistory($first: Int!, $after: String) {\n    broadcasts(first: $first, after: $after) {\n      edges { cursor node { ...AdminBroadcastFields } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n"): (typeof documents)["\n  query AdminBroadcastHistory($first: Int!, $after: String) {\n    broadcasts(first: $first, after: $after) {\n      edges { cursor node { ...AdminBroadcastFields } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminBroadcast($id: ID!) {\n    node(id: $id) { id __typename ...AdminBroadcastFields }\n  }\n"): (typeof documents)["\n  query AdminBroadcast($id: ID!) {\n    node(id: $id) { id __typename ...AdminBroadcastFields }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminCancelBroadcast($input: BroadcastTargetInput!) {\n    cancelBroadcast(input: $input) { ...AdminBroadcastFields }\n  }\n"): (typeof documents)["\n  mutation AdminCancelBroadcast($input: BroadcastTargetInput!) {\n    cancelBroadcast(input: $input) { ...AdminBroadcastFields }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminStats {\n    stats { users activeLast7Days newLast7Days telegramLinked messagesLast24h activitiesLast24h }\n  }\n"): (typeof documents)["\n  query AdminStats {\n    stats { users activeLast7Days newLast7Days telegramLinked messagesLast24h activitiesLast24h }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminPreviewBroadcast($input: BroadcastInput!) {\n    previewBroadcast(input: $input) { recipientCount telegramCount }\n  }\n"): (typeof documents)["\n  mutation AdminPreviewBroadcast($input: BroadcastInput!) {\n    previewBroadcast(input: $input) { recipientCount telegramCount }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription AdminBroadcastProgress($id: ID!) {\n    broadcastProgress(id: $id) { ...AdminProgressFields }\n  }\n"): (typeof documents)["\n  subscription AdminBroadcastProgress($id: ID!) {\n    broadcastProgress(id: $id) { ...AdminProgressFields }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignUp($input: SignUpInput!) {\n    signUp(input: $input) { ...SessionFields }\n  }\n"): (typeof documents)["\n  mutation SignUp($input: SignUpInput!) {\n    signUp(input: $input) { ...SessionFields }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignIn($input: SignInInput!) {\n    signIn(input: $input) { ...SessionFields }\n  }\n"): (typeof documents)["\n  mutation SignIn($input: SignInInput!) {\n    signIn(input: $input) { ...SessionFields }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConversationsSendMessage($input: SendMessageInput!) {\n    sendMessage(input: $input) { id seq }\n  }\n"): (typeof documents)["\n  mutation ConversationsSendMessage($input: SendMessageInput!) {\n    sendMessage(input: $input) { id seq }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConversationsSetTyping($input: ConversationInput!) {\n    setTyping(input: $input)\n  }\n"): (typeof documents)["\n  mutation ConversationsSetTyping($input: ConversationInput!) {\n    setTyping(input: $input)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConversationsList($first: Int!) {\n    me {\n      user { id }\n      conversations(first: $first) {\n        pageInfo { hasNextPage }\n        edges {\n          node {\n            id\n            kind\n            title\n            lastSeq\n            unreadCount\n            lastMessage { id text author { id displayName } }\n            members(first: 10) { edges { node { user { id displayName } } } }\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query ConversationsList($first: Int!) {\n    me {\n      user { id }\n      conversations(first: $first) {\n        pageInfo { hasNextPage }\n        edges {\n          node {\n            id\n            kind\n            title\n            lastSeq\n            unreadCount\n            lastMessage { id text author { id displayName } }\n            members(first: 10) { edges { node { user { id displayName } } } }\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConversationsFriends {\n    me {\n      user { id }\n      friends(first: 100) { edges { node { id displayName handle } } }\n    }\n  }\n"): (typeof documents)["\n  query ConversationsFriends {\n    me {\n      user { id }\n      friends(first: 100) { edges { node { id displayName handle } } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConversationsAddMembers($input: AddMembersInput!) {\n    addMembers(input: $input) { id }\n  }\n"): (typeof documents)["\n  mutation ConversationsAddMembers($input: AddMembersInput!) {\n    addMembers(input: $input) { id }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConversationsRemoveMember($input: RemoveMemberInput!) {\n    removeMember(input: $input) { id }\n  }\n"): (typeof documents)["\n  mutation ConversationsRemoveMember($input: RemoveMemberInput!) {\n    removeMember(input: $input) { id }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConversationsLeave($input: ConversationInput!) {\n    leaveConversation(input: $input)\n  }\n"): (typeof documents)["\n  mutation ConversationsLeave($input: ConversationInput!) {\n    leaveConversation(input: $input)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConversationsEditMessage($input: EditMessageInput!) {\n    editMessage(input: $input) { id text editedAt }\n  }\n"): (typeof documents)["\n  mutation ConversationsEditMessage($input: EditMessageInput!) {\n    editMessage(input: $input) { id text editedAt }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ConversationsMessageFields on Message {\n    id\n    seq\n    text\n    createdAt\n    editedAt\n    deletedAt\n    author { id displayName }\n    replyTo { id text author { id displayName } }\n    reactions { emoji count reactedByMe }\n  }\n"): (typeof documents)["\n  fragment ConversationsMessageFields on Message {\n    id\n    seq\n    text\n    createdAt\n    editedAt\n    deletedAt\n    author { id displayName }\n    replyTo { id text author { id displayName } }\n    reactions { emoji count reactedByMe }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConversationsDeleteMessage($input: MessageInput!) {\n    deleteMessage(input: $input)\n  }\n"): (typeof documents)["\n  mutation ConversationsDeleteMessage($input: MessageInput!) {\n    deleteMessage(input: $input)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConversationsToggleReaction($input: ReactionInput!) {\n    toggleReaction(input: $input) { id reactions { emoji count reactedByMe } }\n  }\n"): (typeof documents)["\n  mutation ConversationsToggleReaction($input: ReactionInput!) {\n    toggleReaction(input: $input) { id reactions { emoji count reactedByMe } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConversationsCreateGroup($input: CreateGroupInput!) {\n    createGroup(input: $input) { id }\n  }\n"): (typeof documents)["\n  mutation ConversationsCreateGroup($input: CreateGroupInput!) {\n    createGroup(input: $input) { id }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription ConversationsThreadEvents($conversationId: ID!, $afterSeq: Int) {\n    conversationEvents(conversationId: $conversationId, afterSeq: $afterSeq) {\n      __typename\n      ... on MessageAdded { seq message { ...ConversationsMessageFields } }\n      ... on MessageEdited { seq message { ...ConversationsMessageFields } }\n      ... on ReactionChanged { seq message { ...ConversationsMessageFields } }\n      ... on MessageDeleted { seq messageId }\n      ... on MemberJoined { seq user { id displayName handle } }\n      ... on MemberLeft { seq user { id displayName handle } }\n      ... on ReadUpTo { seq readSeq user { id displayName handle } }\n      ... on Typing { user { id displayName handle } }\n    }\n  }\n"): (typeof documents)["\n  subscription ConversationsThreadEvents($conversationId: ID!, $afterSeq: Int) {\n    conversationEvents(conversationId: $conversationId, afterSeq: $afterSeq) {\n      __typename\n      ... on MessageAdded { seq message { ...ConversationsMessageFields } }\n      ... on MessageEdited { seq message { ...ConversationsMessageFields } }\n      ... on ReactionChanged { seq message { ...ConversationsMessageFields } }\n      ... on MessageDeleted { seq messageId }\n      ... on MemberJoined { seq user { id displayName handle } }\n      ... on MemberLeft { seq user { id displayName handle } }\n      ... on ReadUpTo { seq readSeq user { id displayName handle } }\n      ... on Typing { user { id displayName handle } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConversationsMarkRead($input: MarkReadInput!) {\n    markRead(input: $input) { id lastSeq unreadCount }\n  }\n"): (typeof documents)["\n  mutation ConversationsMarkRead($input: MarkReadInput!) {\n    markRead(input: $input) { id lastSeq unreadCount }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConversationsThread($id: ID!, $last: Int!) {\n    conversation(id: $id) {\n      id\n      lastSeq\n      kind\n      title\n      members(first: 100) { edges { node { role readSeq user { id displayName handle } } } }\n      messages(last: $last) {\n        pageInfo { hasPreviousPage startCursor }\n        edges { node { ...ConversationsMessageFields } }\n      }\n    }\n  }\n"): (typeof documents)["\n  query ConversationsThread($id: ID!, $last: Int!) {\n    conversation(id: $id) {\n      id\n      lastSeq\n      kind\n      title\n      members(first: 100) { edges { node { role readSeq user { id displayName handle } } } }\n      messages(last: $last) {\n        pageInfo { hasPreviousPage startCursor }\n        edges { node { ...ConversationsMessageFields } }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConversationsOlderMessages($id: ID!, $last: Int!, $before: String!) {\n    conversation(id: $id) {\n      id\n      messages(last: $last, before: $before) {\n        pageInfo { hasPreviousPage startCursor }\n        edges { node { ...ConversationsMessageFields } }\n      }\n    }\n  }\n"): (typeof documents)["\n  query ConversationsOlderMessages($id: ID!, $last: Int!, $before: String!) {\n    conversation(id: $id) {\n      id\n      messages(last: $last, before: $before) {\n        pageInfo { hasPreviousPage startCursor }\n        edges { node { ...ConversationsMessageFields } }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DiarySettings {\n    me {\n      user { id timezone }\n      settings { enabled windowStart windowEnd intervalMinutes visibility }\n    }\n  }\n"): (typeof documents)["\n  query DiarySettings {\n    me {\n      user { id timezone }\n      settings { enabled windowStart windowEnd intervalMinutes visibility }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DiaryUpdateSettings($input: CheckInSettingsInput!) {\n    updateCheckInSettings(input: $input) { enabled windowStart windowEnd intervalMinutes visibility }\n  }\n"): (typeof documents)["\n  mutation DiaryUpdateSettings($input: CheckInSettingsInput!) {\n    updateCheckInSettings(input: $input) { enabled windowStart windowEnd intervalMinutes visibility }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DiaryCurrentPrompt {\n    me { currentPrompt { id text dueAt } }\n  }\n"): (typeof documents)["\n  query DiaryCurrentPrompt {\n    me { currentPrompt { id text dueAt } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DiaryRecordActivity($input: RecordActivityInput!) {\n    recordActivity(input: $input) {\n      id\n      author { id }\n      prompt { id }\n    }\n  }\n"): (typeof documents)["\n  mutation DiaryRecordActivity($input: RecordActivityInput!) {\n    recordActivity(input: $input) {\n      id\n      author { id }\n      prompt { id }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment DiaryFeedActivity on Activity {\n    id\n    text\n    createdAt\n    promptText\n    author { id handle displayName }\n  }\n"): (typeof documents)["\n  fragment DiaryFeedActivity on Activity {\n    id\n    text\n    createdAt\n    promptText\n    author { id handle displayName }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DiaryFeed($first: Int!, $after: String) {\n    me {\n      feed(first: $first, after: $after) {\n        edges { cursor node { ...DiaryFeedActivity } }\n        pageInfo { hasNextPage endCursor }\n      }\n    }\n  }\n"): (typeof documents)["\n  query DiaryFeed($first: Int!, $after: String) {\n    me {\n      feed(first: $first, after: $after) {\n        edges { cursor node { ...DiaryFeedActivity } }\n        pageInfo { hasNextPage endCursor }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription DiaryFeedEvents {\n    feedEvents { ...DiaryFeedActivity }\n  }\n"): (typeof documents)["\n  subscription DiaryFeedEvents {\n    feedEvents { ...DiaryFeedActivity }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DiaryMyEntries($first: Int!, $after: String) {\n    me {\n      diaryStats { entries currentStreak }\n      user {\n        id\n        activities(first: $first, after: $after) {\n          edges { cursor node { id text createdAt promptText } }\n          pageInfo { hasNextPage endCursor }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query DiaryMyEntries($first: Int!, $after: String) {\n    me {\n      diaryStats { entries currentStreak }\n      user {\n        id\n        activities(first: $first, after: $after) {\n          edges { cursor node { id text createdAt promptText } }\n          pageInfo { hasNextPage endCursor }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DiaryUpsertQuestion($input: QuestionInput!) {\n    upsertQuestion(input: $input) { id name text isDefault active intervalMinutes }\n  }\n"): (typeof documents)["\n  mutation DiaryUpsertQuestion($input: QuestionInput!) {\n    upsertQuestion(input: $input) { id name text isDefault active intervalMinutes }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DiaryQuestions {\n    me { questions { id name text isDefault active intervalMinutes } }\n  }\n"): (typeof documents)["\n  query DiaryQuestions {\n    me { questions { id name text isDefault active intervalMinutes } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FriendsSuggestions($first: Int!, $after: String) {\n    me {\n      friendSuggestions(first: $first, after: $after) {\n        edges {\n          node { ...FriendsPerson }\n          mutualCount\n          mutualFriends(first: 3) { id displayName }\n        }\n        pageInfo { hasNextPage endCursor }\n      }\n    }\n  }\n"): (typeof documents)["\n  query FriendsSuggestions($first: Int!, $after: String) {\n    me {\n      friendSuggestions(first: $first, after: $after) {\n        edges {\n          node { ...FriendsPerson }\n          mutualCount\n          mutualFriends(first: 3) { id displayName }\n        }\n        pageInfo { hasNextPage endCursor }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FriendsMyFriends($first: Int!, $after: String) {\n    me {\n      friends(first: $first, after: $after) {\n        edges { node { ...FriendsPerson } }\n        pageInfo { hasNextPage endCursor }\n      }\n    }\n  }\n"): (typeof documents)["\n  query FriendsMyFriends($first: Int!, $after: String) {\n    me {\n      friends(first: $first, after: $after) {\n        edges { node { ...FriendsPerson } }\n        pageInfo { hasNextPage endCursor }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FriendsSearch($query: String!, $first: Int!, $after: String) {\n    searchUsers(query: $query, first: $first, after: $after) {\n      edges { node { ...FriendsPerson } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n"): (typeof documents)["\n  query FriendsSearch($query: String!, $first: Int!, $after: String) {\n    searchUsers(query: $query, first: $first, after: $after) {\n      edges { node { ...FriendsPerson } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FriendsExactHandle($handle: String!) {\n    user(handle: $handle) { ...FriendsPerson }\n  }\n"): (typeof documents)["\n  query FriendsExactHandle($handle: String!) {\n    user(handle: $handle) { ...FriendsPerson }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    mutation FriendsSendRequest($input: FriendTargetInput!) {\n      sendFriendRequest(input: $input) { id friendship }\n    }\n  "): (typeof documents)["\n    mutation FriendsSendRequest($input: FriendTargetInput!) {\n      sendFriendRequest(input: $input) { id friendship }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    mutation FriendsAcceptRequest($input: FriendTargetInput!) {\n      acceptFriendRequest(input: $input) { id friendship }\n    }\n  "): (typeof documents)["\n    mutation FriendsAcceptRequest($input: FriendTargetInput!) {\n      acceptFriendRequest(input: $input) { id friendship }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    mutation FriendsDeclineRequest($input: FriendTargetInput!) {\n      declineFriendRequest(input: $input) { id friendship }\n    }\n  "): (typeof documents)["\n    mutation FriendsDeclineRequest($input: FriendTargetInput!) {\n      declineFriendRequest(input: $input) { id friendship }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    mutation FriendsCancelRequest($input: FriendTargetInput!) {\n      cancelFriendRequest(input: $input) { id friendship }\n    }\n  "): (typeof documents)["\n    mutation FriendsCancelRequest($input: FriendTargetInput!) {\n      cancelFriendRequest(input: $input) { id friendship }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    mutation FriendsRemoveFriend($input: FriendTargetInput!) {\n      removeFriend(input: $input) { id friendship }\n    }\n  "): (typeof documents)["\n    mutation FriendsRemoveFriend($input: FriendTargetInput!) {\n      removeFriend(input: $input) { id friendship }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    mutation FriendsBlockUser($input: FriendTargetInput!) {\n      blockUser(input: $input) { id friendship }\n    }\n  "): (typeof documents)["\n    mutation FriendsBlockUser($input: FriendTargetInput!) {\n      blockUser(input: $input) { id friendship }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    mutation FriendsUnblockUser($input: FriendTargetInput!) {\n      unblockUser(input: $input) { id friendship }\n    }\n  "): (typeof documents)["\n    mutation FriendsUnblockUser($input: FriendTargetInput!) {\n      unblockUser(input: $input) { id friendship }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation FriendsOpenDirect($input: FriendTargetInput!) {\n    openDirectConversation(input: $input) { id }\n  }\n"): (typeof documents)["\n  mutation FriendsOpenDirect($input: FriendTargetInput!) {\n    openDirectConversation(input: $input) { id }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment FriendsPerson on User {\n    id\n    handle\n    displayName\n    friendCount\n    friendship\n  }\n"): (typeof documents)["\n  fragment FriendsPerson on User {\n    id\n    handle\n    displayName\n    friendCount\n    friendship\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FriendsIncomingRequests($first: Int!, $after: String) {\n    me {\n      incomingRequests(first: $first, after: $after) {\n        edges { node { ...FriendsPerson } }\n        pageInfo { hasNextPage endCursor }\n      }\n    }\n  }\n"): (typeof documents)["\n  query FriendsIncomingRequests($first: Int!, $after: String) {\n    me {\n      incomingRequests(first: $first, after: $after) {\n        edges { node { ...FriendsPerson } }\n        pageInfo { hasNextPage endCursor }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FriendsOutgoingRequests($first: Int!, $after: String) {\n    me {\n      outgoingRequests(first: $first, after: $after) {\n        edges { node { ...FriendsPerson } }\n        pageInfo { hasNextPage endCursor }\n      }\n    }\n  }\n"): (typeof documents)["\n  query FriendsOutgoingRequests($first: Int!, $after: String) {\n    me {\n      outgoingRequests(first: $first, after: $after) {\n        edges { node { ...FriendsPerson } }\n        pageInfo { hasNextPage endCursor }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation NotificationsMarkRead($input: MarkNotificationsReadInput!) {\n    markNotificationsRead(input: $input)\n  }\n"): (typeof documents)["\n  mutation NotificationsMarkRead($input: MarkNotificationsReadInput!) {\n    markNotificationsRead(input: $input)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query NotificationsPage($first: Int!, $after: String, $unreadOnly: Boolean!) {\n    me {\n      notifications(first: $first, after: $after, unreadOnly: $unreadOnly) {\n        edges {\n          cursor\n          node {\n            id\n            kind\n            text\n            createdAt\n            readAt\n            subject {\n              __typename\n              id\n              ... on Message { conversation { id } }\n            }\n          }\n        }\n        pageInfo { hasNextPage endCursor }\n      }\n    }\n  }\n"): (typeof documents)["\n  query NotificationsPage($first: Int!, $after: String, $unreadOnly: Boolean!) {\n    me {\n      notifications(first: $first, after: $after, unreadOnly: $unreadOnly) {\n        edges {\n          cursor\n          node {\n            id\n            kind\n            text\n            createdAt\n            readAt\n            subject {\n              __typename\n              id\n              ... on Message { conversation { id } }\n            }\n          }\n        }\n        pageInfo { hasNextPage endCursor }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ProfileUpdate($input: UpdateProfileInput!) {\n    updateProfile(input: $input) { id displayName locale timezone }\n  }\n"): (typeof documents)["\n  mutation ProfileUpdate($input: UpdateProfileInput!) {\n    updateProfile(input: $input) { id displayName locale timezone }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ProfilePage {\n    me {\n      user { id handle displayName locale timezone }\n      telegramLinked\n      telegramNotifications\n    }\n  }\n"): (typeof documents)["\n  query ProfilePage {\n    me {\n      user { id handle displayName locale timezone }\n      telegramLinked\n      telegramNotifications\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ProfileTelegramLinkCode {\n    createTelegramLinkCode\n  }\n"): (typeof documents)["\n  mutation ProfileTelegramLinkCode {\n    createTelegramLinkCode\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query UnreadCount {\n    me { unreadNotificationCount }\n  }\n"): (typeof documents)["\n  query UnreadCount {\n    me { unreadNotificationCount }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription MyEvents {\n    myEvents {\n      __typename\n      ... on NotificationAdded { notification { id kind text createdAt readAt } }\n      ... on ConversationUpdated { conversation { id lastSeq unreadCount } }\n      ... on CheckInDue { prompt { id text dueAt } }\n    }\n  }\n"): (typeof documents)["\n  subscription MyEvents {\n    myEvents {\n      __typename\n      ... on NotificationAdded { notification { id kind text createdAt readAt } }\n      ... on ConversationUpdated { conversation { id lastSeq unreadCount } }\n      ... on CheckInDue { prompt { id text dueAt } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignOut {\n    signOut\n  }\n"): (typeof documents)["\n  mutation SignOut {\n    signOut\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;