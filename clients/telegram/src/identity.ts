import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { decodeJwt } from 'jose';
import { ApiError, type GraphQLClient, type RequestOptions } from './api/client.ts';
import { LinkTelegram, RefreshSession, TelegramSignIn } from './api/operations.ts';
import type { SignedInFragment, TelegramSignInInput } from './generated/graphql.ts';

/** A Telegram user as the bot sees them (from an update): exactly what signing them in takes. */
export type TelegramPerson = TelegramSignInInput;

/** The account a Telegram user acts as, and its tokens. */
export type Account = SignedInFragment;

export interface Identities {
  /** The person's account: signed in through the service key on first use (registering them on first contact). */
  accountOf(person: TelegramPerson): Promise<Account>;
  /**
   * Signs the person in anew: the API hears from them again (which lifts the mark of having
   * blocked the bot, and follows a Telegram account linked elsewhere since).
   */
  signInAgain(person: TelegramPerson): Promise<Account>;
  /**
   * Applies to the person's cached account what the API just changed of them (a new locale,
   * say), so later updates see it without signing in again; the account as it now is.
   */
  update(person: TelegramPerson, change: Partial<Account['user']>): Promise<Account>;
  /** The person's access token, refreshed first unless it is good for another minute (for a live stream's connection). */
  tokenFor(person: TelegramPerson): Promise<string>;
  /** Runs an operation as the person, refreshing their token once if it was refused. */
  as<Result, Variables>(
    person: TelegramPerson,
    document: TypedDocumentNode<Result, Variables>,
    variables: Variables,
    options?: RequestOptions,
  ): Promise<Result>;
  /** Links the person's Telegram account to the web account that made `code` (`/start CODE`). */
  link(person: TelegramPerson, code: string): Promise<Account>;
}

/** Accounts kept per process; the least recently used go first. */
const maxCachedAccounts = 10_000;

/**
 * Each Telegram user acts with their own access token. Accounts are kept in memory per process,
 * one sign-in each; an expired token is refreshed in its session, and a session that no longer
 * holds (its Telegram account was linked elsewhere, say) is replaced by signing in again.
 */
export function createIdentities(client: GraphQLClient): Identities {
  const accounts = new Map<string, Promise<Account>>();

  const signIn = async (person: TelegramPerson): Promise<Account> =>
    (await client.request(TelegramSignIn, { input: person }, { service: true })).telegramSignIn;

  /** Caches an account being obtained; a failure is not remembered (the next update tries again). */
  const remember = (person: TelegramPerson, account: Promise<Account>): Promise<Account> => {
    accounts.delete(person.telegramId);
    accounts.set(person.telegramId, account);
    if (accounts.size > maxCachedAccounts) accounts.delete(accounts.keys().next().value!);
    account.catch(() => {
      if (accounts.get(person.telegramId) === account) accounts.delete(person.telegramId);
    });
    return account;
  };

  const accountOf = (person: TelegramPerson) => {
    const cached = accounts.get(person.telegramId);
    return cached ? remember(person, cached) : remember(person, signIn(person));
  };

  /**
   * Refreshes `stale`, the account a refused call used. One refresh per token: a refresh token
   * presented twice ends its session, so whoever finds the account already renewed takes that one.
   */
  const refresh = (person: TelegramPerson, stale: Promise<Account>): Promise<Account> => {
    const current = accounts.get(person.telegramId);
    if (current && current !== stale) return current;
    const renewed = (async () => {
      const account = await stale.catch(() => undefined);
      if (account) {
        try {
          return (await client.request(RefreshSession, { input: { refreshToken: account.refreshToken } })).refreshSession;
        } catch (error) {
          if (!(error instanceof ApiError) || error.code !== 'UNAUTHENTICATED') throw error;
        }
      }
      return signIn(person);
    })();
    return remember(person, renewed);
  };

  return {
    accountOf,
    signInAgain: (person) => remember(person, signIn(person)),
    async update(person, change) {
      // In place: an update under way holds this same object, and sees the change too.
      const account = await accountOf(person);
      Object.assign(account.user, change);
      return account;
    },
    async tokenFor(person) {
      const used = accountOf(person);
      const { accessToken } = await used;
      const expiresAt = (decodeJwt(accessToken).exp ?? 0) * 1000;
      return expiresAt - Date.now() > 60_000 ? accessToken : (await refresh(person, used)).accessToken;
    },
    async as(person, document, variables, options) {
      const used = accountOf(person);
      try {
        return await client.request(document, variables, { token: (await used).accessToken }, options);
      } catch (error) {
        if (!(error instanceof ApiError) || error.code !== 'UNAUTHENTICATED') throw error;
        return client.request(document, variables, { token: (await refresh(person, used)).accessToken }, options);
      }
    },
    async link(person, code) {
      // The web account keeps its own language: linking takes no languageCode.
      const { languageCode: _, ...linked } = person;
      const input = { ...linked, code };
      const account = (await client.request(LinkTelegram, { input }, { service: true })).linkTelegram;
      return remember(person, Promise.resolve(account));
    },
  };
}
