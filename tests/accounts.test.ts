import { SignJWT, base64url } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, errorCode, ok, type TestApp } from './utils/test-app.ts';
import { signUp, signUpMutation } from './utils/users.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ ADMIN_HANDLES: 'boss, @Chief' });
});
afterAll(() => t.close());

const me = `{ me { user { handle displayName locale timezone role } } }`;
const signIn = `mutation($input: SignInInput!) { signIn(input: $input) { accessToken refreshToken user { handle } } }`;
const refresh = `mutation($token: String!) { refreshSession(input: { refreshToken: $token }) { accessToken refreshToken user { handle } } }`;

describe('sign-up', () => {
  it('should create an account and sign it in', async () => {
    const user = await signUp(t, 'Ada_Lovelace', { timezone: 'europe/madrid', locale: 'ES' });
    expect(user.handle).toBe('ada_lovelace');
    const data = ok(await t.gql(me, {}, { token: user.token }));
    expect(data.me.user).toEqual({ handle: 'ada_lovelace', displayName: 'ADA_LOVELACE', locale: 'ES', timezone: 'Europe/Madrid', role: 'USER' });
  });

  it('should keep modern zone names that the runtime knows only as aliases', async () => {
    const user = await signUp(t, 'kyiv_user', { timezone: 'Europe/Kyiv' });
    expect(ok(await t.gql(me, {}, { token: user.token })).me.user.timezone).toBe('Europe/Kyiv');
  });

  it('should refuse a handle taken in another letter case with CONFLICT', async () => {
    await signUp(t, 'grace');
    const result = await t.gql(signUpMutation, { input: { handle: 'GRACE', displayName: 'G', password: 'password-123' } });
    expect(errorCode(result)).toBe('CONFLICT');
    expect(await t.db.prisma.user.count({ where: { handle: 'grace' } })).toBe(1);
  });

  it('should give the ADMIN role to the configured handles only', async () => {
    const boss = await signUp(t, 'boss');
    const chief = await signUp(t, 'chief');
    const plain = await signUp(t, 'plain');
    const roles = await Promise.all(
      [boss, chief, plain].map(async (user) => ok(await t.gql(me, {}, { token: user.token })).me.user.role),
    );
    expect(roles).toEqual(['ADMIN', 'ADMIN', 'USER']);
  });

  it.each([
    [{ handle: 'ab' }, 'input.handle'],
    [{ handle: 'has space' }, 'input.handle'],
    [{ handle: 'x'.repeat(33) }, 'input.handle'],
    [{ displayName: '   ' }, 'input.displayName'],
    [{ displayName: 'd'.repeat(65) }, 'input.displayName'],
    [{ password: 'short' }, 'input.password'],
    [{ password: 'p'.repeat(129) }, 'input.password'],
    [{ timezone: 'Mars/Olympus' }, 'input.timezone'],
    [{ timezone: '+01:00' }, 'input.timezone'],
  ])('should refuse %j with BAD_USER_INPUT naming %s, writing nothing', async (override, field) => {
    const before = await t.db.prisma.user.count();
    const result = await t.gql(signUpMutation, { input: { handle: 'valid_one', displayName: 'V', password: 'password-123', ...override } });
    expect(errorCode(result)).toBe('BAD_USER_INPUT');
    expect(result.errors![0]!.extensions!.field).toBe(field);
    expect(result.errors![0]!.message).toContain(field);
    expect(await t.db.prisma.user.count()).toBe(before);
  });

  it('should refuse a locale outside the enum as BAD_USER_INPUT naming the field, sent as a variable or written inline', async () => {
    const before = await t.db.prisma.user.count();
    const asVariable = await t.gql(signUpMutation, { input: { handle: 'localex', displayName: 'L', password: 'password-123', locale: 'FR' } });
    expect(asVariable.errors?.[0]?.message).toMatch(/Locale/);
    expect(asVariable.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.locale' });
    const inline = await t.gql(`mutation { signUp(input: { handle: "localex", displayName: "L", password: "password-123", locale: FR }) { accessToken } }`);
    expect(inline.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.locale' });
    expect(await t.db.prisma.user.count()).toBe(before);
  });

  it('should refuse variables of the wrong type, or missing, as BAD_USER_INPUT before any resolver runs', async () => {
    const wrongType = await t.gql(signUpMutation, { input: { handle: 42, displayName: 'L', password: 'password-123' } });
    expect(wrongType.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.handle' });
    const missing = await t.gql(signUpMutation, {});
    expect(missing.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input' });
    // A mistake in the document itself is the client's bug, not its user's input.
    const unknownField = await t.gql(`{ noSuchField }`);
    expect(unknownField.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('should change display name, locale and time zone together', async () => {
    const user = await signUp(t, 'profiler');
    const updated = ok(
      await t.gql(`mutation { updateProfile(input: { displayName: "Pro Filer", locale: RU, timezone: "asia/tokyo" }) { displayName locale timezone } }`, {}, {
        token: user.token,
      }),
    );
    expect(updated.updateProfile).toEqual({ displayName: 'Pro Filer', locale: 'RU', timezone: 'Asia/Tokyo' });
    const refused = await t.gql(`mutation { updateProfile(input: { displayName: "", timezone: "Europe/Madrid" }) { timezone } }`, {}, { token: user.token });
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.displayName' });
    expect((await t.db.prisma.user.findUniqueOrThrow({ where: { id: user.rawId } })).timezone).toBe('Asia/Tokyo');
  });

  it('should store only a scrypt hash of the password', async () => {
    const row = await t.db.prisma.user.findUniqueOrThrow({ where: { handle: 'grace' } });
    expect(row.passwordHash).toMatch(/^scrypt\$\d+\$8\$1\$/);
    expect(row.passwordHash).not.toContain('password-123');
  });
});

describe('sign-in', () => {
  it('should sign in with the right password, in any letter case of the handle', async () => {
    await signUp(t, 'linus');
    const data = ok(await t.gql(signIn, { input: { handle: '@LINUS', password: 'password-123' } }));
    expect(data.signIn.user.handle).toBe('linus');
    expect(ok(await t.gql(me, {}, { token: data.signIn.accessToken })).me.user.handle).toBe('linus');
  });

  it('should refuse a wrong password and an unknown handle alike with UNAUTHENTICATED', async () => {
    const wrong = await t.gql(signIn, { input: { handle: 'linus', password: 'wrong-password' } });
    const unknown = await t.gql(signIn, { input: { handle: 'nobody_here', password: 'password-123' } });
    expect(errorCode(wrong)).toBe('UNAUTHENTICATED');
    expect(errorCode(unknown)).toBe('UNAUTHENTICATED');
    expect(wrong.errors![0]!.message).toBe(unknown.errors![0]!.message);
  });
});

describe('sessions', () => {
  it('should rotate the refresh token on every use', async () => {
    const user = await signUp(t, 'rotor');
    const first = ok(await t.gql(refresh, { token: user.refreshToken })).refreshSession;
    expect(first.refreshToken).not.toBe(user.refreshToken);
    const second = ok(await t.gql(refresh, { token: first.refreshToken })).refreshSession;
    expect(second.user.handle).toBe('rotor');
    expect(ok(await t.gql(me, {}, { token: second.accessToken })).me.user.handle).toBe('rotor');
  });

  it('should revoke the whole family when an already-rotated token comes back', async () => {
    const user = await signUp(t, 'victim');
    const rotated = ok(await t.gql(refresh, { token: user.refreshToken })).refreshSession;
    const replay = await t.gql(refresh, { token: user.refreshToken });
    expect(errorCode(replay)).toBe('UNAUTHENTICATED');
    // The legitimate holder's newer tokens are dead too.
    expect(errorCode(await t.gql(refresh, { token: rotated.refreshToken }))).toBe('UNAUTHENTICATED');
    expect(errorCode(await t.gql(me, {}, { token: rotated.accessToken }))).toBe('UNAUTHENTICATED');
  });

  it('should let exactly one of two concurrent refreshes with one token win', async () => {
    const user = await signUp(t, 'racer');
    const results = await Promise.all([t.gql(refresh, { token: user.refreshToken }), t.gql(refresh, { token: user.refreshToken })]);
    const winners = results.filter((result) => !result.errors);
    expect(winners.length).toBeLessThanOrEqual(1);
    expect(results.filter((result) => result.errors?.[0]?.extensions?.code === 'UNAUTHENTICATED').length).toBeGreaterThanOrEqual(1);
  });

  it('should refuse an unknown or expired refresh token', async () => {
    expect(errorCode(await t.gql(refresh, { token: 'not-a-token' }))).toBe('UNAUTHENTICATED');
    const user = await signUp(t, 'expiring');
    await t.db.prisma.refreshToken.updateMany({ where: { session: { user: { handle: 'expiring' } } }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(errorCode(await t.gql(refresh, { token: user.refreshToken }))).toBe('UNAUTHENTICATED');
  });

  it('should end access and refresh tokens at sign-out', async () => {
    const user = await signUp(t, 'leaver');
    expect(ok(await t.gql(`mutation { signOut }`, {}, { token: user.token })).signOut).toBe(true);
    const after = await t.gql(me, {}, { token: user.token });
    expect(errorCode(after)).toBe('UNAUTHENTICATED');
    expect(after.errors![0]!.message).toMatch(/invalid, expired or signed out/);
    expect(errorCode(await t.gql(refresh, { token: user.refreshToken }))).toBe('UNAUTHENTICATED');
  });

  it('should ask for a token when there is none', async () => {
    const result = await t.gql(me);
    expect(errorCode(result)).toBe('UNAUTHENTICATED');
    expect(errorCode(await t.gql(`mutation { signOut }`))).toBe('UNAUTHENTICATED');
  });
});

describe('forged access tokens', () => {
  let user: Awaited<ReturnType<typeof signUp>>;
  beforeAll(async () => {
    user = await signUp(t, 'target');
  });

  const claims = () => JSON.parse(new TextDecoder().decode(base64url.decode(user.token.split('.')[1]!)));
  const sign = (secret: string, options: { issuer?: string; audience?: string; expires?: string; alg?: string } = {}) =>
    new SignJWT({ sid: claims().sid })
      .setProtectedHeader({ alg: options.alg ?? 'HS256' })
      .setSubject(user.id)
      .setIssuer(options.issuer ?? 'chorus')
      .setAudience(options.audience ?? 'chorus-api')
      .setExpirationTime(options.expires ?? '10m')
      .sign(new TextEncoder().encode(secret));

  it('should accept the genuine token', async () => {
    expect(ok(await t.gql(me, {}, { token: user.token })).me.user.handle).toBe('target');
  });

  it.each([
    ['signed with another secret', () => sign('another-secret-that-is-long-enough-000000')],
    ['with a wrong issuer', () => sign(t.config.jwtSecret, { issuer: 'someone-else' })],
    ['with a wrong audience', () => sign(t.config.jwtSecret, { audience: 'another-api' })],
    ['expired', () => sign(t.config.jwtSecret, { expires: '-1m' })],
    ['with another HMAC algorithm', () => sign(t.config.jwtSecret, { alg: 'HS512' })],
    [
      'with alg none',
      async () => {
        const header = base64url.encode(JSON.stringify({ alg: 'none', typ: 'JWT' }));
        return `${header}.${user.token.split('.')[1]}.`;
      },
    ],
    [
      'with a tampered payload',
      async () => {
        const [header, , signature] = user.token.split('.');
        const payload = base64url.encode(JSON.stringify({ ...claims(), sub: '00000000-0000-4000-8000-000000000000' }));
        return `${header}.${payload}.${signature}`;
      },
    ],
  ])('should refuse a token %s', async (_name, forge) => {
    const result = await t.gql(me, {}, { token: await forge() });
    expect(errorCode(result)).toBe('UNAUTHENTICATED');
  });
});

describe('profile', () => {
  it('should update display name, locale and timezone, and validate them', async () => {
    const user = await signUp(t, 'editor');
    const update = `mutation($input: UpdateProfileInput!) { updateProfile(input: $input) { displayName locale timezone } }`;
    const data = ok(await t.gql(update, { input: { displayName: ' Ed ', locale: 'RU', timezone: 'Asia/Tokyo' } }, { token: user.token }));
    expect(data.updateProfile).toEqual({ displayName: 'Ed', locale: 'RU', timezone: 'Asia/Tokyo' });
    const bad = await t.gql(update, { input: { timezone: 'Nowhere/Special' } }, { token: user.token });
    expect(errorCode(bad)).toBe('BAD_USER_INPUT');
    expect(bad.errors![0]!.extensions!.field).toBe('input.timezone');
    expect(errorCode(await t.gql(update, { input: { displayName: 'Anon' } }))).toBe('UNAUTHENTICATED');
    expect(ok(await t.gql(me, {}, { token: user.token })).me.user.timezone).toBe('Asia/Tokyo');
  });
});
