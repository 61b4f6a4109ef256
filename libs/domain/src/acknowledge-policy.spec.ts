import { mayAcknowledge, type AcknowledgeableAlert, type AcknowledgingUser } from './acknowledge-policy';

const institutionId = '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';
const otherInstitution = '1b2c3d4e-5f60-4718-9a0b-c1d2e3f4a5b6';

/** An OVER_CAPACITY alert on a unit of `institutionId` in Vestre Aker unless overridden. */
function alert(overrides: Partial<AcknowledgeableAlert>): AcknowledgeableAlert {
  return { scope: 'unit', institutionId, districtCode: '030107', ...overrides };
}

const user = (u: Partial<AcknowledgingUser>): AcknowledgingUser => ({
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

/** HOUSING_SHORTAGE in Sagene. */
const housing = alert({ scope: 'district', institutionId: null, districtCode: '030103' });
/** NO_AVAILABILITY for a service category city-wide. */
const category = alert({ scope: 'category', institutionId: null, districtCode: null });

describe(mayAcknowledge.name, () => {
  it('lets admin acknowledge every alert', () => {
    for (const a of [alert({}), housing, category]) expect(mayAcknowledge(admin, a)).toBe(true);
  });

  it('lets institution staff acknowledge their own institution’s unit and institution alerts only', () => {
    expect(mayAcknowledge(ownStaff, alert({}))).toBe(true);
    expect(mayAcknowledge(ownStaff, alert({ scope: 'institution' }))).toBe(true);
    expect(mayAcknowledge(otherStaff, alert({}))).toBe(false);
    expect(mayAcknowledge(ownStaff, alert({ institutionId: institutionId.toUpperCase() }))).toBe(true);
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

  it('lets intake and the district acknowledge a district’s referral alerts', () => {
    const waiting = { ...housing, code: 'REFERRAL_WAITING' as const };
    const expiring = { ...housing, code: 'OFFER_EXPIRING' as const };
    for (const a of [waiting, expiring]) {
      expect(mayAcknowledge(intake, a)).toBe(true);
      expect(mayAcknowledge(sagene, a)).toBe(true);
      expect(mayAcknowledge(sagene, { ...a, districtCode: '030101' })).toBe(false);
    }
    expect(mayAcknowledge(intake, { ...housing, code: 'HOUSING_SHORTAGE' })).toBe(false);
  });
});
