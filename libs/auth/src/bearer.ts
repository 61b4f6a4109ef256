import { AuthError } from './auth-error';

/** The token of an `Authorization: Bearer <token>` header; undefined when there is no header. */
export function bearerToken(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (value === undefined || value.trim() === '') return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(value.trim());
  if (!match) throw new AuthError('malformed', 'authorization header is not of the form "Bearer <token>"');
  return match[1];
}
