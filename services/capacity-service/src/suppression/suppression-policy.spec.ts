import type { AuthUser } from '@plass/auth';
import { suppressionFor } from './suppression-policy';

const user = (roles: AuthUser['roles'], districtCode: AuthUser['districtCode'] = null): AuthUser => ({
  sub: 'someone',
  roles,
  institutionIds: [],
  districtCode,
});

describe(suppressionFor.name, () => {
  it('suppresses for district staff, who know their own district', () => {
    expect(suppressionFor(user(['district-staff'], '030103'), 5)).toEqual({
      suppression: { threshold: 5 },
      ownDistrict: '030103',
    });
  });

  it('suppresses for institution staff', () => {
    expect(suppressionFor(user(['institution-staff']), 5).suppression).toEqual({ threshold: 5 });
  });

  it('gives intake and admin exact figures, whatever other role they hold', () => {
    expect(suppressionFor(user(['intake']), 5).suppression).toBeNull();
    expect(suppressionFor(user(['admin', 'district-staff'], '030103'), 5).suppression).toBeNull();
  });

  it('is off with a threshold of 0 or 1', () => {
    expect(suppressionFor(user(['district-staff'], '030103'), 1).suppression).toBeNull();
    expect(suppressionFor(user(['district-staff'], '030103'), 0).suppression).toBeNull();
  });
});
