/** Where a user lands after signing in with the organisation's account. */
import { startPathFor } from '../app/navigation';
import type { SessionUser } from './auth-provider';

/**
 * The page asked for before signing in (same site only), else the role's start page, where district
 * staff have their own district's page (docs/decisions/0197).
 */
export function landingPathFor(user: SessionUser, requested: string | null): string {
  const start = startPathFor(user, requested);
  if (start !== '/') return start;
  return user.roles.includes('district-staff') && user.districtCode !== null ? '/bydel' : '/';
}
