/** The token claims of ARCHITECTURE.md §6 and their validation into an `AuthUser`. */
import { isDistrictCode, ROLES } from '@plass/domain';
import type { DistrictCode, Role } from '@plass/domain';
import { AuthError } from './auth-error';
import type { ClaimMapping } from './config';

/** The role list is the domain's; the auth library re-exports it beside the claims it validates. */
export { ROLES, type Role };

export interface AuthUser {
  sub: string;
  roles: Role[];
  institutionIds: string[];
  districtCode: DistrictCode | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

const isUuidString = (value: unknown): value is string => typeof value === 'string' && isUuid(value);

function invalid(message: string): AuthError {
  return new AuthError('invalid-claims', message);
}

/**
 * Checks the claims of a verified token and returns the user they describe.
 * Throws `AuthError('invalid-claims')` saying which claim is wrong.
 */
export function parseAuthUser(claims: Record<string, unknown>): AuthUser {
  const { sub, roles, institutionIds = [], districtCode = null } = claims;

  if (typeof sub !== 'string' || sub.trim() === '')
    throw invalid('token claim sub must be a non-empty string');

  if (!Array.isArray(roles) || roles.length === 0) {
    throw invalid(`token claim roles must be a non-empty array of: ${ROLES.join(', ')}`);
  }
  const unknownRole: unknown = roles.find((role) => !isRole(role));
  if (unknownRole !== undefined) {
    throw invalid(`token claim roles contains unknown role ${JSON.stringify(unknownRole)}`);
  }
  const knownRoles = [...new Set(roles as Role[])];

  if (!Array.isArray(institutionIds) || !institutionIds.every(isUuidString)) {
    throw invalid('token claim institutionIds must be an array of uuids');
  }
  if (knownRoles.includes('institution-staff') && institutionIds.length === 0) {
    throw invalid('an institution-staff token needs at least one id in institutionIds');
  }

  if (districtCode !== null && !isDistrictCode(districtCode)) {
    throw invalid(`token claim districtCode ${JSON.stringify(districtCode)} is not an Oslo district code`);
  }
  if (knownRoles.includes('district-staff') && districtCode === null) {
    throw invalid('a district-staff token needs a districtCode claim');
  }

  return {
    sub,
    roles: knownRoles,
    institutionIds: institutionIds.map((id) => id.toLowerCase()),
    districtCode,
  };
}

/** Our own claim names with no role map: what development tokens carry. */
export const NATIVE_CLAIMS: Readonly<ClaimMapping> = {
  roles: 'roles',
  institutionIds: 'institutionIds',
  districtCode: 'districtCode',
  roleMap: null,
};

/**
 * The claim at `path`: a claim with exactly that name first (names like `https://example.org/roles`
 * contain dots), else the dotted path through nested objects (`realm_access.roles`).
 */
export function claimAt(claims: Record<string, unknown>, path: string): unknown {
  if (Object.hasOwn(claims, path)) return claims[path];
  let value: unknown = claims;
  for (const part of path.split('.')) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
    if (!Object.hasOwn(value, part)) return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

function label(path: string, native: string): string {
  return path === native ? native : `${native} (${path})`;
}

/** A single-valued claim some providers send as a one-element array. */
function single(value: unknown): unknown {
  return Array.isArray(value) && value.length === 1 ? (value[0] as unknown) : value;
}

/**
 * Maps a provider's token claims to ours (`mapping`: ClaimMapping from the configuration) and validates
 * them like `parseAuthUser`. With a role map only the values it maps count (others are ignored), and a
 * token none of whose values it maps is refused naming what it had.
 */
export function mapAuthUser(claims: Record<string, unknown>, mapping: ClaimMapping): AuthUser {
  const rawRoles = claimAt(claims, mapping.roles);
  const institutionIds = claimAt(claims, mapping.institutionIds);
  const districtCode = single(claimAt(claims, mapping.districtCode));
  let roles: unknown = typeof rawRoles === 'string' ? [rawRoles] : rawRoles;
  const rolesLabel = label(mapping.roles, 'roles');

  if (mapping.roleMap !== null) {
    const map = mapping.roleMap;
    const values = Array.isArray(roles) ? roles : [];
    roles = values.flatMap((value) =>
      typeof value === 'string' && Object.hasOwn(map, value) ? [map[value]] : [],
    );
    if ((roles as Role[]).length === 0) {
      throw invalid(
        `token claim ${rolesLabel} has no role this service knows (${
          rawRoles === undefined ? 'the claim is missing' : `it has ${JSON.stringify(rawRoles)}`
        }; the role map knows ${Object.keys(map)
          .map((k) => JSON.stringify(k))
          .join(', ')})`,
      );
    }
  } else if (rawRoles === undefined || (Array.isArray(rawRoles) && rawRoles.length === 0)) {
    throw invalid(`token claim ${rolesLabel} must be a non-empty array of: ${ROLES.join(', ')}`);
  }

  try {
    return parseAuthUser({
      sub: claims.sub,
      roles,
      ...(institutionIds === undefined ? {} : { institutionIds }),
      ...(districtCode === undefined ? {} : { districtCode }),
    });
  } catch (error) {
    if (!(error instanceof AuthError)) throw error;
    // Name the provider's claim where it is not ours.
    let message = error.message;
    for (const key of ['institutionIds', 'districtCode'] as const) {
      if (mapping[key] !== key)
        message = message.replace(`claim ${key}`, `claim ${label(mapping[key], key)}`);
    }
    if (mapping.roles !== 'roles') message = message.replace('claim roles', `claim ${rolesLabel}`);
    throw new AuthError(error.code, message);
  }
}
