import type { I18nFlavor } from '@grammyjs/i18n';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import type { Context, SessionFlavor } from 'grammy';
import type { Logger } from 'pino';
import type { GraphQLClient, RequestOptions } from './api/client.ts';
import type { LiveConnector } from './api/live.ts';
import type { Account, Identities, TelegramPerson } from './identity.ts';

/** What the bot remembers of a chat between updates (in memory, per process). */
export interface ChatState {
  /** The conversation plain messages go to, once opened from the chat list. */
  openConversationId?: string;
  /**
   * The conversations last listed, by button index (callback data holds at most 64 bytes), and
   * the list message whose buttons those indexes belong to.
   */
  chatList?: { messageId: number; conversations: { id: string; title: string }[] };
  /** A broadcast waiting for the admin's confirmation, and the preview message that asks for it. */
  broadcastDraft?: { text: string; previewMessageId: number };
}

/** Long-lived collaborators, built once in main.ts. */
export interface BotDeps {
  client: GraphQLClient;
  identities: Identities;
  live: LiveConnector;
  log: Logger;
}

export type BotContext = Context &
  SessionFlavor<ChatState> &
  I18nFlavor & {
    /** Who sent the update (private chats only). */
    person: TelegramPerson;
    /** Their account on the API. */
    account: Account;
    /** Why the link asked for by `/start CODE` failed, when it did (for the start handler to say). */
    linkFailure?: string;
    /** Runs an operation as this person. */
    as<Result, Variables>(document: TypedDocumentNode<Result, Variables>, variables: Variables, options?: RequestOptions): Promise<Result>;
    deps: BotDeps;
  };
