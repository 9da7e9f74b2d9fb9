import { afterEach, describe, expect, it, vi } from 'vitest';
import { SignJWT } from 'jose';
import { createAccessTokens } from '../src/auth/tokens.ts';

const secret = 'a-secret-of-at-least-thirty-two-characters';

afterEach(() => {
  vi.useRealTimers();
});

describe('access tokens', () => {
  it('should accept a token again while it is valid, and refuse it once it has expired though it verified before', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-11-22T10:00:00Z'));
    const tokens = createAccessTokens({ secret, ttlSeconds: 60 });
    const token = await tokens.sign({ userId: 'u1', sessionId: 's1' });

    expect(await tokens.verify(token)).toEqual({ userId: 'u1', sessionId: 's1' });
    vi.setSystemTime(new Date('2026-11-22T10:00:59Z'));
    expect(await tokens.verify(token)).toEqual({ userId: 'u1', sessionId: 's1' });
    vi.setSystemTime(new Date('2026-11-22T10:01:01Z'));
    expect(await tokens.verify(token)).toBeNull();
  });

  it('should refuse a token that differs from a verified one by its signature', async () => {
    const tokens = createAccessTokens({ secret, ttlSeconds: 60 });
    const token = await tokens.sign({ userId: 'u1', sessionId: 's1' });
    expect(await tokens.verify(token)).not.toBeNull();

    const [header, payload] = token.split('.');
    const forged = await new SignJWT({ sid: 's1' })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject('u2')
      .setIssuer('chorus')
      .setAudience('chorus-api')
      .setExpirationTime('1m')
      .sign(new TextEncoder().encode('another-secret-of-thirty-two-characters!'));
    expect(await tokens.verify(forged)).toBeNull();
    expect(await tokens.verify(`${header}.${payload}.${'A'.repeat(43)}`)).toBeNull();
    expect(await tokens.verify(`${token}x`)).toBeNull();
  });

  it('should keep verifying correctly past the number of tokens it remembers', async () => {
    const tokens = createAccessTokens({ secret, ttlSeconds: 60 });
    const issued = await Promise.all(Array.from({ length: 10_050 }, (_, i) => tokens.sign({ userId: `u${i}`, sessionId: `s${i}` })));
    for (const token of issued) await tokens.verify(token);
    expect(await tokens.verify(issued[0]!)).toEqual({ userId: 'u0', sessionId: 's0' });
    expect(await tokens.verify(issued.at(-1)!)).toEqual({ userId: 'u10049', sessionId: 's10049' });
  });
});
