/** The pages, their paths and who sees them in the menu. */
import type { Role, SessionUser } from '../auth/auth-provider';

export interface NavItem {
  path: string;
  label: string;
  roles: readonly Role[];
}

const EVERYONE: readonly Role[] = ['institution-staff', 'district-staff', 'intake', 'admin'];

export const NAV_ITEMS: readonly NavItem[] = [
  { path: '/', label: 'Oversikt', roles: EVERYONE },
  { path: '/ledige', label: 'Ledige plasser', roles: EVERYONE },
  { path: '/institusjon', label: 'Institusjon', roles: ['institution-staff', 'admin'] },
  { path: '/bydel', label: 'Bydel', roles: ['district-staff', 'intake', 'admin'] },
  { path: '/varsler', label: 'Varsler', roles: EVERYONE },
  { path: '/historikk', label: 'Historikk og rapporter', roles: EVERYONE },
];

export function navItemsFor(user: SessionUser): NavItem[] {
  return NAV_ITEMS.filter((item) => item.roles.some((role) => user.roles.includes(role)));
}

/** Where a user lands after signing in: the page asked for (`?til=`, same site only), or the role's start page. */
export function startPathFor(user: SessionUser, requested?: string | null): string {
  if (requested && requested.startsWith('/') && !requested.startsWith('//') && requested !== '/')
    return requested;
  return user.roles.includes('institution-staff') ? '/institusjon' : '/';
}
