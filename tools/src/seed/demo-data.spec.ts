import { SERVICE_CATEGORY_CODES } from '@plass/domain';
import { DEMO_INSTITUTIONS, DEMO_OCCUPANCY } from './demo-data';

const units = DEMO_INSTITUTIONS.flatMap((i) => i.units.map((u) => ({ ...u, providerType: i.providerType })));
const sum = (list: { capacity: number }[]) => list.reduce((total, u) => total + u.capacity, 0);

describe('demo data', () => {
  it('has the 490 places published for 01.01.2026', () => {
    expect(sum(units)).toBe(490);
  });

  it('buys 146 places from non-profit providers', () => {
    expect(sum(units.filter((u) => u.providerType === 'nonprofit'))).toBe(146);
  });

  it('has 26 acute places in egenregi', () => {
    expect(sum(units.filter((u) => u.category === 'acute' && u.providerType === 'municipal'))).toBe(26);
  });

  it('covers all nine service categories', () => {
    expect(new Set(units.map((u) => u.category))).toEqual(new Set(SERVICE_CATEGORY_CODES));
  });

  it('lands close to the 87 % occupancy of 2024 overall and 66 % in resource centres', () => {
    const occupied = (list: typeof units) =>
      list.reduce((t, u) => t + Math.round(u.capacity * DEMO_OCCUPANCY[u.category]), 0);
    expect(occupied(units) / sum(units)).toBeGreaterThan(0.85);
    expect(occupied(units) / sum(units)).toBeLessThan(0.9);
    const resource = units.filter((u) => u.category === 'resource-centre');
    expect(occupied(resource) / sum(resource)).toBeCloseTo(0.66, 1);
  });
});
