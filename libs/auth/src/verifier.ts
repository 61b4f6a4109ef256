/** Verifies a bearer token (HS256 dev key or OIDC JWKS) and returns the `AuthUser` it carries. */
import { webcrypto } from 'node:crypto';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import type { JWTVerifyGetKey } from 'jose';
import { AuthError } from './auth-error';
import { parseAuthUser } from './claims';
import type { AuthUser } from './claims';
import type { AuthConfig } from './config';
import { toAuthError } from './jose-errors';

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
        return parseAuthUser(payload);
      } catch (error) {
        if (error instanceof AuthError) throw error;
        throw toAuthError(error, token, { ...config, algorithms });
      }
    },
  };
}
