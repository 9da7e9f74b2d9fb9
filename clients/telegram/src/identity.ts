import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { ApiError, type GraphQLClient } from './api/client.ts';
import { LinkTelegram, RefreshSession, TelegramSignIn } from './api/operations.ts';
import type { Locale, Role } from './generated/graphql.ts';

/** A Telegram user as the bot sees them (from an update). */
export interface TelegramPerson {
  telegramId: string;
  chatId: string;
  username?: string | null;
  firstName: string;
  languageCode?: string | null;
}

/** The account a Telegram user acts as, and its tokens. */
export interface Account {
  accessToken: string;
  refreshToken: string;
  user: { id: string; handle: string; displayName: string; locale: Locale; role: Role };
}

export interface Identities {
  /** The person's account: signed in through the service key on first use (registering them on first contact). */
  accountOf(person: TelegramPerson): Promise<Account>;
  /** Runs an operation as the person, signing in again once if their token was refused. */
  as<Result, Variables>(person: TelegramPerson, document: TypedDocumentNode<Result, Variables>, variables: Variables): Promise<Result>;
  /** Links the person's Telegram account to the web account that made `code` (`/start CODE`). */
  link(person: TelegramPerson, code: string): Promise<Account>;
  /** Forgets the cached account (their language or role changed). */
  forget(person: TelegramPerson): void;
}

/**
 * Each Telegram user acts with their own access token. Accounts are kept in memory per process
 * (a process that starts, or forgets one, signs the person in again with the service key);
 * an expired access token is refreshed with the refresh token, and a refused one replaced.
 */
export function createIdentities(client: GraphQLClient): Identities {
  const accounts = new Map<string, Promise<Account>>();

  const signIn = async (person: TelegramPerson): Promise<Account> => {
    const input = {
      telegramId: person.telegramId,
      chatId: person.chatId,
      username: person.username ?? null,
      firstName: person.firstName,
      languageCode: person.languageCode ?? null,
    };
    return (await client.request(TelegramSignIn, { input }, { service: true })).telegramSignIn;
  };

  const accountOf = (person: TelegramPerson) => {
    let account = accounts.get(person.telegramId);
    if (!account) {
      account = signIn(person);
      accounts.set(person.telegramId, account);
      // A failed sign-in is not remembered: the next update tries again.
      account.catch(() => accounts.delete(person.telegramId));
    }
    return account;
  };

  /** A fresh pair: the refresh token if it still works, else a new sign-in. */
  const renew = async (person: TelegramPerson, stale: Account): Promise<Account> => {
    const renewed = client
      .request(RefreshSession, { input: { refreshToken: stale.refreshToken } })
      .then((data) => data.refreshSession)
      .catch(() => signIn(person));
    accounts.set(person.telegramId, renewed);
    return renewed;
  };

  return {
    accountOf,
    async as(person, document, variables) {
      const account = await accountOf(person);
      try {
        return await client.request(document, variables, { token: account.accessToken });
      } catch (error) {
        if (!(error instanceof ApiError) || error.code !== 'UNAUTHENTICATED') throw error;
        const renewed = await renew(person, account);
        return client.request(document, variables, { token: renewed.accessToken });
      }
    },
    async link(person, code) {
      const input = { code, telegramId: person.telegramId, chatId: person.chatId, username: person.username ?? null, firstName: person.firstName };
      const account = (await client.request(LinkTelegram, { input }, { service: true })).linkTelegram;
      accounts.set(person.telegramId, Promise.resolve(account));
      return account;
    },
    forget(person) {
      accounts.delete(person.telegramId);
    },
  };
}
