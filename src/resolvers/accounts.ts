import { z } from 'zod';
import { builder } from '../builder.ts';
import type { Context } from '../context.ts';
import { authenticate, createAccount } from '../domain/accounts.ts';
import { updateProfile } from '../domain/check-in-settings.ts';
import type { User as UserRow } from '../generated/prisma/client.ts';
import { displayNameSchema, handleSchema, parseInput, passwordSchema, timezoneSchema } from '../validation.ts';
import { Locale, User } from './users.ts';

export interface AuthPayloadShape {
  accessToken: string;
  refreshToken: string;
  user: UserRow;
}

export const AuthPayload = builder.objectRef<AuthPayloadShape>('AuthPayload').implement({
  fields: (t) => ({
    accessToken: t.exposeString('accessToken', { description: 'A short-lived JWT: send it as `Authorization: Bearer …`.' }),
    refreshToken: t.exposeString('refreshToken', { description: 'Opaque; exchange it once with refreshSession.' }),
    user: t.field({ type: User, resolve: (payload) => payload.user }),
  }),
});

/** Opens a session for a user who has just proved who they are. */
export async function signedIn(context: Context, user: UserRow, origin?: { telegramId: string }): Promise<AuthPayloadShape> {
  const { accessToken, refreshToken } = await context.services.sessions.open(user.id, origin);
  return { accessToken, refreshToken, user };
}

/**
 * Sign-in and sign-up attempts are counted per client address, and sign-ins also per handle,
 * so that guessing one person's password is slow from any number of addresses.
 */
async function countAttempt(context: Context, handle?: string): Promise<void> {
  const limiter = context.services.rateLimiter;
  if (!limiter || context.isService) return;
  await limiter.charge('signInPerAddress', context.clientAddress);
  if (handle) await limiter.charge('signInPerHandle', handle.toLowerCase());
}

const SignUpInput = builder.inputType('SignUpInput', {
  fields: (t) => ({
    handle: t.string({ required: true, description: '3–32 of a–z, 0–9 and _; case-insensitive.' }),
    displayName: t.string({ required: true, description: '1–64 characters.' }),
    password: t.string({ required: true, description: '8–128 characters.' }),
    locale: t.field({ type: Locale }),
    timezone: t.string({ description: 'An IANA zone such as Europe/Madrid (default UTC).' }),
  }),
});
const signUpSchema = z.object({
  handle: handleSchema,
  displayName: displayNameSchema,
  password: passwordSchema,
  locale: z.enum(['EN', 'RU', 'ES']).nullish().transform((value) => value ?? 'EN'),
  timezone: timezoneSchema.nullish().transform((value) => value ?? 'UTC'),
});

const SignInInput = builder.inputType('SignInInput', {
  fields: (t) => ({ handle: t.string({ required: true }), password: t.string({ required: true }) }),
});
const signInSchema = z.object({ handle: handleSchema, password: z.string().min(1, 'enter your password').max(128) });

const RefreshInput = builder.inputType('RefreshInput', {
  fields: (t) => ({ refreshToken: t.string({ required: true }) }),
});

const UpdateProfileInput = builder.inputType('UpdateProfileInput', {
  fields: (t) => ({
    displayName: t.string(),
    locale: t.field({ type: Locale }),
    timezone: t.string(),
    telegramNotifications: t.boolean({ description: 'Off: new messages and friend news stay in the app (check-ins and broadcasts still come).' }),
  }),
});
const updateProfileSchema = z.object({
  displayName: displayNameSchema.nullish(),
  locale: z.enum(['EN', 'RU', 'ES']).nullish(),
  timezone: timezoneSchema.nullish(),
  telegramNotifications: z.boolean().nullish(),
});

builder.mutationFields((t) => ({
  signUp: t.field({
    type: AuthPayload,
    args: { input: t.arg({ type: SignUpInput, required: true }) },
    resolve: async (_root, { input }, context) => {
      const account = parseInput(signUpSchema, input);
      await countAttempt(context);
      return signedIn(context, await createAccount(context.prisma, context.services, account));
    },
  }),
  signIn: t.field({
    type: AuthPayload,
    args: { input: t.arg({ type: SignInInput, required: true }) },
    resolve: async (_root, { input }, context) => {
      const { handle, password } = parseInput(signInSchema, input);
      await countAttempt(context, handle);
      return signedIn(context, await authenticate(context.prisma, context.services, handle, password));
    },
  }),
  refreshSession: t.field({
    type: AuthPayload,
    description: 'Exchanges a refresh token for a new pair. Each token works once; reusing one ends its session.',
    args: { input: t.arg({ type: RefreshInput, required: true }) },
    resolve: async (_root, { input }, context) => {
      const refreshToken = parseInput(z.string().min(1).max(256), input.refreshToken, 'input.refreshToken');
      const { userId, ...tokens } = await context.services.sessions.refresh(refreshToken);
      const user = await context.prisma.user.update({ where: { id: userId }, data: { lastActiveAt: context.services.now() } });
      return { ...tokens, user };
    },
  }),
  signOut: t.boolean({
    description: 'Ends the session of the access token used: its refresh token and access tokens stop working.',
    authScopes: { loggedIn: true },
    resolve: async (_root, _args, context) => {
      await context.services.sessions.revoke(context.viewer!.sessionId);
      return true;
    },
  }),
  updateProfile: t.prismaField({
    type: 'User',
    authScopes: { loggedIn: true },
    args: { input: t.arg({ type: UpdateProfileInput, required: true }) },
    description: 'A new timezone moves your check-in schedule with you.',
    resolve: async (_query, _root, { input }, context) => {
      const changes = parseInput(updateProfileSchema, input);
      const change = {
        displayName: changes.displayName ?? undefined,
        locale: changes.locale ?? undefined,
        timezone: changes.timezone ?? undefined,
        telegramNotifications: changes.telegramNotifications ?? undefined,
      };
      return updateProfile(context.prisma, context.viewer!.user.id, change, context.services.now());
    },
  }),
}));
