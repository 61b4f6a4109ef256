import type { DistrictCode } from './districts';
import {
  inNeedsOrder,
  isInNeedsOrder,
  mayReadAllReferrals,
  mayReadReferrals,
  mayRefer,
  type ReferringUser,
} from './referrals';
import type { Role } from './roles';

const SAGENE: DistrictCode = '030103';
const GAMLE_OSLO: DistrictCode = '030101';

const user = (roles: Role[], districtCode: DistrictCode | null = null): ReferringUser => ({
  roles,
  districtCode,
});

const intake = user(['intake']);
const admin = user(['admin']);
const sagene = user(['district-staff'], SAGENE);
const institutionStaff = user(['institution-staff']);

describe(mayRefer.name, () => {
  it('lets intake refer for any district and district staff for their own only', () => {
    expect(mayRefer(intake, SAGENE)).toBe(true);
    expect(mayRefer(intake, 'utenbys')).toBe(true);
    expect(mayRefer(sagene, SAGENE)).toBe(true);
    expect(mayRefer(sagene, GAMLE_OSLO)).toBe(false);
  });

  it('refuses admin and institution staff, who manage places, not referrals', () => {
    expect(mayRefer(admin, SAGENE)).toBe(false);
    expect(mayRefer(institutionStaff, SAGENE)).toBe(false);
  });

  it('does not take a district claim on a token without the district-staff role', () => {
    expect(mayRefer(user(['institution-staff'], SAGENE), SAGENE)).toBe(false);
  });
});

describe(mayReadReferrals.name, () => {
  it('lets intake and admin read every district, district staff their own only', () => {
    for (const reader of [intake, admin]) {
      expect(mayReadAllReferrals(reader)).toBe(true);
      expect(mayReadReferrals(reader, GAMLE_OSLO)).toBe(true);
    }
    expect(mayReadAllReferrals(sagene)).toBe(false);
    expect(mayReadReferrals(sagene, SAGENE)).toBe(true);
    expect(mayReadReferrals(sagene, GAMLE_OSLO)).toBe(false);
  });

  it('lets institution staff read no referrals', () => {
    expect(mayReadAllReferrals(institutionStaff)).toBe(false);
    expect(mayReadReferrals(institutionStaff, SAGENE)).toBe(false);
  });
});

describe(inNeedsOrder.name, () => {
  it('puts needs in the order of the list and drops a repeated one', () => {
    expect(inNeedsOrder(['co-occurring', 'women-only', 'co-occurring'])).toEqual([
      'women-only',
      'co-occurring',
    ]);
    expect(inNeedsOrder([])).toEqual([]);
  });
});

describe(isInNeedsOrder.name, () => {
  it('holds for the list order only, with no code twice', () => {
    expect(isInNeedsOrder(['women-only', 'wheelchair'])).toBe(true);
    expect(isInNeedsOrder([])).toBe(true);
    expect(isInNeedsOrder(['wheelchair', 'women-only'])).toBe(false);
    expect(isInNeedsOrder(['couple', 'couple'])).toBe(false);
  });
});
