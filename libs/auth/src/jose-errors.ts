/** Translates jose's verification errors into `AuthError`s with a message that says why. */
import { decodeProtectedHeader, errors } from 'jose';
import type { JWTPayload } from 'jose';
import { AuthError } from './auth-error';

/** Seconds since the epoch as `2026-11-23T10:00:00Z`. */
export function isoSeconds(epochSeconds: number): string {
  return new Date(epochSeconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function describe(value: unknown): string {
  return value === undefined ? 'missing' : JSON.stringify(value);
}

/** What the verifier expected, for messages that name both sides. */
export interface Expected {
  issuer: string;
  audience: string;
  algorithms: string[];
}

function headerAlg(token: string): string {
  try {
    return JSON.stringify(decodeProtectedHeader(token).alg);
  } catch {
    return 'unknown';
  }
}

function claimFailure(error: errors.JWTClaimValidationFailed, expected: Expected) {
  const payload: JWTPayload = error.payload;
  switch (error.claim) {
    case 'aud':
      return new AuthError(
        'wrong-audience',
        `token audience is ${describe(payload.aud)}, expected ${JSON.stringify(expected.audience)}`,
      );
    case 'iss':
      return new AuthError(
        'wrong-issuer',
        `token issuer is ${describe(payload.iss)}, expected ${JSON.stringify(expected.issuer)}`,
      );
    case 'nbf':
      return typeof payload.nbf === 'number' && error.reason === 'check_failed'
        ? new AuthError('invalid-claims', `token is not valid before ${isoSeconds(payload.nbf)}`)
        : new AuthError('invalid-claims', `token claim nbf is invalid: ${error.message}`);
    default:
      return error.reason === 'missing'
        ? new AuthError('invalid-claims', `token has no ${error.claim} claim`)
        : new AuthError('invalid-claims', `token claim ${error.claim} is invalid: ${error.message}`);
  }
}

/**
 * Maps an error thrown by `jwtVerify` to an `AuthError`. Returns the error unchanged when it is not
 * about the token (a JWKS endpoint that times out or is broken is our fault, not the caller's).
 */
export function toAuthError(error: unknown, token: string, expected: Expected): unknown {
  if (error instanceof errors.JWTExpired) {
    const exp = error.payload.exp;
    return new AuthError(
      'expired',
      typeof exp === 'number' ? `token expired at ${isoSeconds(exp)}` : 'token expired',
    );
  }
  if (error instanceof errors.JWTClaimValidationFailed) return claimFailure(error, expected);
  if (error instanceof errors.JWSSignatureVerificationFailed) {
    return new AuthError('invalid-signature', 'token signature is not valid');
  }
  if (error instanceof errors.JOSEAlgNotAllowed) {
    return new AuthError(
      'invalid-signature',
      `token is signed with alg ${headerAlg(token)}, accepted: ${expected.algorithms.join(', ')}`,
    );
  }
  if (error instanceof errors.JWKSNoMatchingKey) {
    return new AuthError(
      'invalid-signature',
      'token is signed with a key the identity provider does not publish',
    );
  }
  if (error instanceof errors.JWKSMultipleMatchingKeys) {
    return new AuthError('invalid-signature', 'token header matches several published keys; it needs a kid');
  }
  if (
    error instanceof errors.JWSInvalid ||
    error instanceof errors.JWTInvalid ||
    error instanceof errors.JOSENotSupported
  ) {
    return new AuthError('malformed', `token is malformed: ${error.message}`);
  }
  return error;
}
