/** The pages, their paths and who sees them in the menu. */
import { mayOffer, mayReadAllReferrals, mayReadReferrals } from '@plass/domain';
import type { Role, SessionUser } from '../auth/auth-provider';

export interface NavItem {
  path: string;
  label: string;
  roles: readonly Role[];
  /** The domain's policy, where one decides (felles inntak): the item shows only when it allows. */
  allowed?: (user: SessionUser) => boolean;
}

/** Henvisninger: whoever reads every district's referrals, and district staff their own. */
export const mayUseReferralsPage = (user: SessionUser): boolean =>
  mayReadAllReferrals(user) || (user.districtCode !== null && mayReadReferrals(user, user.districtCode));

const EVERYONE: readonly Role[] = ['institution-staff', 'district-staff', 'intake', 'admin'];

export const NAV_ITEMS: readonly NavItem[] = [
  { path: '/', label: 'Oversikt', roles: EVERYONE },
  { path: '/ledige', label: 'Ledige plasser', roles: EVERYONE },
  { path: '/institusjon', label: 'Institusjon', roles: ['institution-staff', 'admin'] },
  { path: '/bydel', label: 'Bydel', roles: ['district-staff', 'intake', 'admin'] },
  {
    path: '/henvisninger',
    label: 'Henvisninger',
    roles: ['district-staff', 'intake', 'admin'],
    allowed: mayUseReferralsPage,
  },
  { path: '/inntak', label: 'Inntak', roles: ['intake'], allowed: mayOffer },
  { path: '/varsler', label: 'Varsler', roles: EVERYONE },
  { path: '/varsler/historikk', label: 'Varselhistorikk', roles: EVERYONE },
  { path: '/varslinger', label: 'Varslinger', roles: EVERYONE },
  { path: '/historikk', label: 'Historikk og rapporter', roles: EVERYONE },
  {
    path: '/mine-innbyggere',
    label: 'Mine innbyggere',
    roles: ['district-staff', 'intake', 'admin'],
    // The same rule as a district's referrals: its staff, and intake and admin for any district.
    allowed: mayUseReferralsPage,
  },
  { path: '/prognose', label: 'Prognose', roles: ['district-staff', 'intake', 'admin'] },
  { path: '/styringsdata', label: 'Styringsdata', roles: ['district-staff', 'intake', 'admin'] },
  {
    path: '/kjopte-plasser',
    label: 'Kjøpte plasser',
    roles: ['district-staff', 'intake', 'admin'],
    // District staff manage their own district's purchases (ADR 0227): not without a district.
    allowed: (user) => user.districtCode !== null || !user.roles.every((r) => r === 'district-staff'),
  },
  { path: '/finansiering', label: 'Finansiering', roles: ['district-staff', 'intake', 'admin'] },
  { path: '/register', label: 'Register', roles: ['admin'] },
  { path: '/importer', label: 'Importer historikk', roles: ['admin'] },
  { path: '/boliger', label: 'Boliger', roles: ['district-staff', 'admin'] },
  { path: '/revisjon', label: 'Revisjonslogg', roles: ['admin'] },
];

/**
 * A menu item is current on its own path only when another item lies under it (Varsler and
 * Varsler › Varselhistorikk) — else both would be marked on the deeper page — and always for «/».
 */
export function matchesExactly(path: string): boolean {
  return path === '/' || NAV_ITEMS.some((other) => other.path.startsWith(`${path}/`));
}

export function navItemsFor(user: SessionUser): NavItem[] {
  return NAV_ITEMS.filter(
    (item) =>
      item.roles.some((role) => user.roles.includes(role)) && (item.allowed ? item.allowed(user) : true),
  );
}

/** Where a user lands after signing in: the page asked for (`?til=`, same site only), or the role's start page. */
export function startPathFor(user: SessionUser, requested?: string | null): string {
  if (requested && requested.startsWith('/') && !requested.startsWith('//') && requested !== '/')
    return requested;
  return user.roles.includes('institution-staff') ? '/institusjon' : '/';
}
