import type { AuthUser, Role } from './claims';
import {
  canManageDistrictHousing,
  canManageRegistry,
  canRead,
  canReserveFor,
  canWriteInstitution,
  hasRole,
} from './policy';
import { authUserFactory, INSTITUTION_A, INSTITUTION_B, usersByRole } from './testing/auth-user.factory';

const OWN_DISTRICT = '030103';
const OTHER_DISTRICT = '030101';

// Each row: what one role may do. The institution and district columns are "own" then "other".
const matrix: Record<Role, [string, boolean][]> = {
  'institution-staff': [
    ['read', true],
    ['write its own institution', true],
    ['write another institution', false],
    ['manage the registry', false],
    ['reserve for its district', false],
    ['reserve for another district', false],
    ['manage housing of its district', false],
    ['manage housing of another district', false],
  ],
  'district-staff': [
    ['read', true],
    ['write its own institution', false],
    ['write another institution', false],
    ['manage the registry', false],
    ['reserve for its district', true],
    ['reserve for another district', false],
    ['manage housing of its district', true],
    ['manage housing of another district', false],
  ],
  intake: [
    ['read', true],
    ['write its own institution', false],
    ['write another institution', false],
    ['manage the registry', false],
    ['reserve for its district', true],
    ['reserve for another district', true],
    ['manage housing of its district', false],
    ['manage housing of another district', false],
  ],
  admin: [
    ['read', true],
    ['write its own institution', true],
    ['write another institution', true],
    ['manage the registry', true],
    ['reserve for its district', true],
    ['reserve for another district', true],
    ['manage housing of its district', true],
    ['manage housing of another district', true],
  ],
};

const actions: Record<string, (user: AuthUser) => boolean> = {
  read: canRead,
  'write its own institution': (user) => canWriteInstitution(user, INSTITUTION_A),
  'write another institution': (user) => canWriteInstitution(user, INSTITUTION_B),
  'manage the registry': canManageRegistry,
  'reserve for its district': (user) => canReserveFor(user, OWN_DISTRICT),
  'reserve for another district': (user) => canReserveFor(user, OTHER_DISTRICT),
  'manage housing of its district': (user) => canManageDistrictHousing(user, OWN_DISTRICT),
  'manage housing of another district': (user) => canManageDistrictHousing(user, OTHER_DISTRICT),
};

describe('access policy', () => {
  describe.each(Object.keys(matrix) as Role[])('%s', (role) => {
    it.each(matrix[role])('may %s: %s', (action, allowed) => {
      expect(actions[action](usersByRole[role])).toBe(allowed);
    });
  });

  it('matches institution ids regardless of letter case', () => {
    expect(canWriteInstitution(usersByRole['institution-staff'], INSTITUTION_A.toUpperCase())).toBe(true);
  });

  it('does not let a district code without the district-staff role manage housing', () => {
    const intakeWithDistrict = authUserFactory().role('intake').district(OWN_DISTRICT).build();
    expect(canManageDistrictHousing(intakeWithDistrict, OWN_DISTRICT)).toBe(false);
  });

  it('grants what any of several roles grants', () => {
    const both = authUserFactory()
      .role('institution-staff', 'district-staff')
      .institutions(INSTITUTION_A)
      .district(OWN_DISTRICT)
      .build();
    expect(canWriteInstitution(both, INSTITUTION_A)).toBe(true);
    expect(canReserveFor(both, OWN_DISTRICT)).toBe(true);
    expect(hasRole(both, 'intake', 'admin')).toBe(false);
    expect(hasRole(both, 'intake', 'district-staff')).toBe(true);
  });

  it('lets nobody without a role read', () => {
    expect(canRead(authUserFactory().build())).toBe(false);
  });
});
