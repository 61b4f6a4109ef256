/** The access rules of ARCHITECTURE.md §6 as pure functions over an `AuthUser`. */
import type { DistrictCode } from '@plass/domain';
import type { AuthUser, Role } from './claims';

/** True when the user holds at least one of `roles`. */
export function hasRole(user: AuthUser, ...roles: Role[]): boolean {
  return roles.some((role) => user.roles.includes(role));
}

/** Any authenticated role may read occupancy and availability. */
export function canRead(user: AuthUser): boolean {
  return user.roles.length > 0;
}

/** Occupancy, blocks and census: institution staff of that institution, or admin. */
export function canWriteInstitution(user: AuthUser, institutionId: string): boolean {
  if (hasRole(user, 'admin')) return true;
  return hasRole(user, 'institution-staff') && user.institutionIds.includes(institutionId.toLowerCase());
}

/** Institutions, units and housing owners in the registry: admin only. */
export function canManageRegistry(user: AuthUser): boolean {
  return hasRole(user, 'admin');
}

function isStaffOf(user: AuthUser, districtCode: DistrictCode): boolean {
  return hasRole(user, 'district-staff') && user.districtCode === districtCode;
}

/** Reserving a place: intake and admin for any district, district staff for their own. */
export function canReserveFor(user: AuthUser, districtCode: DistrictCode): boolean {
  return hasRole(user, 'intake', 'admin') || isStaffOf(user, districtCode);
}

/** A district's housing units and need: admin, or staff of that district. */
export function canManageDistrictHousing(user: AuthUser, districtCode: DistrictCode): boolean {
  return hasRole(user, 'admin') || isStaffOf(user, districtCode);
}
