/**
 * Who may record, read and end purchases (ADR 0227), and the rule for ending one: pure functions, so the
 * service only asks and the specs can say them.
 */
import type { DistrictCode } from '@plass/domain';

interface Principal {
  roles: readonly string[];
  districtCode: DistrictCode | null;
}

/** Intake and admin see every district's purchases. */
export function mayReadAllPurchases(user: Principal): boolean {
  return user.roles.includes('intake') || user.roles.includes('admin');
}

/** Intake and admin record, read and end any district's purchases; district staff only their own district's. */
export function mayManagePurchases(user: Principal, districtCode: DistrictCode): boolean {
  if (mayReadAllPurchases(user)) return true;
  return user.roles.includes('district-staff') && user.districtCode === districtCode;
}

export type EndProblem = 'already-ended' | 'before-from';

/** Why a purchase cannot end on `to` (its last day, inclusive), or undefined: it ends once, not before it began. */
export function endProblem(
  purchase: { from: string; to: string | null },
  to: string,
): EndProblem | undefined {
  if (purchase.to !== null) return 'already-ended';
  if (to < purchase.from) return 'before-from';
  return undefined;
}
