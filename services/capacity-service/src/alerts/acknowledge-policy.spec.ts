import type { AuthUser } from '@plass/auth';
import type { AlertData } from '@plass/contracts';
import { mayAcknowledge } from './acknowledge-policy';

const institutionId = '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';
const otherInstitution = '1b2c3d4e-5f60-4718-9a0b-c1d2e3f4a5b6';

function alert(overrides: Partial<AlertData>): AlertData {
  return {
    id: '3f1c2a4e-5b6d-4e7f-8a9b-0c1d2e3f4a5b',
    code: 'OVER_CAPACITY',
    severity: 'critical',
    status: 'open',
    scope: 'unit',
    scopeId: '0b6a4a3e-8f1d-4c2b-9e7a-5d3c1b2a0f9e',
    scopeKey: 'unit:0b6a4a3e-8f1d-4c2b-9e7a-5d3c1b2a0f9e',
    scopeName: 'Holmen: Avdeling 1',
    housingType: null,
    institutionId,
    districtCode: '030107',
    category: 'resource-centre',
    rooms: ['city'],
    measured: {},
    raisedAt: '2026-11-23T10:00:00.000Z',
    acknowledgedAt: null,
    acknowledgedBy: null,
    resolvedAt: null,
    version: 1,
    ...overrides,
  };
}

const user = (u: Partial<AuthUser>): AuthUser => ({
  sub: 'someone',
  roles: [],
  institutionIds: [],
  districtCode: null,
  ...u,
});

const admin = user({ roles: ['admin'] });
const intake = user({ roles: ['intake'] });
const ownStaff = user({ roles: ['institution-staff'], institutionIds: [institutionId] });
const otherStaff = user({ roles: ['institution-staff'], institutionIds: [otherInstitution] });
const sagene = user({ roles: ['district-staff'], districtCode: '030103' });

const housing = alert({
  code: 'HOUSING_SHORTAGE',
  scope: 'district',
  scopeId: '030103',
  scopeKey: 'district:030103',
  housingType: 'ordinary',
  institutionId: null,
  districtCode: '030103',
  category: null,
});
const category = alert({
  code: 'NO_AVAILABILITY',
  scope: 'category',
  scopeId: 'acute',
  scopeKey: 'category:acute',
  institutionId: null,
  districtCode: null,
  category: 'acute',
});

describe(mayAcknowledge.name, () => {
  it('lets admin acknowledge every alert', () => {
    for (const a of [alert({}), housing, category]) expect(mayAcknowledge(admin, a)).toBe(true);
  });

  it('lets institution staff acknowledge their own institution’s unit and institution alerts only', () => {
    expect(mayAcknowledge(ownStaff, alert({}))).toBe(true);
    expect(mayAcknowledge(ownStaff, alert({ scope: 'institution', scopeId: institutionId }))).toBe(true);
    expect(mayAcknowledge(otherStaff, alert({}))).toBe(false);
    expect(mayAcknowledge(ownStaff, category)).toBe(false);
    expect(mayAcknowledge(ownStaff, housing)).toBe(false);
  });

  it('lets intake acknowledge institution-place alerts but not a district’s housing', () => {
    expect(mayAcknowledge(intake, alert({}))).toBe(true);
    expect(mayAcknowledge(intake, category)).toBe(true);
    expect(mayAcknowledge(intake, housing)).toBe(false);
  });

  it('lets district staff acknowledge their own district’s housing alerts only', () => {
    expect(mayAcknowledge(sagene, housing)).toBe(true);
    expect(mayAcknowledge(sagene, { ...housing, districtCode: '030101' })).toBe(false);
    expect(mayAcknowledge(sagene, alert({ districtCode: '030103' }))).toBe(false);
    expect(mayAcknowledge(sagene, category)).toBe(false);
  });
});
