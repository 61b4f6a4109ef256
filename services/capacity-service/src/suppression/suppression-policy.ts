/** Who gets suppressed figures, and with which threshold (ADR 0223). */
import type { AuthUser } from '@plass/auth';
import { mayReadAllReferrals, type DistrictCode } from '@plass/domain';
import type { Suppression } from './count-table';

export const DEFAULT_SUPPRESSION_THRESHOLD = 5;

/** The reader as the suppression sees them: the threshold that applies, and the district they know. */
export interface SuppressionReader {
  suppression: Suppression;
  /** A district's staff know their own district's figures anyway: shown exactly, and counted as visible. */
  ownDistrict: DistrictCode | null;
}

/**
 * Intake and admin read every referral and stay, so they get exact figures; every other role (district
 * and institution staff) gets counts from 1 to threshold − 1 hidden. A threshold of 0 or 1 turns it off.
 */
export function suppressionFor(user: AuthUser, threshold: number): SuppressionReader {
  const ownDistrict = user.roles.includes('district-staff') ? user.districtCode : null;
  if (mayReadAllReferrals(user) || threshold <= 1) return { suppression: null, ownDistrict: null };
  return { suppression: { threshold }, ownDistrict };
}
