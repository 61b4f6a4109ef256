import {
  addCalendarDays,
  addPlaceTime,
  correctableEffect,
  effectiveDeltas,
  integrateUnitStates,
  statesByEffectiveTime,
  statesFromDeltas,
  utilization,
  wallClockMs,
  zonedDate,
  zonedDayStart,
  ZERO_PLACE_TIME,
  type PlaceTime,
  type UnitChangeAt,
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

describe(statesByEffectiveTime.name, () => {
  const from = day('2024-01-01');
  const to = day('2024-01-11');
  /** A unit's event: the state after it, effective at `when`, the `sequence`-th of its unit. */
  const change = (
    sequence: number,
    when: number,
    capacity: number,
    occupied: number,
    extra: Partial<UnitChangeAt> = {},
  ): UnitChangeAt => ({ ...state(when, capacity, occupied), sequence, ...extra });
  const used = (changes: UnitChangeAt[]) =>
    utilization(total(statesByEffectiveTime(changes), from, to)).usedBedDays;

  it('gives back the events themselves when they are in effective order (a closed one counting nothing)', () => {
    const changes = [
      change(1, day('2023-12-01'), 10, 0),
      change(2, day('2024-01-03'), 10, 2),
      { ...change(3, day('2024-01-05'), 10, 2), closed: true },
      change(4, day('2024-01-07'), 12, 1),
    ];
    expect(statesByEffectiveTime(changes)).toEqual(
      changes.map((c) => (c.closed ? { ...c, capacity: 0, occupied: 0 } : c)),
    );
    expect(used(changes)).toBe(2 * 2 + 1 * 4);
  });

  it("applies a backdated event's change at its effective time, not after the events recorded before it", () => {
    // Recorded on the 5th (sequence 3) but admitted on the 2nd: one more place used from the 2nd.
    const changes = [
      change(1, day('2023-12-01'), 10, 0),
      change(2, day('2024-01-04'), 10, 1),
      change(3, day('2024-01-02'), 10, 2),
    ];
    expect(statesByEffectiveTime(changes).map((s) => [zonedDate(s.at), s.occupied])).toEqual([
      ['2023-12-01', 0],
      ['2024-01-02', 1],
      ['2024-01-04', 2],
    ]);
    expect(used(changes)).toBe(9 + 7);
  });

  it('gives the same states whatever order the effective times arrived in', () => {
    // Two admissions on the 2nd and the 6th and a discharge on the 8th, recorded in three orders.
    const inOrder = [
      change(1, day('2023-12-01'), 10, 0),
      change(2, day('2024-01-02'), 10, 1),
      change(3, day('2024-01-06'), 10, 2),
      change(4, day('2024-01-08'), 10, 1),
    ];
    const late = [
      change(1, day('2023-12-01'), 10, 0),
      change(2, day('2024-01-06'), 10, 1),
      change(3, day('2024-01-08'), 10, 0),
      change(4, day('2024-01-02'), 10, 1),
    ];
    const imported = [
      change(1, day('2023-12-01'), 10, 0),
      change(2, day('2024-01-08'), 10, -1),
      change(3, day('2024-01-06'), 10, 0),
      change(4, day('2024-01-02'), 10, 1),
    ];
    const counts = (changes: UnitChangeAt[]) =>
      statesByEffectiveTime(changes).map((s) => [s.at, s.capacity, s.occupied, s.blocked]);
    expect(counts(late)).toEqual(counts(inOrder));
    expect(counts(imported)).toEqual(counts(inOrder));
    expect(used(late)).toBe(used(inOrder));
    expect(used(inOrder)).toBe(4 * 1 + 2 * 2 + 3 * 1);
  });

  it("moves a correction's bed-days from the old to the new time, and changes no count after both", () => {
    const admitted = [change(1, day('2023-12-01'), 10, 0), change(2, day('2024-01-05'), 10, 1)];
    // The admission really was on the 3rd: two more bed-days.
    const earlier = [
      ...admitted,
      change(3, day('2024-01-03'), 10, 1, {
        moved: { previousAt: day('2024-01-05'), ...correctableEffect('admission') },
      }),
    ];
    expect(used(admitted)).toBe(6);
    expect(used(earlier)).toBe(8);
    // …or on the 9th: four fewer.
    const later = [
      ...admitted,
      change(3, day('2024-01-09'), 10, 1, {
        moved: { previousAt: day('2024-01-05'), ...correctableEffect('admission') },
      }),
    ];
    expect(used(later)).toBe(2);
    // A correction changes no other field: its states keep those of the state it follows.
    expect(statesByEffectiveTime(later).at(-1)).toMatchObject({ occupied: 1, sequence: 2 });
  });

  it('moves a block by its places, and keeps a closed unit out while it is closed', () => {
    const blocked = [
      change(1, day('2023-12-01'), 10, 0),
      { ...change(2, day('2024-01-03'), 10, 0), blocked: 3 },
      {
        ...change(3, day('2024-01-01'), 10, 0, {
          moved: { previousAt: day('2024-01-03'), ...correctableEffect('block', 3) },
        }),
        blocked: 3,
      },
    ];
    expect(utilization(total(statesByEffectiveTime(blocked), from, to)).blockedBedDays).toBe(30);
    expect(correctableEffect('unblock', 2)).toEqual({ occupied: 0, blocked: -2 });
    expect(correctableEffect('discharge')).toEqual({ occupied: -1, blocked: 0 });
    const closing = [
      change(1, day('2023-12-01'), 10, 4),
      change(2, day('2024-01-06'), 10, 3),
      // A discharge on the 3rd, recorded after the one on the 6th.
      change(3, day('2024-01-03'), 10, 2),
      { ...change(4, day('2024-01-08'), 10, 2), closed: true },
    ];
    const result = utilization(total(statesByEffectiveTime(closing), from, to));
    // 4 for two days, 3 for three, 2 for two, nothing once closed.
    expect(result.usedBedDays).toBe(8 + 9 + 4);
    expect(result.possibleBedDays).toBe(70);
  });

  it("gives the same bed-days from the state when the period began and the period's deltas alone", () => {
    // As the report reads it: counts summed before `from`, fields of the last event in effect then.
    const changes = [
      change(1, day('2023-12-01'), 10, 0),
      change(2, day('2024-01-04'), 10, 3),
      change(3, day('2023-12-20'), 10, 4),
      change(4, day('2024-01-09'), 10, 4, {
        moved: { previousAt: day('2023-12-22'), ...correctableEffect('admission') },
      }),
    ];
    const deltas = effectiveDeltas(changes);
    const before = deltas.filter((d) => d.at < from);
    const start = {
      ...changes[2],
      occupied: before.reduce((n, d) => n + d.occupied, 0),
      capacity: before.reduce((n, d) => n + d.capacity, 0),
    };
    const split = statesFromDeltas(
      deltas.filter((d) => d.at >= from),
      start,
    );
    expect(start.occupied).toBe(0);
    expect(utilization(total(split, from, to))).toEqual(
      utilization(total(statesByEffectiveTime(changes), from, to)),
    );
    // 0 until the 4th, 3 until the 9th, 4 after it.
    expect(utilization(total(split, from, to)).usedBedDays).toBe(3 * 5 + 4 * 2);
  });
});
