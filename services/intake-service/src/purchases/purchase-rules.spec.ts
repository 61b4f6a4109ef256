import { endProblem, mayManagePurchases, mayReadAllPurchases } from './purchase-rules';

const staffOf = (districtCode: '030103' | '030101') => ({ roles: ['district-staff'], districtCode });
const intake = { roles: ['intake'], districtCode: null };
const admin = { roles: ['admin'], districtCode: null };
const institution = { roles: ['institution-staff'], districtCode: null };

describe('purchase rules', () => {
  it("lets district staff manage their own district's purchases and no other's", () => {
    expect(mayManagePurchases(staffOf('030103'), '030103')).toBe(true);
    expect(mayManagePurchases(staffOf('030103'), '030101')).toBe(false);
  });

  it('lets intake and admin manage and read every district, institution staff none', () => {
    for (const user of [intake, admin]) {
      expect(mayManagePurchases(user, '030101')).toBe(true);
      expect(mayReadAllPurchases(user)).toBe(true);
    }
    expect(mayManagePurchases(institution, '030101')).toBe(false);
    expect(mayReadAllPurchases(staffOf('030103'))).toBe(false);
  });

  it('ends a purchase once, on or after its first day', () => {
    expect(endProblem({ from: '2026-11-01', to: null }, '2026-11-01')).toBeUndefined();
    expect(endProblem({ from: '2026-11-01', to: null }, '2026-10-31')).toBe('before-from');
    expect(endProblem({ from: '2026-11-01', to: '2026-11-30' }, '2026-12-31')).toBe('already-ended');
  });
});
