import { CapacityIndicators } from '@plass/contracts';
import { auditSuppression, suppressCounts } from './count-table';
import { indicatorsCountTable, suppressIndicators } from './indicators-suppression';
import type { SuppressionReader } from './suppression-policy';

const DISTRICT: SuppressionReader = { suppression: { threshold: 5 }, ownDistrict: null };
const EXACT: SuppressionReader = { suppression: null, ownDistrict: null };

/** Sagene 12 acute stays, Gamle Oslo 1 acute and 9 coping; 30 discharges, 1 of them immediate. */
function report(): CapacityIndicators {
  return {
    from: '2025-12-31T23:00:00.000Z',
    to: '2026-01-02T23:00:00.000Z',
    countedUntil: '2026-01-02T23:00:00.000Z',
    timeZone: 'Europe/Oslo',
    flow: [
      { date: '2026-01-01', admissions: 12, discharges: 14 },
      { date: '2026-01-02', admissions: 10, discharges: 16 },
    ],
    dischargesByReason: [
      {
        category: 'acute',
        name: 'Akutt',
        total: 30,
        byReason: { planned: 20, 'own-housing': 9, immediate: 1, transfer: 0, dropout: 0, other: 0 },
      },
    ],
    movesToOwnHousing: [{ category: 'acute', name: 'Akutt', count: 9, withoutOsloAddress: 0 }],
    referrals: [
      {
        districtCode: 'all',
        name: 'Alle bydeler',
        stays: 22,
        categories: [
          { category: 'acute', stays: 13, share: 13 / 22 },
          { category: 'coping', stays: 9, share: 9 / 22 },
        ],
      },
      {
        districtCode: '030101',
        name: 'Gamle Oslo',
        stays: 10,
        categories: [
          { category: 'acute', stays: 1, share: 0.1 },
          { category: 'coping', stays: 9, share: 0.9 },
        ],
      },
      {
        districtCode: '030103',
        name: 'Sagene',
        stays: 12,
        categories: [{ category: 'acute', stays: 12, share: 1 }],
      },
    ],
    staysOverNorm: [
      { category: 'acute', name: 'Akutt', normedMaxStayDays: 3, openStays: 3, overNorm: 2, longestDays: 40 },
      {
        category: 'coping',
        name: 'Mestring',
        normedMaxStayDays: 90,
        openStays: 9,
        overNorm: 0,
        longestDays: 20,
      },
    ],
    staysBeyondNorm: [
      {
        category: 'coping',
        name: 'Mestring',
        normedMaxStayDays: 90,
        total: 14,
        buckets: { threeMonthsToOneYear: 11, oneToTwoYears: 3, twoToFiveYears: 0, overFiveYears: 0 },
      },
    ],
  };
}

describe(suppressIndicators.name, () => {
  it('gives intake and admin the exact figures and says so', () => {
    const exact = report();
    expect(suppressIndicators(exact, EXACT)).toEqual({ ...exact, suppression: null });
  });

  it('hides an immediate discharge of 1 and the next smallest reason, keeping the total', () => {
    const shown = suppressIndicators(report(), DISTRICT);
    expect(shown.suppression).toEqual({ threshold: 5 });
    expect(shown.dischargesByReason[0]).toEqual({
      category: 'acute',
      name: 'Akutt',
      total: 30,
      byReason: { planned: 20, 'own-housing': null, immediate: null, transfer: 0, dropout: 0, other: 0 },
      suppressed: ['byReason.own-housing', 'byReason.immediate'],
    });
    // Moves to own housing are the same count as the reason: hidden with it.
    expect(shown.movesToOwnHousing[0]).toMatchObject({ count: null, suppressed: ['count'] });
  });

  it("hides a district's small category count with its share, and what would give it back", () => {
    const shown = suppressIndicators(report(), DISTRICT);
    const gamle = shown.referrals.find((r) => r.districtCode === '030101');
    expect(gamle?.categories[0]).toMatchObject({ stays: null, share: null });
    // Gamle Oslo's 10 stays minus its 9 coping ones would give the 1 back: one more cell in the row is hidden.
    const visible = gamle ? [gamle.stays, ...gamle.categories.map((c) => c.stays)] : [];
    expect(visible.filter((v) => v === null).length).toBeGreaterThanOrEqual(2);
    // The rest of the table is not derivable either.
    const table = indicatorsCountTable(report(), DISTRICT);
    expect(auditSuppression(table, suppressCounts(table, 5))).toEqual([]);
  });

  it('hides a small number of open stays and the longest stay with it, not the norm', () => {
    const shown = suppressIndicators(report(), DISTRICT);
    expect(shown.staysOverNorm[0]).toEqual({
      category: 'acute',
      name: 'Akutt',
      normedMaxStayDays: 3,
      openStays: null,
      overNorm: null,
      longestDays: null,
      suppressed: ['openStays', 'overNorm', 'longestDays'],
    });
    expect(shown.staysOverNorm[1]).toMatchObject({ openStays: 9, overNorm: 0, longestDays: 20 });
    expect(shown.staysOverNorm[1]).not.toHaveProperty('suppressed');
  });

  it('hides a small bucket of stays beyond the norm and what the total would give back', () => {
    const shown = suppressIndicators(report(), DISTRICT);
    const coping = shown.staysBeyondNorm[0];
    expect(coping.buckets.oneToTwoYears).toBeNull();
    // 14 − 11 would give the 3 back: the total or the other bucket is hidden too.
    expect(coping.total === null || coping.buckets.threeMonthsToOneYear === null).toBe(true);
    expect(coping.suppressed).toContain('buckets.oneToTwoYears');
    const table = indicatorsCountTable(report(), DISTRICT);
    expect(auditSuppression(table, suppressCounts(table, 5))).toEqual([]);
  });

  it("shows district staff their own district's figures exactly", () => {
    const own = suppressIndicators(report(), { ...DISTRICT, ownDistrict: '030101' });
    expect(own.referrals.find((r) => r.districtCode === '030101')).toMatchObject({
      stays: 10,
      categories: [
        { category: 'acute', stays: 1, share: 0.1 },
        { category: 'coping', stays: 9, share: 0.9 },
      ],
    });
  });

  it('hides small daily flow figures and keeps the days with none', () => {
    const r = report();
    r.flow.push({ date: '2026-01-03', admissions: 0, discharges: 2 });
    const shown = suppressIndicators(r, DISTRICT);
    expect(shown.flow[2]).toEqual({
      date: '2026-01-03',
      admissions: 0,
      discharges: null,
      suppressed: ['discharges'],
    });
  });

  it('answers in the shape of the contract', () => {
    expect(() => CapacityIndicators.parse(suppressIndicators(report(), DISTRICT))).not.toThrow();
  });

  it('leaves the report it was given unchanged', () => {
    const r = report();
    suppressIndicators(r, DISTRICT);
    expect(r).toEqual(report());
  });
});
