import { createReferral } from '@plass/contracts';
import { SERVICE_CATEGORY_CODES } from '@plass/domain';
import { referralDemoPlan } from './referral-demo';

const plan = referralDemoPlan('2026-12-04');

describe(referralDemoPlan.name, () => {
  it('makes a few dozen referrals, each a body the intake API accepts', () => {
    expect(plan).toHaveLength(36);
    for (const r of plan) expect(createReferral.body?.safeParse(r.body).success).toBe(true);
  });

  it('spreads them over every category, all 15 districts and the three urgencies', () => {
    expect(new Set(plan.map((r) => r.body.categories[0]))).toEqual(new Set(SERVICE_CATEGORY_CODES));
    expect(new Set(plan.map((r) => r.body.districtCode)).size).toBe(15);
    const urgencies = plan.map((r) => r.body.urgency);
    expect(urgencies.filter((u) => u === 'acute')).toHaveLength(8);
    expect(urgencies.filter((u) => u === 'urgent').length).toBeGreaterThan(5);
    expect(urgencies.filter((u) => u === 'planned').length).toBeGreaterThan(10);
    expect(plan.some((r) => r.body.categories.length > 1)).toBe(true);
    expect(plan.some((r) => (r.body.needs ?? []).length > 0)).toBe(true);
  });

  it('is the same every time, and withdraws two', () => {
    expect(referralDemoPlan('2026-12-04')).toEqual(plan);
    expect(plan.filter((r) => r.withdraw)).toHaveLength(2);
    expect(plan.every((r) => !r.body.earliestDate || r.body.earliestDate > '2026-12-04')).toBe(true);
  });
});
