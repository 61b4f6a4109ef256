import { describe, expect, it } from '@jest/globals';
import type { SessionUser } from '../auth/auth-provider';
import { matchesExactly, navItemsFor } from './navigation';

const user = (
  roles: SessionUser['roles'],
  districtCode: SessionUser['districtCode'] = null,
): SessionUser => ({
  sub: 'someone',
  roles,
  institutionIds: [],
  districtCode,
});

const paths = (u: SessionUser) => navItemsFor(u).map((item) => item.path);

describe(navItemsFor.name, () => {
  it('shows Inntak to intake only, and Henvisninger to intake, admin and district staff of a district', () => {
    expect(paths(user(['intake']))).toEqual(expect.arrayContaining(['/henvisninger', '/inntak']));
    expect(paths(user(['admin']))).toContain('/henvisninger');
    expect(paths(user(['admin']))).not.toContain('/inntak');
    expect(paths(user(['district-staff'], '030101'))).toContain('/henvisninger');
    expect(paths(user(['district-staff'], '030101'))).not.toContain('/inntak');
  });

  it('shows neither to institution staff, nor Henvisninger to district staff without a district', () => {
    expect(paths(user(['institution-staff']))).not.toContain('/henvisninger');
    expect(paths(user(['institution-staff']))).not.toContain('/inntak');
    expect(paths(user(['district-staff']))).not.toContain('/henvisninger');
  });

  it('shows Mine innbyggere, Prognose and Styringsdata to districts, intake and admin, not to institutions', () => {
    const pages = ['/mine-innbyggere', '/prognose', '/styringsdata'];
    expect(paths(user(['district-staff'], '030101'))).toEqual(expect.arrayContaining(pages));
    expect(paths(user(['intake']))).toEqual(expect.arrayContaining(pages));
    expect(paths(user(['admin']))).toEqual(expect.arrayContaining(pages));
    for (const path of pages) expect(paths(user(['institution-staff']))).not.toContain(path);
    expect(paths(user(['district-staff']))).not.toContain('/mine-innbyggere');
  });

  it('shows Register to admin only, and Boliger to district staff and admin', () => {
    expect(paths(user(['admin']))).toEqual(expect.arrayContaining(['/register', '/boliger']));
    for (const roles of [['intake'], ['district-staff'], ['institution-staff']] as const) {
      expect(paths(user([...roles], '030101'))).not.toContain('/register');
    }
    expect(paths(user(['district-staff'], '030101'))).toContain('/boliger');
    expect(paths(user(['intake']))).not.toContain('/boliger');
    expect(paths(user(['institution-staff']))).not.toContain('/boliger');
  });

  it('shows Kjøpte plasser and Finansiering to districts, intake and admin, not to institutions', () => {
    for (const u of [user(['district-staff'], '030101'), user(['intake']), user(['admin'])]) {
      expect(paths(u)).toEqual(expect.arrayContaining(['/kjopte-plasser', '/finansiering']));
    }
    expect(paths(user(['institution-staff']))).not.toContain('/kjopte-plasser');
    expect(paths(user(['institution-staff']))).not.toContain('/finansiering');
    expect(paths(user(['district-staff']))).not.toContain('/kjopte-plasser');
  });

  it('shows Revisjonslogg to admin only', () => {
    expect(paths(user(['admin']))).toContain('/revisjon');
    for (const roles of [['intake'], ['district-staff'], ['institution-staff']] as const) {
      expect(paths(user([...roles], '030101'))).not.toContain('/revisjon');
    }
  });
});

describe(matchesExactly.name, () => {
  it('marks Varsler current on its own path only, since Varselhistorikk lies under it', () => {
    expect(matchesExactly('/varsler')).toBe(true);
    expect(matchesExactly('/varsler/historikk')).toBe(false);
    expect(matchesExactly('/')).toBe(true);
    expect(matchesExactly('/ledige')).toBe(false);
  });
});
