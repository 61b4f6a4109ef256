import { describe, expect, it } from '@jest/globals';
import { hasNoAccess, sessionFromToken } from './auth-provider';
import { unsignedJwt } from './test-tokens';

describe('sessionFromToken', () => {
  it('reads the roles, district and expiry under the default claim names', () => {
    const token = unsignedJwt({ sub: 'k1', roles: ['district-staff'], districtCode: '030103', exp: 2000 });
    expect(sessionFromToken(token)).toEqual({
      token,
      user: { sub: 'k1', roles: ['district-staff'], institutionIds: [], districtCode: '030103' },
      expiresAt: 2_000_000,
    });
  });

  it('reads the claims under the names the gateway configures', () => {
    const id = '6f1c1a52-3f7e-4a57-9d59-0c7a8a1b2c3d';
    const token = unsignedJwt({
      sub: 'k2',
      app_roles: ['institution-staff'],
      enheter: [id],
      roles: ['admin'],
    });
    const { user } = sessionFromToken(token, {
      roles: 'app_roles',
      institutionIds: 'enheter',
      districtCode: 'bydel',
    });
    expect(user).toMatchObject({ roles: ['institution-staff'], institutionIds: [id], districtCode: null });
  });

  it("reads a dotted path and maps the provider's role values with the role map, as the services do", () => {
    const token = unsignedJwt({
      sub: 'k4',
      realm_access: { roles: ['Plass.Admin', 'intake', 'offline_access'] },
      districtCode: ['030103'],
    });
    const { user } = sessionFromToken(token, {
      roles: 'realm_access.roles',
      institutionIds: 'institutionIds',
      districtCode: 'districtCode',
      roleMap: { 'Plass.Admin': 'admin' },
    });
    // «intake» is not in the map: with a map only what it maps counts.
    expect(user).toMatchObject({ roles: ['admin'], districtCode: '030103' });
  });

  it("leaves out roles that are not Plassoversikt's and district codes that are not Oslo's", () => {
    const token = unsignedJwt({
      sub: 'k3',
      roles: ['offline_access', 'intake', 'intake', 'uma_authorization'],
      districtCode: '999999',
    });
    expect(sessionFromToken(token).user).toMatchObject({ roles: ['intake'], districtCode: null });
  });

  it('refuses what is not a JWT', () => {
    expect(() => sessionFromToken('opaque-token')).toThrow(/not a JWT/);
  });
});

describe('hasNoAccess', () => {
  it('is true for a valid login with none of the roles, and false with one', () => {
    const noRole = sessionFromToken(unsignedJwt({ sub: 'u', roles: ['offline_access'] })).user;
    const noClaim = sessionFromToken(unsignedJwt({ sub: 'u' })).user;
    const intake = sessionFromToken(unsignedJwt({ sub: 'u', roles: ['intake'] })).user;
    expect(hasNoAccess(noRole)).toBe(true);
    expect(hasNoAccess(noClaim)).toBe(true);
    expect(hasNoAccess(intake)).toBe(false);
  });
});
