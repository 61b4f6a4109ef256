import { describe, expect, it } from '@jest/globals';
import type { SessionUser } from './auth-provider';
import { landingPathFor } from './landing';

const user = (
  roles: SessionUser['roles'],
  districtCode: SessionUser['districtCode'] = null,
): SessionUser => ({
  sub: 's',
  roles,
  institutionIds: [],
  districtCode,
});

describe('landingPathFor', () => {
  it("lands district staff on their district's page", () => {
    expect(landingPathFor(user(['district-staff'], '030103'), null)).toBe('/bydel');
  });

  it("lands institution staff on their institution's page and intake on the overview", () => {
    expect(landingPathFor(user(['institution-staff']), null)).toBe('/institusjon');
    expect(landingPathFor(user(['intake']), null)).toBe('/');
  });

  it('lands on the page asked for before signing in, on this site only', () => {
    expect(landingPathFor(user(['district-staff'], '030103'), '/varsler')).toBe('/varsler');
    expect(landingPathFor(user(['district-staff'], '030103'), '//evil.example/x')).toBe('/bydel');
    expect(landingPathFor(user(['intake']), 'https://evil.example/')).toBe('/');
  });
});
