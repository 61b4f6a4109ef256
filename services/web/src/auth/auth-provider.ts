/**
 * How the dashboard gets a token. Local development signs in with a picked role (DevAuthProvider);
 * production plugs in an OIDC provider behind the same interface: the rest of the app only sees a
 * `Session` (the bearer token and the claims of ARCHITECTURE.md §6).
 */
import type { DevTokenRequest } from '@plass/contracts/rest';
import { ROLES, type DistrictCode, type Role } from '@plass/domain';

export { ROLES, type Role };

export interface SessionUser {
  sub: string;
  roles: Role[];
  institutionIds: string[];
  districtCode: DistrictCode | null;
}

export interface Session {
  token: string;
  user: SessionUser;
  /** Milliseconds since the epoch; null when the token carries no expiry. */
  expiresAt: number | null;
}

export interface AuthProvider {
  /** The stored session, or null (also when it has expired). */
  current(): Session | null;
  /** The development sign-in's body (the gateway's contract); an OIDC provider redirects instead. */
  signIn(request: DevTokenRequest): Promise<Session>;
  /** A new session for the same user before the current one expires (a refresh token with OIDC). */
  refresh(current: Session): Promise<Session>;
  signOut(): void;
}

function base64UrlDecode(segment: string): string {
  const base64 = segment.replace(/-/g, '+').replace(/_/g, '/');
  const padded = base64 + '='.repeat((4 - (base64.length % 4)) % 4);
  const bytes = Uint8Array.from(atob(padded), (c) => c.charCodeAt(0));
  return new TextDecoder().decode(bytes);
}

function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/**
 * Reads the claims of a token for display and navigation only; the services verify every token, so
 * nothing here is trusted for access.
 */
export function sessionFromToken(token: string): Session {
  const payload = token.split('.')[1];
  if (!payload) throw new Error('not a JWT');
  const claims = JSON.parse(base64UrlDecode(payload)) as Record<string, unknown>;
  const roles = Array.isArray(claims.roles) ? claims.roles.filter(isRole) : [];
  const institutionIds = Array.isArray(claims.institutionIds)
    ? claims.institutionIds.filter((id): id is string => typeof id === 'string')
    : [];
  return {
    token,
    user: {
      sub: typeof claims.sub === 'string' ? claims.sub : 'ukjent',
      roles,
      institutionIds,
      districtCode: typeof claims.districtCode === 'string' ? (claims.districtCode as DistrictCode) : null,
    },
    expiresAt: typeof claims.exp === 'number' ? claims.exp * 1000 : null,
  };
}

export function hasRole(user: SessionUser, ...roles: Role[]): boolean {
  return user.roles.some((role) => roles.includes(role));
}
