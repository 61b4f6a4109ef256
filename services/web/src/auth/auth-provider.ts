/**
 * How the dashboard gets a token. Local development signs in with a picked role (DevAuthProvider);
 * production signs in with OpenID Connect (OidcAuthProvider); the gateway's `GET /api/auth/config` says
 * which. The rest of the app only sees a `Session` (the bearer token and the claims of ARCHITECTURE.md §6).
 */
import type { AuthClaimNamesDto, DevTokenRequest } from '@plass/contracts/rest';
import { isDistrictCode, ROLES, type DistrictCode, type Role } from '@plass/domain';

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

/** Where in the token the claims are (the gateway's configuration: Entra ID and Keycloak differ). */
export type ClaimNames = AuthClaimNamesDto;

export const DEFAULT_CLAIM_NAMES: ClaimNames = {
  roles: 'roles',
  institutionIds: 'institutionIds',
  districtCode: 'districtCode',
};

interface AuthProviderBase {
  /** The stored session, or null (also when it has expired). */
  current(): Session | null;
  /** A new session for the same user before the current one expires (a refresh token with OIDC). */
  refresh(current: Session): Promise<Session>;
  /** Forgets the session in this browser (an expired token, a refused one). */
  signOut(): void;
}

/** Development: the sign-in page picks a role and the gateway signs a token for it. */
export interface DevSignIn extends AuthProviderBase {
  readonly kind: 'dev';
  /** The development sign-in's body (the gateway's contract). */
  signIn(request: DevTokenRequest): Promise<Session>;
}

/** OpenID Connect: the identity provider's own login page, and back to the callback route. */
export interface RedirectSignIn extends AuthProviderBase {
  readonly kind: 'oidc';
  /** Leaves for the provider's login page; `returnTo` is where to land afterwards. */
  signInRedirect(returnTo: string | null): Promise<void>;
  /** Completes the sign-in on the callback route (`url` carries the code and state). */
  completeSignIn(url: string): Promise<{ session: Session; returnTo: string | null }>;
  /** Signs out at the provider too (its session ends) and comes back to the sign-in page. */
  endSession(): Promise<void>;
  /** Sessions the provider renewed by itself (automatic renewal); returns a function that stops it. */
  onRenewed(listener: (session: Session) => void): () => void;
}

export type AuthProvider = DevSignIn | RedirectSignIn;

function base64UrlDecode(segment: string): string {
  const base64 = segment.replace(/-/g, '+').replace(/_/g, '/');
  const padded = base64 + '='.repeat((4 - (base64.length % 4)) % 4);
  const bytes = Uint8Array.from(atob(padded), (c) => c.charCodeAt(0));
  return new TextDecoder().decode(bytes);
}

/**
 * The claim at `path`: a claim with exactly that name first (names like `https://example.org/roles`
 * contain dots), else the dotted path through nested objects (`realm_access.roles`), as libs/auth reads it.
 */
function claimAt(claims: Record<string, unknown>, path: string): unknown {
  if (Object.hasOwn(claims, path)) return claims[path];
  let value: unknown = claims;
  for (const part of path.split('.')) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
    if (!Object.hasOwn(value, part)) return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

/** A single-valued claim some providers send as a one-element array. */
function single(value: unknown): unknown {
  return Array.isArray(value) && value.length === 1 ? (value[0] as unknown) : value;
}

function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/**
 * Reads the claims of a token for display and navigation only; the services verify every token, so
 * nothing here is trusted for access.
 */
export function sessionFromToken(token: string, names: ClaimNames = DEFAULT_CLAIM_NAMES): Session {
  const payload = token.split('.')[1];
  if (!payload) throw new Error('not a JWT');
  const claims = JSON.parse(base64UrlDecode(payload)) as Record<string, unknown>;
  const rolesClaim = claimAt(claims, names.roles);
  const idsClaim = claimAt(claims, names.institutionIds);
  const districtClaim = single(claimAt(claims, names.districtCode));
  const roleValues: unknown[] = Array.isArray(rolesClaim) ? rolesClaim : [rolesClaim];
  const map = names.roleMap;
  // As the services read them: with a role map only the values it maps; without one, our own role
  // names (other applications' roles in the same token are left out).
  const mapped = map
    ? roleValues.flatMap((value) =>
        typeof value === 'string' && Object.hasOwn(map, value) ? [map[value]] : [],
      )
    : roleValues;
  const roles = [...new Set(mapped.filter(isRole))];
  const institutionIds = Array.isArray(idsClaim)
    ? idsClaim.filter((id): id is string => typeof id === 'string')
    : [];
  return {
    token,
    user: {
      sub: typeof claims.sub === 'string' ? claims.sub : 'ukjent',
      roles,
      institutionIds,
      districtCode: typeof districtClaim === 'string' && isDistrictCode(districtClaim) ? districtClaim : null,
    },
    expiresAt: typeof claims.exp === 'number' ? claims.exp * 1000 : null,
  };
}

export function hasRole(user: SessionUser, ...roles: Role[]): boolean {
  return user.roles.some((role) => roles.includes(role));
}

/**
 * A valid login that carries none of this dashboard's roles: the person exists in the organisation's
 * directory but has not been given access to Plassoversikt (shown as «ingen tilgang», not as an error).
 */
export function hasNoAccess(user: SessionUser): boolean {
  return user.roles.length === 0;
}
