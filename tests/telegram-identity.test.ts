import { decodeGlobalID } from '@pothos/plugin-relay';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, errorCode, ok, serviceKey, type GraphQLResult, type TestApp } from './utils/test-app.ts';
import { signUp, type TestUser } from './utils/users.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const telegramSignInMutation = /* GraphQL */ `
  mutation($input: TelegramSignInInput!) {
    telegramSignIn(input: $input) { accessToken refreshToken user { id handle displayName locale } }
  }`;
const linkTelegramMutation = /* GraphQL */ `
  mutation($input: LinkTelegramInput!) {
    linkTelegram(input: $input) { accessToken refreshToken user { id handle } }
  }`;
const createCodeMutation = `mutation { createTelegramLinkCode }`;
const me = `{ me { user { id handle } telegramLinked } }`;

// Every test talks about its own Telegram person, so the file's tests stay independent.
let nextTelegramId = 7_000_000_000;
const newTelegramId = () => String((nextTelegramId += 1));

interface Identity {
  telegramId: string;
  chatId: string;
  username?: string | null;
  firstName: string;
  languageCode?: string | null;
}

const identity = (extra: Partial<Identity> = {}): Identity => {
  const telegramId = extra.telegramId ?? newTelegramId();
  return { telegramId, chatId: telegramId, firstName: 'Tele', ...extra };
};

/** `key` null sends no x-service-key header at all. */
const telegramSignIn = (input: Identity, key: string | null = serviceKey) =>
  t.gql(telegramSignInMutation, { input }, { serviceKey: key ?? undefined });

const linkTelegram = (code: string, input: Identity, key: string | null = serviceKey) => {
  const { languageCode: _ignored, ...fields } = input;
  return t.gql(linkTelegramMutation, { input: { code, ...fields } }, { serviceKey: key ?? undefined });
};

const createCode = async (user: TestUser): Promise<string> => ok(await t.gql(createCodeMutation, {}, { token: user.token })).createTelegramLinkCode;

const rowOf = (telegramId: string) => t.db.prisma.user.findUnique({ where: { telegramId } });

const fieldOf = (result: GraphQLResult) => result.errors?.[0]?.extensions?.field;

let webCounter = 0;
const webUser = () => signUp(t, `web_${(webCounter += 1)}`);

describe('telegramSignIn: the service key', () => {
  it.each([
    ['without a key', null],
    ['with a wrong key', 'not-the-service-key-0000000000'],
  ])('should refuse a call %s with FORBIDDEN, writing nothing', async (_name, key) => {
    const before = await t.db.prisma.user.count();
    const person = identity({ username: 'forbidden_person' });
    const result = await telegramSignIn(person, key);
    expect(errorCode(result)).toBe('FORBIDDEN');
    expect(result.data ?? null).toBeNull();
    expect(await t.db.prisma.user.count()).toBe(before);
    expect(await rowOf(person.telegramId)).toBeNull();
  });
});

describe('telegramSignIn: registration on first contact', () => {
  it('should register a new user from the Telegram profile and sign them in', async () => {
    const person = identity({ username: 'Alice_TG', firstName: 'Alice', languageCode: 'ru' });
    const payload = ok(await telegramSignIn(person)).telegramSignIn;
    expect(payload.user).toMatchObject({ handle: 'alice_tg', displayName: 'Alice', locale: 'RU' });
    expect(payload.refreshToken).toEqual(expect.any(String));

    const row = await rowOf(person.telegramId);
    expect(row).toMatchObject({ id: decodeGlobalID(payload.user.id).id, telegramChatId: person.chatId, telegramUsername: 'Alice_TG', passwordHash: null });
    const viewer = ok(await t.gql(me, {}, { token: payload.accessToken })).me;
    expect(viewer).toEqual({ user: { id: payload.user.id, handle: 'alice_tg' }, telegramLinked: true });
  });

  it.each([
    ['ru', 'RU'],
    ['es', 'ES'],
    ['es-MX', 'ES'],
    ['de', 'EN'],
    [null, 'EN'],
  ])('should take the locale for languageCode %s as %s', async (languageCode, locale) => {
    const payload = ok(await telegramSignIn(identity({ languageCode }))).telegramSignIn;
    expect(payload.user.locale).toBe(locale);
  });

  it('should return the same user on a second contact, with the new chat id and username', async () => {
    const person = identity({ username: 'bob_tg', firstName: 'Bob' });
    const first = ok(await telegramSignIn(person)).telegramSignIn;
    const second = ok(await telegramSignIn({ ...person, chatId: '-100500', username: 'bob_renamed' })).telegramSignIn;
    expect(second.user.id).toBe(first.user.id);
    expect(second.user.handle).toBe('bob_tg');
    expect(await rowOf(person.telegramId)).toMatchObject({ telegramChatId: '-100500', telegramUsername: 'bob_renamed' });
    expect(await t.db.prisma.user.count({ where: { telegramId: person.telegramId } })).toBe(1);
  });

  it('should generate a handle when the username is taken by someone else', async () => {
    const owner = await signUp(t, 'taken_name');
    const payload = ok(await telegramSignIn(identity({ username: 'Taken_Name' }))).telegramSignIn;
    expect(payload.user.handle).not.toBe(owner.handle);
    expect(payload.user.handle).toMatch(/^[a-z0-9_]{3,32}$/);
    expect(await t.db.prisma.user.count({ where: { handle: 'taken_name' } })).toBe(1);
  });

  it.each([['ab'], ['Has-Dash'], ['x'.repeat(33)], [null]])('should generate a valid handle when the username is %j', async (username) => {
    const payload = ok(await telegramSignIn(identity({ username }))).telegramSignIn;
    expect(payload.user.handle).toMatch(/^[a-z0-9_]{3,32}$/);
  });

  it.each([
    ['with a username', 'racer_tg'],
    ['without a username', null],
  ])('should end two concurrent first contacts %s with exactly one user', async (_name, username) => {
    const person = identity({ username });
    const results = await Promise.all([telegramSignIn(person), telegramSignIn(person)]);
    const ids = results.map((result) => ok(result).telegramSignIn.user.id);
    expect(ids[0]).toBe(ids[1]);
    expect(await t.db.prisma.user.count({ where: { telegramId: person.telegramId } })).toBe(1);
    if (username) expect(await t.db.prisma.user.count({ where: { handle: username } })).toBe(1);
  });
});

describe('telegramSignIn: input', () => {
  it.each([
    [{ telegramId: '12ab' }, 'input.telegramId'],
    [{ telegramId: '' }, 'input.telegramId'],
    [{ chatId: 'chat-42' }, 'input.chatId'],
    [{ firstName: '' }, 'input.firstName'],
    [{ firstName: '   ' }, 'input.firstName'],
  ])('should refuse %j with BAD_USER_INPUT naming %s, writing nothing', async (override, field) => {
    const before = await t.db.prisma.user.count();
    const result = await telegramSignIn({ ...identity(), ...override });
    expect(errorCode(result)).toBe('BAD_USER_INPUT');
    expect(fieldOf(result)).toBe(field);
    expect(result.errors![0]!.message).toContain(field);
    expect(await t.db.prisma.user.count()).toBe(before);
  });
});

describe('linking a Telegram account to a web account', () => {
  it('should ask for sign-in before creating a link code', async () => {
    expect(errorCode(await t.gql(createCodeMutation))).toBe('UNAUTHENTICATED');
  });

  it('should refuse linkTelegram without the service key, leaving the code usable', async () => {
    const web = await webUser();
    const code = await createCode(web);
    const person = identity();
    expect(errorCode(await linkTelegram(code, person, null))).toBe('FORBIDDEN');
    expect(errorCode(await linkTelegram(code, person, 'not-the-service-key-0000000000'))).toBe('FORBIDDEN');
    expect(await rowOf(person.telegramId)).toBeNull();
    expect(ok(await linkTelegram(code, person)).linkTelegram.user.id).toBe(web.id);
  });

  it('should link with a valid code and sign the web account in', async () => {
    const web = await webUser();
    expect(ok(await t.gql(me, {}, { token: web.token })).me.telegramLinked).toBe(false);
    const code = await createCode(web);
    const person = identity({ username: 'linker_tg' });

    const payload = ok(await linkTelegram(code, person)).linkTelegram;
    expect(payload.user).toEqual({ id: web.id, handle: web.handle });
    expect(ok(await t.gql(me, {}, { token: web.token })).me.telegramLinked).toBe(true);
    expect(ok(await t.gql(me, {}, { token: payload.accessToken })).me.user.id).toBe(web.id);
    expect(await rowOf(person.telegramId)).toMatchObject({ id: web.rawId, telegramChatId: person.chatId, telegramUsername: 'linker_tg' });
    // From now on the bot signs this person in as the web account.
    expect(ok(await telegramSignIn(person)).telegramSignIn.user.id).toBe(web.id);
  });

  it('should refuse a code used a second time with BAD_USER_INPUT on input.code', async () => {
    const web = await webUser();
    const code = await createCode(web);
    ok(await linkTelegram(code, identity()));
    const other = identity();
    const reuse = await linkTelegram(code, other);
    expect(errorCode(reuse)).toBe('BAD_USER_INPUT');
    expect(fieldOf(reuse)).toBe('input.code');
    expect(await rowOf(other.telegramId)).toBeNull();
  });

  it('should refuse an unknown code with BAD_USER_INPUT on input.code', async () => {
    const result = await linkTelegram('no-such-code', identity());
    expect(errorCode(result)).toBe('BAD_USER_INPUT');
    expect(fieldOf(result)).toBe('input.code');
  });

  it('should refuse an expired code with BAD_USER_INPUT on input.code', async () => {
    const web = await webUser();
    const code = await createCode(web);
    await t.db.prisma.telegramLinkCode.updateMany({ where: { userId: web.rawId }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const person = identity();
    const result = await linkTelegram(code, person);
    expect(errorCode(result)).toBe('BAD_USER_INPUT');
    expect(fieldOf(result)).toBe('input.code');
    expect(await rowOf(person.telegramId)).toBeNull();
    expect(ok(await t.gql(me, {}, { token: web.token })).me.telegramLinked).toBe(false);
  });

  it('should move an identity registered through the bot (no password) to the web account', async () => {
    const person = identity({ username: 'mover_tg' });
    const botAccount = ok(await telegramSignIn(person)).telegramSignIn.user;
    const web = await webUser();

    const payload = ok(await linkTelegram(await createCode(web), person)).linkTelegram;
    expect(payload.user.id).toBe(web.id);
    const old = await t.db.prisma.user.findUniqueOrThrow({ where: { id: decodeGlobalID(botAccount.id).id } });
    expect(old.telegramId).toBeNull();
    expect(old.telegramChatId).toBeNull();
    expect(await t.db.prisma.user.count({ where: { telegramId: person.telegramId } })).toBe(1);
    expect(ok(await telegramSignIn(person)).telegramSignIn.user.id).toBe(web.id);
  });

  it("should end the bot-only account's sessions when its identity moves", async () => {
    const person = identity();
    const botSession = ok(await telegramSignIn(person)).telegramSignIn;
    const web = await webUser();
    ok(await linkTelegram(await createCode(web), person));
    expect(errorCode(await t.gql(me, {}, { token: botSession.accessToken }))).toBe('UNAUTHENTICATED');
    expect(errorCode(await t.gql(`mutation($r: String!) { refreshSession(input: { refreshToken: $r }) { accessToken } }`, { r: botSession.refreshToken }))).toBe(
      'UNAUTHENTICATED',
    );
  });

  it('should end the sessions of the Telegram account a web account leaves for another', async () => {
    const web = await webUser();
    const [first, second] = [identity(), identity()];
    const viaFirst = ok(await linkTelegram(await createCode(web), first)).linkTelegram;
    const viaFirstAgain = ok(await telegramSignIn(first)).telegramSignIn;
    const viaSecond = ok(await linkTelegram(await createCode(web), second)).linkTelegram;

    for (const session of [viaFirst, viaFirstAgain]) {
      expect(errorCode(await t.gql(me, {}, { token: session.accessToken }))).toBe('UNAUTHENTICATED');
      expect(errorCode(await t.gql(`mutation($r: String!) { refreshSession(input: { refreshToken: $r }) { accessToken } }`, { r: session.refreshToken }))).toBe(
        'UNAUTHENTICATED',
      );
    }
    expect(ok(await t.gql(me, {}, { token: viaSecond.accessToken })).me.user.id).toBe(web.id);
    expect(ok(await t.gql(me, {}, { token: web.token })).me.user.id).toBe(web.id);
    // The first Telegram account, talking to the bot again, is someone new.
    expect(ok(await telegramSignIn(first)).telegramSignIn.user.id).not.toBe(web.id);

    // Linked back, its old sessions stay ended: they were revoked, not only out of step.
    ok(await linkTelegram(await createCode(web), first));
    for (const session of [viaFirst, viaFirstAgain, viaSecond]) {
      expect(errorCode(await t.gql(me, {}, { token: session.accessToken }))).toBe('UNAUTHENTICATED');
    }
    expect(ok(await t.gql(me, {}, { token: web.token })).me.user.id).toBe(web.id);
  });

  it('should refuse a bot session opened for a Telegram account the user no longer has, even one never revoked', async () => {
    // As when a sign-in for the old account commits just after the link moved the user on.
    const web = await webUser();
    const [first, second] = [identity(), identity()];
    ok(await linkTelegram(await createCode(web), second));
    const stale = await t.app.services.sessions.open(web.rawId, { telegramId: first.telegramId });
    const current = await t.app.services.sessions.open(web.rawId, { telegramId: second.telegramId });
    expect(errorCode(await t.gql(me, {}, { token: stale.accessToken }))).toBe('UNAUTHENTICATED');
    expect(errorCode(await t.gql(`mutation($r: String!) { refreshSession(input: { refreshToken: $r }) { accessToken } }`, { r: stale.refreshToken }))).toBe(
      'UNAUTHENTICATED',
    );
    expect(ok(await t.gql(me, {}, { token: current.accessToken })).me.user.id).toBe(web.id);
  });

  it('should link one Telegram account to one of two web accounts racing for it, the other getting CONFLICT', async () => {
    const person = identity();
    const [first, second] = [await webUser(), await webUser()];
    const [codeA, codeB] = [await createCode(first), await createCode(second)];
    const results = await Promise.all([linkTelegram(codeA, person), linkTelegram(codeB, person)]);
    expect(results.filter((result) => !result.errors)).toHaveLength(1);
    expect(results.filter((result) => result.errors).map(errorCode)).toEqual(['CONFLICT']);
    expect(await t.db.prisma.user.count({ where: { telegramId: person.telegramId } })).toBe(1);
  });

  it('should refuse an identity linked to another account with a password with CONFLICT, leaving the code usable', async () => {
    const person = identity();
    const first = await webUser();
    ok(await linkTelegram(await createCode(first), person));
    const second = await webUser();
    const code = await createCode(second);

    expect(errorCode(await linkTelegram(code, person))).toBe('CONFLICT');
    expect((await rowOf(person.telegramId))?.id).toBe(first.rawId);
    expect(ok(await t.gql(me, {}, { token: second.token })).me.telegramLinked).toBe(false);
    // The transaction rolled back, so the code was not spent.
    const codes = await t.db.prisma.telegramLinkCode.findMany({ where: { userId: second.rawId } });
    expect(codes.map((row) => row.usedAt)).toEqual([null]);
    expect(ok(await linkTelegram(code, identity())).linkTelegram.user.id).toBe(second.id);
  });
});

describe('without a configured service key', () => {
  let bare: TestApp;
  beforeAll(async () => {
    bare = await createTestApp({ BOT_SERVICE_KEY: '' });
  });
  afterAll(() => bare.close());

  it('should treat an empty BOT_SERVICE_KEY as unset', () => {
    expect(bare.config.botServiceKey).toBeUndefined();
  });

  it.each([
    ['the old key', serviceKey],
    ['an empty key', ''],
    ['any other key', 'some-key-somebody-guessed-000'],
  ])('should refuse telegramSignIn with %s with FORBIDDEN', async (_name, key) => {
    const result = await bare.gql(telegramSignInMutation, { input: identity() }, { headers: { 'x-service-key': key } });
    expect(errorCode(result)).toBe('FORBIDDEN');
    expect(await bare.db.prisma.user.count()).toBe(0);
  });
});

describe('admin handles', () => {
  it('should not make ADMIN a Telegram user whose username is an admin handle; signing up with it still does', async () => {
    const own = await createTestApp({ ADMIN_HANDLES: 'chief' });
    try {
      const viaBot = ok(await own.gql(telegramSignInMutation, { input: identity({ username: 'chief' }) }, { serviceKey })).telegramSignIn.user;
      expect(viaBot.handle).toBe('chief');
      expect((await own.db.prisma.user.findUniqueOrThrow({ where: { handle: 'chief' } })).role).toBe('USER');
      await own.db.prisma.user.delete({ where: { handle: 'chief' } });
      const web = ok(await own.gql(`mutation { signUp(input: { handle: "chief", displayName: "C", password: "password-123" }) { user { role } } }`));
      expect(web.signUp.user.role).toBe('ADMIN');
    } finally {
      await own.close();
    }
  });
});
