/**
 * Who may acknowledge an alert, as the capacity service decides it (docs/decisions/0041): admin any;
 * intake the institution-place alerts; institution staff their own institutions' unit and institution
 * alerts; district staff their own district's housing alerts. The UI only hides buttons with it; the
 * service enforces it.
 */
import type { AlertData } from '@plass/contracts';
import { hasRole, type SessionUser } from '../auth/auth-provider';

export function mayAcknowledge(user: SessionUser, alert: AlertData): boolean {
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
