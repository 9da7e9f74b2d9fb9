import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { SignJWT, jwtVerify, errors as joseErrors } from 'jose';

/** What a verified access token says. */
export interface AccessClaims {
  userId: string;
  sessionId: string;
}

export interface AccessTokens {
  sign(claims: AccessClaims): Promise<string>;
  /** The claims, or null for any token that is not valid right now (forged, expired, wrong audience…). */
  verify(token: string): Promise<AccessClaims | null>;
}

export interface AccessTokenOptions {
  secret: string;
  ttlSeconds: number;
  /** Defaults to "chorus"; checked on verify. */
  issuer?: string;
  /** Defaults to "chorus-api"; checked on verify. */
  audience?: string;
}

// The one algorithm accepted: a token that names any other (or "none") is refused.
const algorithm = 'HS256';
const rememberedTokens = 10_000;

/** Short-lived JWT access tokens, signed and verified with jose. */
export function createAccessTokens(options: AccessTokenOptions): AccessTokens {
  // Imported once: given raw bytes, jose would import the key again for every token.
  const key = globalThis.crypto.subtle.importKey('raw', new TextEncoder().encode(options.secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
  // A client presents the same token on every request until it expires, and checking its
  // signature is most of what a small request costs: a token that verified is remembered until
  // its expiry (the newest `rememberedTokens`). Only the signature is remembered; whether its
  // session still holds is asked on every request.
  const verified = new Map<string, { claims: AccessClaims; expiresAt: number }>();
  const remember = (token: string, claims: AccessClaims, expiresAt: number) => {
    if (verified.size >= rememberedTokens) verified.delete(verified.keys().next().value!);
    verified.set(token, { claims, expiresAt });
  };
  const issuer = options.issuer ?? 'chorus';
  const audience = options.audience ?? 'chorus-api';

  return {
    async sign({ userId, sessionId }) {
      return new SignJWT({ sid: sessionId })
        .setProtectedHeader({ alg: algorithm, typ: 'JWT' })
        .setSubject(userId)
        .setIssuer(issuer)
        .setAudience(audience)
        .setIssuedAt()
        .setExpirationTime(`${options.ttlSeconds}s`)
        .sign(await key);
    },
    async verify(token) {
      const known = verified.get(token);
      if (known && known.expiresAt > Date.now()) return known.claims;
      try {
        const { payload } = await jwtVerify(token, await key, { algorithms: [algorithm], issuer, audience, requiredClaims: ['exp', 'sub'] });
        if (typeof payload.sub !== 'string' || typeof payload.sid !== 'string') return null;
        const claims = { userId: payload.sub, sessionId: payload.sid };
        remember(token, claims, payload.exp! * 1000);
        return claims;
      } catch (error) {
        if (error instanceof joseErrors.JOSEError) return null;
        throw error;
      }
    },
  };
}

/** An opaque random secret for refresh tokens and link codes. */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/** Stored form of a refresh token or link code: only its hash is kept. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Compares two secrets in constant time (for the bot service key). */
export function secretsEqual(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}
