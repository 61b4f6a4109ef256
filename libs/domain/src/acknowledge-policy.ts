/**
 * Who may acknowledge an alert (docs/decisions/0041): admin any; intake the institution-place alerts
 * (unit, institution, category) it coordinates; institution staff their own institutions' unit and
 * institution alerts; district staff their own district's alerts (housing, referrals); intake also the
 * referral alerts of any district (ADR 0169). The capacity service enforces
 * it; the dashboard uses the same function to show the button only to those who may press it.
 */
import { REFERRAL_ALERT_CODES, type AlertCode } from './alerts';
import type { DistrictCode } from './districts';
import type { Role } from './roles';
import type { AlertScope } from './scopes';

/** The claims the policy reads: an `AuthUser` in the services, a `SessionUser` in the dashboard. */
export interface AcknowledgingUser {
  roles: readonly Role[];
  /** Lower-case uuids. */
  institutionIds: readonly string[];
  districtCode: DistrictCode | null;
}

/** The fields of an alert the policy reads (`AlertData` has them). */
export interface AcknowledgeableAlert {
  /** Needed for the referral alerts only: intake may acknowledge those of any district. */
  code?: AlertCode;
  scope: AlertScope;
  institutionId: string | null;
  districtCode: string | null;
}

const REFERRAL_CODES: readonly (AlertCode | undefined)[] = REFERRAL_ALERT_CODES;

export function mayAcknowledge(user: AcknowledgingUser, alert: AcknowledgeableAlert): boolean {
  const has = (role: Role) => user.roles.includes(role);
  if (has('admin')) return true;
  switch (alert.scope) {
    case 'unit':
    case 'institution':
      return (
        has('intake') ||
        (has('institution-staff') &&
          alert.institutionId !== null &&
          user.institutionIds.includes(alert.institutionId.toLowerCase()))
      );
    case 'category':
      return has('intake');
    case 'district':
      return (
        (has('district-staff') && user.districtCode === alert.districtCode) ||
        (has('intake') && REFERRAL_CODES.includes(alert.code))
      );
  }
}
