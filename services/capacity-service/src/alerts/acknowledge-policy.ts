/**
 * Who may acknowledge an alert (docs/decisions/0041): admin any; intake the institution-place alerts
 * (unit, institution, category) it coordinates; institution staff their own institutions' unit and
 * institution alerts; district staff their own district's housing alerts.
 */
import { hasRole, type AuthUser } from '@plass/auth';
import type { AlertData } from '@plass/contracts';

export function mayAcknowledge(user: AuthUser, alert: AlertData): boolean {
  if (hasRole(user, 'admin')) return true;
  switch (alert.scope) {
    case 'unit':
    case 'institution':
      return (
        hasRole(user, 'intake') ||
        (hasRole(user, 'institution-staff') &&
          alert.institutionId !== null &&
          user.institutionIds.includes(alert.institutionId.toLowerCase()))
      );
    case 'category':
      return hasRole(user, 'intake');
    case 'district':
      return hasRole(user, 'district-staff') && user.districtCode === alert.districtCode;
  }
}
