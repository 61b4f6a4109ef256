import { AuthError } from './auth-error';
import { claimAt, mapAuthUser, NATIVE_CLAIMS } from './claims';
import type { ClaimMapping } from './config';
import { INSTITUTION_A } from './testing/auth-user.factory';

function refusal(claims: Record<string, unknown>, mapping: ClaimMapping): AuthError {
  try {
    mapAuthUser(claims, mapping);
  } catch (error) {
    if (error instanceof AuthError) return error;
    throw error;
  }
  throw new Error('expected the claims to be refused');
}

describe(claimAt.name, () => {
  it('reads a claim by name, or through a dotted path', () => {
    const claims = { roles: ['a'], realm_access: { roles: ['b'] }, 'https://x.example/roles': ['c'] };
    expect(claimAt(claims, 'roles')).toEqual(['a']);
    expect(claimAt(claims, 'realm_access.roles')).toEqual(['b']);
    expect(claimAt(claims, 'https://x.example/roles')).toEqual(['c']);
    expect(claimAt(claims, 'realm_access.groups')).toBeUndefined();
    expect(claimAt(claims, 'roles.length')).toBeUndefined();
    expect(claimAt(claims, 'toString')).toBeUndefined();
  });
});

describe(mapAuthUser.name, () => {
  it('reads our own claim names as they are', () => {
    const claims = { sub: 's', roles: ['district-staff'], districtCode: '030103' };
    expect(mapAuthUser(claims, NATIVE_CLAIMS)).toEqual({
      sub: 's',
      roles: ['district-staff'],
      institutionIds: [],
      districtCode: '030103',
    });
  });

  it("reads Keycloak's default realm_access.roles when configured so", () => {
    const mapping = { ...NATIVE_CLAIMS, roles: 'realm_access.roles' };
    const claims = { sub: 's', realm_access: { roles: ['intake'] } };
    expect(mapAuthUser(claims, mapping).roles).toEqual(['intake']);
  });

  it('maps provider role values through the role map and ignores the ones it does not map', () => {
    const mapping: ClaimMapping = {
      roles: 'roles',
      institutionIds: 'extension_institutions',
      districtCode: 'extension_district',
      roleMap: { 'Plass.Institution': 'institution-staff', 'Plass.Admin': 'admin' },
    };
    const claims = {
      sub: 's',
      roles: ['Plass.Institution', 'Something.Else', 'offline_access', 'Plass.Institution'],
      extension_institutions: [INSTITUTION_A],
      extension_district: ['030101'],
    };
    expect(mapAuthUser(claims, mapping)).toEqual({
      sub: 's',
      roles: ['institution-staff'],
      institutionIds: [INSTITUTION_A],
      districtCode: '030101',
    });
  });

  it('with a role map, refuses a token with no role it maps and says what the token had', () => {
    const mapping: ClaimMapping = { ...NATIVE_CLAIMS, roleMap: { 'Plass.Admin': 'admin' } };
    const error = refusal({ sub: 's', roles: ['default-roles-plassoversikt'] }, mapping);
    expect(error.code).toBe('invalid-claims');
    expect(error.message).toBe(
      'token claim roles has no role this service knows (it has ["default-roles-plassoversikt"]; the role map knows "Plass.Admin")',
    );
    expect(refusal({ sub: 's' }, mapping).message).toMatch(/the claim is missing/);
  });

  it('without a role map, still refuses an unknown role value', () => {
    const error = refusal({ sub: 's', roles: ['admin', 'offline_access'] }, NATIVE_CLAIMS);
    expect(error.message).toBe('token claim roles contains unknown role "offline_access"');
  });

  it('refuses a token without roles and names the configured claim', () => {
    const mapping = { ...NATIVE_CLAIMS, roles: 'realm_access.roles' };
    expect(refusal({ sub: 's' }, mapping).message).toBe(
      'token claim roles (realm_access.roles) must be a non-empty array of: institution-staff, district-staff, intake, admin',
    );
    expect(refusal({ sub: 's', roles: [] }, NATIVE_CLAIMS).message).toMatch(/^token claim roles must be/);
  });

  it('names the provider claim when a mapped claim is invalid', () => {
    const mapping = { ...NATIVE_CLAIMS, districtCode: 'bydel' };
    expect(refusal({ sub: 's', roles: ['district-staff'], bydel: '9999' }, mapping).message).toBe(
      'token claim districtCode (bydel) "9999" is not an Oslo district code',
    );
  });

  it('accepts a single role as a string, a single district as a one-element array', () => {
    const user = mapAuthUser({ sub: 's', roles: 'district-staff', districtCode: ['030117'] }, NATIVE_CLAIMS);
    expect(user).toMatchObject({ roles: ['district-staff'], districtCode: '030117' });
  });
});
