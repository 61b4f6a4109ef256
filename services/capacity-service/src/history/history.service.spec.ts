import { historyPoint } from './history.service';

const step = { start: new Date('2026-12-01T00:00:00Z'), end: new Date('2026-12-02T00:00:00Z') };

describe(historyPoint.name, () => {
  it('gives the free places summed per unit as available, and overcapacity apart (ADR 0192)', () => {
    // One unit 2 over capacity, another with 3 free: the summed counts say 1, the units say 3 free.
    const point = historyPoint({
      ...step,
      known: true,
      capacity: 20,
      occupied: 19,
      blocked: 0,
      reserved: 0,
      free: 3,
      overCapacity: 2,
    });
    expect(point).toMatchObject({ capacity: 20, occupied: 19, available: 3, overCapacity: 2 });
    expect(point.occupancyRate).toBeCloseTo(19 / 20);
  });

  it('leaves every count null before the first change, overcapacity too (ADR 0186)', () => {
    const point = historyPoint({
      ...step,
      known: false,
      capacity: 0,
      occupied: 0,
      blocked: 0,
      reserved: 0,
      free: 0,
      overCapacity: 0,
    });
    expect(point).toMatchObject({ available: null, overCapacity: null, capacity: null, occupancyRate: null });
  });
});
