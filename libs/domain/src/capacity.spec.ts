import {
  addCounts,
  availablePlaces,
  isOverCapacity,
  occupancyRate,
  subtractCounts,
  withTotals,
} from './capacity';

describe('capacity maths', () => {
  const unit = { capacity: 10, occupied: 7, blocked: 1, reserved: 1 };

  it('counts available places as capacity minus occupied, blocked and reserved', () => {
    expect(availablePlaces(unit)).toBe(1);
  });

  it('reports negative availability when a unit is over capacity', () => {
    expect(availablePlaces({ capacity: 4, occupied: 5, blocked: 0, reserved: 0 })).toBe(-1);
    expect(isOverCapacity({ capacity: 4, occupied: 4, blocked: 1, reserved: 0 })).toBe(true);
    expect(isOverCapacity(unit)).toBe(false);
  });

  it('computes occupancy over usable places and is null when none are usable', () => {
    expect(occupancyRate(unit)).toBeCloseTo(7 / 9);
    expect(occupancyRate({ capacity: 2, occupied: 0, blocked: 2, reserved: 0 })).toBeNull();
  });

  it('adds and subtracts counts so that deltas round-trip', () => {
    const other = { capacity: 3, occupied: 1, blocked: 0, reserved: 2 };
    expect(subtractCounts(addCounts(unit, other), other)).toEqual(unit);
  });

  it('derives totals from counts', () => {
    expect(withTotals(unit)).toEqual({ ...unit, available: 1, occupancyRate: 7 / 9 });
  });
});
