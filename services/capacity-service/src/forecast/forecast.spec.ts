import { zonedDayStart } from '@plass/domain';
import {
  arrivalRates,
  expectedDischargeDate,
  forecastFreePlaces,
  type ForecastStay,
  type ForecastUnit,
} from './forecast';

const now = zonedDayStart('2026-11-23') + 10 * 3_600_000;

function unit(unitId: string, counts: Partial<ForecastUnit> = {}): ForecastUnit {
  return {
    unitId,
    category: 'assessment-active',
    capacity: 10,
    occupied: 8,
    blocked: 0,
    reserved: 0,
    ...counts,
  };
}

describe(forecastFreePlaces.name, () => {
  it('frees a place on the planned discharge date, or when the normed maximum stay runs out', () => {
    const f = forecastFreePlaces(
      [unit('a', { reserved: 1 })],
      [
        { unitId: 'a', admittedAt: '2026-11-01T09:00:00Z', plannedDischargeDate: '2026-11-25' },
        // No plan: 90 days (assessment) after admission on 26 August = 24 November.
        { unitId: 'a', admittedAt: '2026-08-26T09:00:00Z', plannedDischargeDate: null },
      ],
      now,
      4,
    );
    expect(f.today).toBe('2026-11-23');
    expect(f.total.now).toMatchObject({ free: 1, reserved: 1, overdueStays: 0, dischargesExpectedToday: 0 });
    expect(f.total.days).toEqual([
      { date: '2026-11-24', expectedDischarges: 1, expectedAdmissions: 0, expectedFree: 2 },
      { date: '2026-11-25', expectedDischarges: 1, expectedAdmissions: 0, expectedFree: 3 },
      { date: '2026-11-26', expectedDischarges: 0, expectedAdmissions: 0, expectedFree: 3 },
      { date: '2026-11-27', expectedDischarges: 0, expectedAdmissions: 0, expectedFree: 3 },
    ]);
  });

  it("does not count on overdue stays, counts today's discharges from tomorrow, and holds blocked places", () => {
    const f = forecastFreePlaces(
      [unit('a', { occupied: 3, blocked: 2 })],
      [
        { unitId: 'a', admittedAt: '2026-01-01T09:00:00Z', plannedDischargeDate: '2026-11-20' },
        { unitId: 'a', admittedAt: '2026-11-01T09:00:00Z', plannedDischargeDate: '2026-11-23' },
      ],
      now,
      1,
    );
    expect(f.total.now).toMatchObject({ free: 5, overdueStays: 1, dischargesExpectedToday: 1 });
    expect(f.total.days).toEqual([
      { date: '2026-11-24', expectedDischarges: 0, expectedAdmissions: 0, expectedFree: 6 },
    ]);
  });

  it('lets a unit over capacity come back within it before it frees anything', () => {
    const f = forecastFreePlaces(
      [unit('a', { capacity: 4, occupied: 6 }), unit('b', { capacity: 2, occupied: 0 })],
      [
        { unitId: 'a', admittedAt: '2026-11-01T09:00:00Z', plannedDischargeDate: '2026-11-24' },
        { unitId: 'a', admittedAt: '2026-11-01T09:00:00Z', plannedDischargeDate: '2026-11-25' },
        { unitId: 'a', admittedAt: '2026-11-01T09:00:00Z', plannedDischargeDate: '2026-11-26' },
      ],
      now,
      3,
    );
    expect(f.categories).toHaveLength(1);
    expect(f.total.days.map((d) => d.expectedFree)).toEqual([2, 2, 3]);
  });

  it('groups per category in the reference order', () => {
    const f = forecastFreePlaces([unit('a'), unit('b', { category: 'acute' })], [], now, 1);
    expect(f.categories.map((c) => c.category)).toEqual(['acute', 'assessment-active']);
  });
});

describe('forecastFreePlaces with arrivals', () => {
  // Acute (normed stay 3 days): 30 places, 27 occupied by stays admitted over the last three days, nine a
  // day; 252 admissions in the last 28 days. Every stay ends within three days — and nine arrive each day.
  const acute = [unit('acute-1', { category: 'acute', capacity: 30, occupied: 27 })];
  const stays: ForecastStay[] = [21, 22, 23].flatMap((day) =>
    Array.from({ length: 9 }, () => ({
      unitId: 'acute-1',
      admittedAt: `2026-11-${day}T09:00:00Z`,
      plannedDischargeDate: null,
    })),
  );

  it('no longer shows acute going from 3 to 30 free places in three days with nobody arriving', () => {
    const without = forecastFreePlaces(acute, stays, now, 3);
    expect(without.total.days.map((d) => d.expectedFree)).toEqual([12, 21, 30]);

    const f = forecastFreePlaces(
      acute,
      stays,
      now,
      3,
      new Map([['acute', { admissions: 252, referrals: 40 }]]),
    );
    expect(f.categories[0].arrivals).toEqual({
      admissionsPerDay: 9,
      referralsPerDay: 1.4,
      expectedPerDay: 9,
    });
    expect(f.total.days).toEqual([
      { date: '2026-11-24', expectedDischarges: 9, expectedAdmissions: 9, expectedFree: 3 },
      { date: '2026-11-25', expectedDischarges: 9, expectedAdmissions: 9, expectedFree: 3 },
      { date: '2026-11-26', expectedDischarges: 9, expectedAdmissions: 9, expectedFree: 3 },
    ]);
  });

  it('lets arrivals that find no place take the next ones freed, and never goes below zero', () => {
    // 1 free now, 2 freed on the second day, 1.5 arriving a day: 0 (−0.5), then 0 (3 − 3), then 0.
    const f = forecastFreePlaces(
      [unit('a', { capacity: 4, occupied: 3 })],
      [
        { unitId: 'a', admittedAt: '2026-11-01T09:00:00Z', plannedDischargeDate: '2026-11-25' },
        { unitId: 'a', admittedAt: '2026-11-01T09:00:00Z', plannedDischargeDate: '2026-11-25' },
      ],
      now,
      3,
      new Map([['assessment-active', { admissions: 0, referrals: 42 }]]),
    );
    expect(f.total.days.map((d) => d.expectedFree)).toEqual([0, 0, 0]);
  });
});

describe(arrivalRates.name, () => {
  it('takes the larger of admissions and referrals per day: a placed referral is also an admission', () => {
    expect(arrivalRates({ admissions: 14, referrals: 28 }, 28)).toEqual({
      admissionsPerDay: 0.5,
      referralsPerDay: 1,
      expectedPerDay: 1,
    });
    expect(arrivalRates(undefined)).toEqual({ admissionsPerDay: 0, referralsPerDay: 0, expectedPerDay: 0 });
  });
});

describe(expectedDischargeDate.name, () => {
  it('counts the normed stay from the admission date in Oslo', () => {
    // 23:30 UTC on 31 December is already 1 January in Oslo; acute norm: 3 days.
    expect(
      expectedDischargeDate(
        { unitId: 'a', admittedAt: '2025-12-31T23:30:00Z', plannedDischargeDate: null },
        'acute',
      ),
    ).toBe('2026-01-04');
  });
});
