/** The one error the auth library throws for a refused token; the edge maps `code` to 401. */
export const AUTH_ERROR_CODES = [
  'missing-token',
  'expired',
  'invalid-signature',
  'invalid-claims',
  'wrong-audience',
  'wrong-issuer',
  'malformed',
] as const;
export type AuthErrorCode = (typeof AUTH_ERROR_CODES)[number];

export class AuthError extends Error {
  override readonly name = 'AuthError';

  constructor(
    readonly code: AuthErrorCode,
    message: string,
  ) {
    super(message);
  }
}
