// Who the Telegram client acts as: one sign-in per person and process, refreshed in place when
// its token expires (once, however many updates find it expired), and replaced when the session
// no longer holds, against a real API.
import { SignJWT, decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGraphQLClient } from '../clients/telegram/src/api/client.ts';
import { CurrentPrompt } from '../clients/telegram/src/api/operations.ts';
import { createIdentities, type Identities, type TelegramPerson } from '../clients/telegram/src/identity.ts';
import { createLiveTestApp, type LiveTestApp } from './utils/live-app.ts';
import { errorCode, ok, serviceKey } from './utils/test-app.ts';
import { signUp } from './utils/users.ts';

let api: LiveTestApp;
let identities: Identities;

beforeAll(async () => {
  api = await createLiveTestApp();
  identities = createIdentities(createGraphQLClient({ url: api.httpUrl, serviceKey }));
});
afterAll(() => api?.close());

let nextId = 9_100_000;
const person = (): TelegramPerson => {
  const id = String((nextId += 1));
  return { telegramId: id, chatId: id, firstName: 'Tele' };
};

/** `token` as it is once expired: the same claims, signed by the API's key, valid until a minute ago. */
async function expired(token: string): Promise<string> {
  const { sub, sid, iss, aud } = decodeJwt(token);
  const minuteAgo = Math.floor(Date.now() / 1000) - 60;
  return new SignJWT({ sid })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(sub!)
    .setIssuer(iss!)
    .setAudience(aud!)
    .setIssuedAt(minuteAgo - 900)
    .setExpirationTime(minuteAgo)
    .sign(new TextEncoder().encode(api.t.config.jwtSecret));
}

const sessionsOf = async (telegramId: string) => {
  const user = await api.t.db.prisma.user.findUniqueOrThrow({ where: { telegramId } });
  return api.t.db.prisma.session.findMany({ where: { userId: user.id }, include: { tokens: true } });
};

describe("the bot's sign-in for a person", () => {
  it('should be made once, and used for everything they do', async () => {
    const someone = person();
    await Promise.all(Array.from({ length: 5 }, () => identities.as(someone, CurrentPrompt, {})));
    await identities.as(someone, CurrentPrompt, {});
    expect(await sessionsOf(someone.telegramId)).toHaveLength(1);
  });

  it('should refresh an expired token in its session, once for every update that found it expired', async () => {
    const someone = person();
    const first = await identities.accountOf(someone);
    const stale = await expired(first.accessToken);
    expect(errorCode(await api.t.gql(`{ me { user { id } } }`, {}, { token: stale }))).toBe('UNAUTHENTICATED');
    first.accessToken = stale;
    await Promise.all(Array.from({ length: 5 }, () => identities.as(someone, CurrentPrompt, {})));
    const sessions = await sessionsOf(someone.telegramId);
    expect(sessions).toHaveLength(1);
    expect(sessions[0]!.revokedAt).toBeNull();
    // The first refresh token, used once, and the one it was exchanged for.
    expect(sessions[0]!.tokens.map((token) => token.usedAt === null).sort()).toEqual([false, true]);
    expect((await identities.accountOf(someone)).accessToken).not.toBe(stale);
  });

  it('should sign the person in anew once their Telegram account was linked elsewhere', async () => {
    const someone = person();
    const web = await signUp(api.t, 'ident_web');
    const code = ok(await api.t.gql(`mutation { createTelegramLinkCode }`, {}, { token: web.token })).createTelegramLinkCode;
    expect((await identities.link(someone, code)).user.handle).toBe(web.handle);

    // The web account links another Telegram account: this one no longer speaks for it.
    const other = person();
    const second = ok(await api.t.gql(`mutation { createTelegramLinkCode }`, {}, { token: web.token })).createTelegramLinkCode;
    ok(await api.t.gql(`mutation($i: LinkTelegramInput!) { linkTelegram(input: $i) { accessToken } }`, { i: { code: second, ...other } }, { serviceKey }));

    await identities.as(someone, CurrentPrompt, {});
    const now = await identities.accountOf(someone);
    expect(now.user.handle).not.toBe(web.handle);
    expect((await api.t.db.prisma.user.findUniqueOrThrow({ where: { telegramId: someone.telegramId } })).handle).toBe(now.user.handle);
  });
});
