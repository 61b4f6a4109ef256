/** The token claims of ARCHITECTURE.md §6 and their validation into an `AuthUser`. */
import { isDistrictCode, ROLES } from '@plass/domain';
import type { DistrictCode, Role } from '@plass/domain';
import { AuthError } from './auth-error';

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
