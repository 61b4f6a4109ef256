/** Verifies a bearer token (HS256 dev key or OIDC JWKS) and returns the `AuthUser` it carries. */
import { webcrypto } from 'node:crypto';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import type { JWTPayload, JWTVerifyGetKey } from 'jose';
import { AuthError } from './auth-error';
import { parseAuthUser } from './claims';
import type { AuthUser } from './claims';
import type { AuthConfig } from './config';
import { isoSeconds, toAuthError } from './jose-errors';

export interface TokenVerifier {
  /** Resolves to the user, or rejects with an `AuthError` saying why the token is refused. */
  verify(token: string | undefined): Promise<AuthUser>;
}

/** Asymmetric algorithms accepted from the identity provider; HS256 only ever with the dev key. */
export const JWKS_ALGORITHMS: readonly string[] = ['RS256', 'ES256'];
export const DEV_ALGORITHMS: readonly string[] = ['HS256'];
export const CLOCK_TOLERANCE_SECONDS = 5;

type Key = Uint8Array | JWTVerifyGetKey;

function keyFor(config: AuthConfig): { key: Key; algorithms: string[] } {
  if (config.jwksUrl !== null) {
    return { key: createRemoteJWKSet(new URL(config.jwksUrl)), algorithms: [...JWKS_ALGORITHMS] };
  }
  if (config.devSecret !== null) {
    return { key: new TextEncoder().encode(config.devSecret), algorithms: [...DEV_ALGORITHMS] };
  }
  throw new Error('AuthConfig needs a jwksUrl or a devSecret to verify tokens');
}

function hours(seconds: number): string {
  return `${Math.round((seconds / 3600) * 10) / 10} h`;
}

/**
 * Refuses a token that lives longer than `maxSeconds`: by `exp - iat` when it has `iat`, and always by
 * `exp - now` (so neither a missing `iat` nor one in the future buys a longer life). `exp` is a required
 * claim, checked by jose before this.
 */
export function checkTokenLifetime(payload: JWTPayload, maxSeconds: number, nowSeconds: number): void {
  const { exp, iat } = payload;
  if (typeof exp !== 'number') throw new AuthError('invalid-claims', 'token has no exp claim');
  const limit = `the maximum token lifetime of ${maxSeconds} s (${hours(maxSeconds)})`;
  if (typeof iat === 'number') {
    if (iat > nowSeconds + CLOCK_TOLERANCE_SECONDS) {
      throw new AuthError('invalid-claims', `token is issued in the future (iat ${isoSeconds(iat)})`);
    }
    if (exp - iat > maxSeconds) {
      throw new AuthError(
        'invalid-claims',
        `token lives ${exp - iat} s (${hours(exp - iat)}, iat ${isoSeconds(iat)} to exp ${isoSeconds(exp)}), more than ${limit}`,
      );
    }
  }
  if (exp - nowSeconds > maxSeconds + CLOCK_TOLERANCE_SECONDS) {
    throw new AuthError(
      'invalid-claims',
      `token expires at ${isoSeconds(exp)}, ${hours(exp - nowSeconds)} from now, more than ${limit}`,
    );
  }
}

export function createTokenVerifier(config: AuthConfig): TokenVerifier {
  const { key, algorithms } = keyFor(config);
  const options = {
    algorithms,
    issuer: config.issuer,
    audience: config.audience,
    clockTolerance: CLOCK_TOLERANCE_SECONDS,
    requiredClaims: ['exp', 'sub'],
  };

  // Imported once: given the raw bytes, jose imports the key through WebCrypto on every verification,
  // about a tenth of a service's CPU per write when the benchmark drives it (docs/performance.md).
  const secretKey: Promise<webcrypto.CryptoKey | Uint8Array> | null =
    key instanceof Uint8Array
      ? webcrypto.subtle
          .importKey('raw', key, { name: 'HMAC', hash: 'SHA-256' }, false, ['verify'])
          .catch(() => key)
      : null;

  return {
    async verify(token) {
      if (token === undefined || token.trim() === '') throw new AuthError('missing-token', 'no bearer token');
      try {
        // Two calls rather than a union key so each gets jose's precise overload.
        const { payload } =
          key instanceof Uint8Array
            ? await jwtVerify(token, (await secretKey) ?? key, options)
            : await jwtVerify(token, key, options);
        checkTokenLifetime(payload, config.maxTokenLifetimeSeconds, Math.floor(Date.now() / 1000));
        return parseAuthUser(payload);
      } catch (error) {
        if (error instanceof AuthError) throw error;
        throw toAuthError(error, token, { ...config, algorithms });
      }
    },
  };
}
