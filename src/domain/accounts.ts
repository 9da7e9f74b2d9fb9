import type { Locale, PrismaClient, User } from '../generated/prisma/client.ts';
import { badInput, conflict, unauthenticated } from '../errors.ts';
import { hashToken, randomToken } from '../auth/tokens.ts';
import type { Services } from '../services.ts';
import { defaultQuestion } from './check-in-settings.ts';
import type { Transaction } from './transaction.ts';
import { isUniqueViolation } from './unique-violation.ts';

export const linkCodeTtlMs = 10 * 60_000;

export interface NewAccount {
  handle: string;
  displayName: string;
  password: string;
  locale: Locale;
  timezone: string;
}

export async function createAccount(prisma: PrismaClient, services: Services, account: NewAccount): Promise<User> {
  const passwordHash = await services.passwords.hash(account.password);
  const now = services.now();
  try {
    return await prisma.user.create({
      data: {
        handle: account.handle,
        displayName: account.displayName,
        passwordHash,
        locale: account.locale,
        timezone: account.timezone,
        role: services.adminHandles.has(account.handle) ? 'ADMIN' : 'USER',
        createdAt: now,
        lastActiveAt: now,
        questions: { create: defaultQuestion(account.locale, account.timezone, now) },
      },
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict(`The handle "${account.handle}" is already taken.`);
    throw error;
  }
}

/** The account for a handle and password; one message for every failure, and the same time spent. */
export async function authenticate(prisma: PrismaClient, services: Services, handle: string, password: string): Promise<User> {
  const user = await prisma.user.findUnique({ where: { handle } });
  const valid = user?.passwordHash
    ? await services.passwords.verify(password, user.passwordHash)
    : (await services.passwords.verifyNothing(password), false);
  if (!user || !valid) throw unauthenticated('Wrong handle or password.');
  return prisma.user.update({ where: { id: user.id }, data: { lastActiveAt: services.now() } });
}

export interface TelegramIdentity {
  telegramId: string;
  chatId: string;
  username: string | null;
  firstName: string;
  languageCode: string | null;
}

export function localeFromLanguageCode(code: string | null): Locale {
  const language = code?.slice(0, 2).toLowerCase();
  return language === 'ru' ? 'RU' : language === 'es' ? 'ES' : 'EN';
}

/**
 * The account of a Telegram user, created on first contact: the handle is their Telegram
 * username when it is a valid, free handle, else a generated one. Safe when two first
 * contacts of one person race (the unique telegramId decides; the loser reads the winner).
 */
export async function findOrCreateTelegramAccount(prisma: PrismaClient, services: Services, identity: TelegramIdentity): Promise<User> {
  // Talking to the bot again lifts the mark of having blocked it.
  const contact = { telegramChatId: identity.chatId, telegramUsername: identity.username, lastActiveAt: services.now(), telegramBlockedAt: null };
  const existing = await prisma.user.findUnique({ where: { telegramId: identity.telegramId } });
  if (existing) return prisma.user.update({ where: { id: existing.id }, data: contact });

  const wanted = identity.username?.toLowerCase();
  const candidates = [
    ...(wanted && /^[a-z0-9_]{3,32}$/.test(wanted) ? [wanted] : []),
    `tg_${identity.telegramId}`.slice(0, 32),
    `tg_${randomToken(6).toLowerCase().replace(/[^a-z0-9_]/g, '_')}`,
  ];
  for (const handle of candidates) {
    try {
      return await prisma.user.create({
        data: {
          ...contact,
          createdAt: contact.lastActiveAt,
          handle,
          displayName: identity.firstName,
          telegramId: identity.telegramId,
          locale: localeFromLanguageCode(identity.languageCode),
          // Not ADMIN_HANDLES: a Telegram username is chosen by whoever talks to the bot, so an
          // admin handle taken this way must not come with the role (admins sign up with a password).
          role: 'USER',
          questions: { create: defaultQuestion(localeFromLanguageCode(identity.languageCode), 'UTC', services.now()) },
        },
      });
    } catch (error) {
      if (isUniqueViolation(error, 'telegramId')) {
        return prisma.user.update({ where: { telegramId: identity.telegramId }, data: contact });
      }
      if (!isUniqueViolation(error)) throw error;
      // The handle was taken: try the next candidate.
    }
  }
  throw conflict('Could not find a free handle for this Telegram account; try again.');
}

export async function createLinkCode(prisma: PrismaClient, services: Services, userId: string): Promise<string> {
  const code = randomToken(12);
  await prisma.telegramLinkCode.create({
    data: { codeHash: hashToken(code), userId, expiresAt: new Date(services.now().getTime() + linkCodeTtlMs) },
  });
  return code;
}

/**
 * Attaches a Telegram identity to the account that created the code, using the code up.
 * An identity already on an account that has a password is a CONFLICT; one on a
 * Telegram-only account (made when the person first talked to the bot) moves over, and that
 * account's sessions end. An account linked to another Telegram account before ends the
 * sessions the bot opened for that one (and auth/sessions.ts refuses any it missed). Two links
 * of one Telegram account racing: one wins, the other is a CONFLICT (the unique telegramId
 * decides).
 */
export async function linkTelegramAccount(
  prisma: PrismaClient,
  services: Services,
  code: string,
  identity: TelegramIdentity,
): Promise<User> {
  const now = services.now();
  try {
    return await prisma.$transaction((tx) => attachTelegram(tx, hashToken(code), identity, now));
  } catch (error) {
    if (isUniqueViolation(error, 'telegramId')) throw conflict('This Telegram account was just linked to another account.');
    throw error;
  }
}

async function attachTelegram(tx: Transaction, codeHash: string, identity: TelegramIdentity, now: Date): Promise<User> {
  const stored = await tx.telegramLinkCode.findUnique({ where: { codeHash } });
  const claim =
    stored && stored.expiresAt > now
      ? await tx.telegramLinkCode.updateMany({ where: { codeHash, usedAt: null }, data: { usedAt: now } })
      : { count: 0 };
  if (!stored || claim.count === 0) throw badInput('input.code', 'this link code is unknown, used or expired; create a new one');

  const holder = await tx.user.findUnique({ where: { telegramId: identity.telegramId } });
  if (holder && holder.id !== stored.userId) {
    if (holder.passwordHash) throw conflict('This Telegram account is already linked to another account.');
    await tx.user.update({ where: { id: holder.id }, data: { telegramId: null, telegramChatId: null } });
    // The bot signed that account in; it can no longer be signed into, so its sessions end too.
    await tx.session.updateMany({ where: { userId: holder.id, revokedAt: null }, data: { revokedAt: now } });
  }
  // The Telegram account this one was linked to before no longer speaks for it (web sign-ins,
  // with no Telegram account, stay).
  await tx.session.updateMany({
    where: { userId: stored.userId, revokedAt: null, NOT: [{ telegramId: null }, { telegramId: identity.telegramId }] },
    data: { revokedAt: now },
  });
  return tx.user.update({
    where: { id: stored.userId },
    data: {
      telegramId: identity.telegramId,
      telegramChatId: identity.chatId,
      telegramUsername: identity.username,
      lastActiveAt: now,
      // Sending the bot a link code is talking to it: whatever was blocked before is not now.
      telegramBlockedAt: null,
    },
  });
}
