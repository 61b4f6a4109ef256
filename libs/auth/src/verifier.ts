/**
 * Verifies a bearer token (HS256 dev key or OIDC JWKS, one or several issuers) and returns the
 * `AuthUser` its claims map to.
 */
import { webcrypto } from 'node:crypto';
import { createRemoteJWKSet, decodeJwt, jwtVerify } from 'jose';
import type { JWTPayload, JWTVerifyGetKey } from 'jose';
import { AuthError } from './auth-error';
import { mapAuthUser, NATIVE_CLAIMS } from './claims';
import type { AuthUser } from './claims';
import { DEFAULT_CLAIM_MAPPING } from './config';
import type { AuthConfig, ClaimMapping } from './config';
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

/** One issuer the verifier trusts: its key, algorithms and how its claims map to ours. */
interface TrustedIssuer {
  issuer: string;
  audience: string;
  key: Key;
  algorithms: string[];
  mapping: ClaimMapping;
}

/**
 * Every issuer of the configuration: the primary one (AUTH_ISSUER with AUTH_JWKS_URL, else the
 * development key), then each AUTH_ISSUERS entry with its own JWKS.
 */
function trustedIssuers(config: AuthConfig): TrustedIssuer[] {
  const trusted: TrustedIssuer[] = [];
  const primary = { issuer: config.issuer, audience: config.audience };
  if (config.jwksUrl !== null) {
    trusted.push({
      ...primary,
      key: createRemoteJWKSet(new URL(config.jwksUrl)),
      algorithms: [...JWKS_ALGORITHMS],
      mapping: config.mapping ?? DEFAULT_CLAIM_MAPPING,
    });
  } else if (config.devSecret !== null) {
    // Our own token format: the claim mapping of the identity providers does not apply.
    trusted.push({
      ...primary,
      key: new TextEncoder().encode(config.devSecret),
      algorithms: [...DEV_ALGORITHMS],
      mapping: NATIVE_CLAIMS,
    });
  }
  for (const entry of config.issuers ?? []) {
    trusted.push({
      issuer: entry.issuer,
      audience: entry.audience,
      key: createRemoteJWKSet(new URL(entry.jwksUrl)),
      algorithms: [...JWKS_ALGORITHMS],
      mapping: entry.mapping,
    });
  }
  if (trusted.length === 0) throw new Error('AuthConfig needs a jwksUrl or a devSecret to verify tokens');
  return trusted;
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

/** The trusted issuer named by the token's (unverified) `iss`; the signature check follows. */
function issuerOf(token: string, trusted: TrustedIssuer[]): TrustedIssuer {
  let iss: unknown;
  try {
    iss = decodeJwt(token).iss;
  } catch (error) {
    throw toAuthError(error, token, { issuer: '', audience: '', algorithms: [] });
  }
  const match = trusted.find((t) => t.issuer === iss);
  if (match) return match;
  throw new AuthError(
    'wrong-issuer',
    `token issuer is ${iss === undefined ? 'missing' : JSON.stringify(iss)}, expected one of ${trusted
      .map((t) => JSON.stringify(t.issuer))
      .join(', ')}`,
  );
}

export function createTokenVerifier(config: AuthConfig): TokenVerifier {
  const trusted = trustedIssuers(config);

  // Imported once: given the raw bytes, jose imports the key through WebCrypto on every verification,
  // about a tenth of a service's CPU per write when the benchmark drives it (docs/performance.md).
  const secretKeys = new Map<TrustedIssuer, Promise<webcrypto.CryptoKey | Uint8Array>>();
  for (const t of trusted) {
    const key = t.key;
    if (key instanceof Uint8Array) {
      secretKeys.set(
        t,
        webcrypto.subtle
          .importKey('raw', key, { name: 'HMAC', hash: 'SHA-256' }, false, ['verify'])
          .catch(() => key),
      );
    }
  }

  return {
    async verify(token) {
      if (token === undefined || token.trim() === '') throw new AuthError('missing-token', 'no bearer token');
      // One issuer: jose checks `iss` itself (and its message names the one expected).
      const issuer = trusted.length === 1 ? trusted[0] : issuerOf(token, trusted);
      const { key, algorithms } = issuer;
      const options = {
        algorithms,
        issuer: issuer.issuer,
        audience: issuer.audience,
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
        requiredClaims: ['exp', 'sub'],
      };
      try {
        // Two calls rather than a union key so each gets jose's precise overload.
        const { payload } =
          key instanceof Uint8Array
            ? await jwtVerify(token, (await secretKeys.get(issuer)) ?? key, options)
            : await jwtVerify(token, key, options);
        checkTokenLifetime(payload, config.maxTokenLifetimeSeconds, Math.floor(Date.now() / 1000));
        return mapAuthUser(payload, issuer.mapping);
      } catch (error) {
        if (error instanceof AuthError) throw error;
        throw toAuthError(error, token, { issuer: issuer.issuer, audience: issuer.audience, algorithms });
      }
    },
  };
}
