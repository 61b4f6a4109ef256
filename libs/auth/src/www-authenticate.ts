/**
 * The `WWW-Authenticate: Bearer` challenge of a 401 (RFC 6750 §3): no `error` when the request had no
 * token, `invalid_request` when the Authorization header is not of the Bearer form, `invalid_token`
 * with an `error_description` when a token was sent but is refused.
 */
import { UnauthorizedException } from '@nestjs/common';
import type { AuthError } from './auth-error';

export type BearerErrorCode = 'invalid_request' | 'invalid_token';

/** RFC 6750 allows only %x20-21 / %x23-5B / %x5D-7E in error_description: no quote, no backslash, ASCII. */
function descriptionText(text: string): string {
  return text
    .replace(/"/g, "'")
    .replace(/\\/g, '/')
    .replace(/[^\x20-\x7e]/g, '?')
    .slice(0, 300);
}

export function bearerChallenge(error?: { code: BearerErrorCode; description: string }): string {
  if (!error) return 'Bearer';
  return `Bearer error="${error.code}", error_description="${descriptionText(error.description)}"`;
}

/** The challenge for a refused token: whether one was sent decides between no error and invalid_token. */
export function challengeFor(error: AuthError, headerWellFormed: boolean): string {
  if (!headerWellFormed) return bearerChallenge({ code: 'invalid_request', description: error.message });
  if (error.code === 'missing-token') return bearerChallenge();
  return bearerChallenge({ code: 'invalid_token', description: error.message });
}

/**
 * A 401 that carries its challenge. The problem-details filter (libs/observability) sets
 * `problemHeaders` on the answer, and adds a bare `Bearer` to any other 401.
 */
export class BearerUnauthorizedException extends UnauthorizedException {
  readonly problemHeaders: Readonly<Record<string, string>>;

  constructor(error: AuthError, headerWellFormed: boolean) {
    // The code in the body lets a client tell "expired, sign in again" from "refused".
    super(
      { statusCode: 401, error: 'Unauthorized', message: error.message, code: error.code },
      { cause: error },
    );
    this.problemHeaders = { 'WWW-Authenticate': challengeFor(error, headerWellFormed) };
  }
}
