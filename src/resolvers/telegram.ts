import { z } from 'zod';
import { builder } from '../builder.ts';
import { createLinkCode, findOrCreateTelegramAccount, linkTelegramAccount } from '../domain/accounts.ts';
import { parseInput } from '../validation.ts';
import { AuthPayload, signedIn } from './accounts.ts';

const telegramNumber = z.string().trim().regex(/^-?\d{1,20}$/, 'expected a Telegram numeric id');
const identitySchema = z.object({
  telegramId: telegramNumber,
  chatId: telegramNumber,
  username: z.string().trim().max(64).nullish().transform((value) => value || null),
  firstName: z.string().trim().min(1, 'cannot be empty').max(64, 'at most 64 characters'),
  languageCode: z.string().trim().max(16).nullish().transform((value) => value || null),
});

const TelegramSignInInput = builder.inputType('TelegramSignInInput', {
  fields: (t) => ({
    telegramId: t.string({ required: true }),
    chatId: t.string({ required: true }),
    username: t.string(),
    firstName: t.string({ required: true }),
    languageCode: t.string(),
  }),
});

const LinkTelegramInput = builder.inputType('LinkTelegramInput', {
  fields: (t) => ({
    code: t.string({ required: true, description: 'The code from createTelegramLinkCode (sent to the bot as /start CODE).' }),
    telegramId: t.string({ required: true }),
    chatId: t.string({ required: true }),
    username: t.string(),
    firstName: t.string({ required: true }),
  }),
});
const linkSchema = identitySchema.extend({ code: z.string().trim().min(1, 'cannot be empty').max(64) });

builder.mutationFields((t) => ({
  telegramSignIn: t.field({
    type: AuthPayload,
    description: 'Bot service key only: tokens for a Telegram user, registering them on first contact.',
    authScopes: { service: true },
    args: { input: t.arg({ type: TelegramSignInInput, required: true }) },
    resolve: async (_root, { input }, context) => {
      const identity = parseInput(identitySchema, input);
      return signedIn(context, await findOrCreateTelegramAccount(context.prisma, context.services, identity), { telegramId: identity.telegramId });
    },
  }),
  createTelegramLinkCode: t.string({
    description: 'A one-time code, valid 10 minutes, that links a Telegram account to the signed-in account.',
    authScopes: { loggedIn: true },
    resolve: (_root, _args, context) => createLinkCode(context.prisma, context.services, context.viewer!.user.id),
  }),
  linkTelegram: t.field({
    type: AuthPayload,
    description: 'Bot service key only: attaches a Telegram identity to the account whose code it presents.',
    authScopes: { service: true },
    args: { input: t.arg({ type: LinkTelegramInput, required: true }) },
    resolve: async (_root, { input }, context) => {
      const { code, ...identity } = parseInput(linkSchema, { ...input, languageCode: null });
      return signedIn(context, await linkTelegramAccount(context.prisma, context.services, code, identity), { telegramId: identity.telegramId });
    },
  }),
}));
