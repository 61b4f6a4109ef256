import { DemandReport, type DemandFigures } from '@plass/contracts';
import { auditSuppression, suppressCounts } from './count-table';
import { demandCountTable, suppressDemand } from './demand-suppression';
import type { SuppressionReader } from './suppression-policy';

const DISTRICT: SuppressionReader = { suppression: { threshold: 5 }, ownDistrict: null };

const figures = (received: number, placed: number, p50: number | null): DemandFigures => ({
  received,
  placed,
  withdrawn: 0,
  waitingNow: received - placed,
  waitingHoursP50: p50,
  waitingHoursP90: p50,
  offersDeclined: { 'declined-by-resident': 0, unsuitable: 0, 'placed-elsewhere': 0, other: 0 },
});

function report(): DemandReport {
  return {
    from: '2025-12-31T23:00:00.000Z',
    to: '2026-01-31T23:00:00.000Z',
    groupBy: 'district',
    timeZone: 'Europe/Oslo',
    groups: [
      { key: '030101', name: 'Gamle Oslo', ...figures(3, 2, 30) },
      { key: '030102', name: 'Grünerløkka', ...figures(20, 12, 48) },
      { key: '030103', name: 'Sagene', ...figures(30, 25, 24) },
    ],
    total: figures(53, 39, 30),
  };
}

describe(suppressDemand.name, () => {
  it('hides small referral counts, their percentiles, and what the total would give back', () => {
    const shown = suppressDemand(report(), DISTRICT);
    expect(shown.suppression).toEqual({ threshold: 5 });
    expect(shown.groups[0]).toMatchObject({
      received: null,
      placed: null,
      waitingNow: null,
      waitingHoursP50: null,
      waitingHoursP90: null,
      withdrawn: 0,
    });
    // Received: 53 − 20 − 30 would be Gamle Oslo's 3, so the next smallest (Grünerløkka's 20) is hidden too.
    expect(shown.groups[1].received).toBeNull();
    expect(shown.groups[2].received).toBe(30);
    expect(shown.total.received).toBe(53);
    const table = demandCountTable(report(), DISTRICT);
    expect(auditSuppression(table, suppressCounts(table, 5))).toEqual([]);
  });

  it("shows district staff their own district's row exactly, and still hides what it would give back", () => {
    const shown = suppressDemand(report(), { ...DISTRICT, ownDistrict: '030101' });
    expect(shown.groups[0]).toMatchObject({ received: 3, placed: 2, waitingHoursP50: 30 });
    expect(shown.groups[0]).not.toHaveProperty('suppressed');
  });

  it('answers in the shape of the contract', () => {
    expect(() => DemandReport.parse(suppressDemand(report(), DISTRICT))).not.toThrow();
  });

  it('gives exact figures without suppression', () => {
    expect(suppressDemand(report(), { suppression: null, ownDistrict: null })).toEqual({
      ...report(),
      suppression: null,
    });
  });
});
