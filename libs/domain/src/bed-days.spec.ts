import {
  addCalendarDays,
  addPlaceTime,
  integrateUnitStates,
  utilization,
  wallClockMs,
  zonedDate,
  zonedDayStart,
  ZERO_PLACE_TIME,
  type PlaceTime,
  type UnitStateAt,
} from './bed-days';

const day = (date: string) => zonedDayStart(date);
const at = (iso: string) => Date.parse(iso);

function total(states: UnitStateAt[], from: number, to: number): PlaceTime {
  return integrateUnitStates(states, from, to).reduce((sum, s) => addPlaceTime(sum, s.time), ZERO_PLACE_TIME);
}

function state(when: number, capacity: number, occupied: number, blocked = 0, closed = false): UnitStateAt {
  return { at: when, capacity, occupied, blocked, closed };
}

describe('Oslo calendar helpers', () => {
  it('finds local midnight in winter and in summer time', () => {
    expect(new Date(day('2024-01-01')).toISOString()).toBe('2023-12-31T23:00:00.000Z');
    expect(new Date(day('2024-07-01')).toISOString()).toBe('2024-06-30T22:00:00.000Z');
    // The days of the daylight-saving changes themselves start at midnight before the change.
    expect(new Date(day('2024-03-31')).toISOString()).toBe('2024-03-30T23:00:00.000Z');
    expect(new Date(day('2024-10-27')).toISOString()).toBe('2024-10-26T22:00:00.000Z');
  });

  it('reads the wall clock and the calendar date of an instant', () => {
    expect(wallClockMs(at('2024-03-31T01:00:00Z'))).toBe(at('2024-03-31T03:00:00Z'));
    expect(zonedDate(at('2024-06-30T22:30:00Z'))).toBe('2024-07-01');
    expect(zonedDate(at('2024-12-31T22:59:59Z'))).toBe('2024-12-31');
    expect(addCalendarDays('2024-02-28', 2)).toBe('2024-03-01');
  });

  it('rejects what is not a date', () => {
    expect(() => zonedDayStart('2024-1-1')).toThrow(/YYYY-MM-DD/);
    expect(() => zonedDayStart('2024-02-30')).toThrow(/YYYY-MM-DD/);
  });
});

describe(integrateUnitStates.name, () => {
  const year = { from: day('2024-01-01'), to: day('2025-01-01') };

  it('counts 101 places over the leap year 2024 as 36,966 possible bed-days', () => {
    const result = utilization(total([state(day('2023-06-01'), 101, 0)], year.from, year.to));
    expect(result.possibleBedDays).toBe(36_966);
    expect(result.usedBedDays).toBe(0);
  });

  it('counts every calendar day as one day across both daylight-saving changes', () => {
    // 1 July (summer time) to 1 January (winter time) is 184 days, though 184 days and one hour pass.
    const result = utilization(total([state(day('2024-07-01'), 5, 5)], year.from, year.to));
    expect(result).toMatchObject({ possibleBedDays: 920, usedBedDays: 920, unusedBedDays: 0 });
    const march = utilization(total([state(0, 1, 0)], day('2024-03-31'), day('2024-04-01')));
    expect(march.possibleBedDays).toBe(1);
  });

  it('carries the state from before the period in and the last state to its end', () => {
    const states = [state(day('2023-12-15'), 10, 4), state(day('2024-01-11'), 10, 6)];
    const result = utilization(total(states, year.from, day('2024-01-21')));
    // 10 days at 4, then 10 days at 6.
    expect(result).toMatchObject({ possibleBedDays: 200, usedBedDays: 100, unusedBedDays: 100 });
  });

  it('ignores states after the period and counts fractions of a day', () => {
    const states = [
      state(day('2024-01-01'), 4, 2),
      state(day('2024-01-01') + 6 * 3_600_000, 4, 3),
      state(day('2024-01-01') + 18 * 3_600_000, 4, 2),
      state(day('2024-01-05'), 4, 4),
    ];
    const result = utilization(total(states, day('2024-01-01'), day('2024-01-02')));
    expect(result).toMatchObject({ possibleBedDays: 4, usedBedDays: 2.5, unusedBedDays: 1.5 });
  });

  it('counts nothing for a closed unit, and blocked places are neither used nor unused', () => {
    const states = [
      state(day('2024-01-01'), 10, 6, 2),
      state(day('2024-01-03'), 10, 0, 0, true),
      state(day('2024-01-05'), 8, 1),
    ];
    const result = utilization(total(states, day('2024-01-01'), day('2024-01-06')));
    // Two days of 10 places (6 used, 2 blocked), two closed days, one day of 8 places (1 used).
    expect(result).toEqual({
      possibleBedDays: 28,
      usedBedDays: 13,
      blockedBedDays: 4,
      unusedBedDays: 11,
      occupancyRate: 13 / 24,
    });
  });

  it('attributes each segment to the state that held it', () => {
    const first = { ...state(day('2024-01-01'), 3, 3), category: 'coping' };
    const second = { ...state(day('2024-01-02'), 3, 1), category: 'care-drugfree' };
    const parts = integrateUnitStates([first, second], day('2024-01-01'), day('2024-01-04'));
    expect(parts.map((p) => [p.state.category, utilization(p.time).usedBedDays])).toEqual([
      ['coping', 3],
      ['care-drugfree', 2],
    ]);
  });

  it('reports overcapacity as negative unused bed-days and no rate without usable places', () => {
    const over = utilization(total([state(day('2024-01-01'), 2, 3)], day('2024-01-01'), day('2024-01-02')));
    expect(over).toMatchObject({ unusedBedDays: -1, occupancyRate: 1.5 });
    const allBlocked = utilization(
      total([state(day('2024-01-01'), 2, 0, 2)], day('2024-01-01'), day('2024-01-02')),
    );
    expect(allBlocked.occupancyRate).toBeNull();
  });
});
